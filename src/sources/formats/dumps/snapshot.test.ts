import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readDump } from './read';

const SKYWAY = 'src/sources/fixtures/realcalls/skyway-lab-rtcstats-wrapper/';
const FILES = ['chrome-77.0.3842.0.json', 'firefox-67.0.4.json', 'safari-12.1.1.json'];

type Pair = [string, Record<string, unknown>];
const pairsOf = (name: string): Pair[] => JSON.parse(readFileSync(SKYWAY + name, 'utf8')) as Pair[];

describe('getStats() snapshots', () => {
  it.each(FILES)('%s (Array.from(report)): one connection, one report holding every stat as recorded', (name) => {
    const pairs = pairsOf(name);
    const dump = readDump(readFileSync(SKYWAY + name, 'utf8'));
    expect(dump.format).toBe('getstats-snapshot');
    expect(dump.userAgent).toBeNull();
    expect(dump.warnings).toEqual([]);
    expect(dump.connections).toHaveLength(1);
    const [conn] = dump.connections;
    expect(conn?.reports).toHaveLength(1);
    expect(conn?.closedAt).toBeNull();
    expect(conn?.legacyOnly).toBe(false);
    const report = conn?.reports[0]?.report;
    expect([...(report?.keys() ?? [])]).toEqual(pairs.map(([id]) => id));
    for (const [id, stats] of pairs) expect(report?.get(id)).toEqual(stats);
    // The report's time is its newest stat's (remote stats carry their older RTCP time).
    expect(conn?.reports[0]?.at).toBe(Math.max(...pairs.map(([, stats]) => Number(stats.timestamp))));
  });

  it('reads the [{key, value}] and plain stats-array forms the same way', () => {
    const pairs = pairsOf('chrome-77.0.3842.0.json');
    const expected = readDump(pairs);
    expect(readDump(JSON.stringify(pairs.map(([key, value]) => ({ key, value }))))).toEqual(expected);
    expect(readDump(pairs.map(([, value]) => value))).toEqual(expected);
  });

  it('finds the Firefox and Safari snapshots’ standard stats', () => {
    const firefox = readDump(pairsOf('firefox-67.0.4.json')).connections[0]?.reports[0]?.report;
    expect([...(firefox?.values() ?? [])].filter((s) => s.type === 'remote-inbound-rtp')).toHaveLength(2);
    const safari = readDump(pairsOf('safari-12.1.1.json')).connections[0]?.reports[0]?.report;
    expect([...(safari?.values() ?? [])].some((s) => s.type === 'remote-inbound-rtp')).toBe(false);
    expect([...(safari?.values() ?? [])].filter((s) => s.type === 'inbound-rtp')).toHaveLength(2);
  });

  it('skips elements that are not stats, with a warning', () => {
    const pairs: unknown[] = pairsOf('firefox-67.0.4.json');
    const dump = readDump([...pairs.slice(0, 3), ['x'], 7, ...pairs.slice(3)]);
    expect(dump.warnings).toEqual(['element 3: not a stats entry; skipped', 'element 4: not a stats entry; skipped']);
    expect(dump.connections[0]?.reports[0]?.report.size).toBe(pairs.length);
  });
});
