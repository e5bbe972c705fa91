import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { DumpConnection, StatsDump } from './dump';
import { readDump } from './read';

// Expectations here are worked out from the raw series of the real dumps (see fixtures/dumps/README.md).

const FIXTURES = 'src/sources/fixtures/dumps/';
const currentText = readFileSync(`${FIXTURES}webrtc-internals-chromium.json`, 'utf8');
const legacyText = readFileSync(`${FIXTURES}webrtc-internals-chromium-legacy.json`, 'utf8');

interface RawSeries {
  startTime: string;
  endTime: string;
  statsType?: string;
  values: string;
}
interface RawPc {
  updateLog: Array<Record<string, unknown>>;
  stats: Record<string, RawSeries>;
}
interface RawDump {
  PeerConnections: Record<string, RawPc>;
  UserAgent: string;
}

const raw = (text: string): RawDump => JSON.parse(text) as RawDump;
const values = (series: RawSeries | undefined): unknown[] => (series ? (JSON.parse(series.values) as unknown[]) : []);

function connection(dump: StatsDump, id: string): DumpConnection {
  const found = dump.connections.find((c) => c.id === id);
  if (!found) throw new Error(`no connection ${id}`);
  return found;
}

/** "<statId>-<field>" keys of a connection's real series (computed "[...]" series left out). */
function seriesKeys(pc: RawPc): Array<{ key: string; id: string; field: string }> {
  return Object.keys(pc.stats)
    .filter((key) => !/-\[.*\]$/.test(key))
    .map((key) => ({ key, id: key.slice(0, key.lastIndexOf('-')), field: key.slice(key.lastIndexOf('-') + 1) }));
}

/** Types and counters of a report, id-free, so the current and legacy dumps can be compared poll by poll. */
function countersOf(dump: StatsDump, pc: string): string[][] {
  return connection(dump, pc).reports.map(({ report }) =>
    [...report.values()]
      .filter((entry) => entry.type !== 'media-playout')
      .map((entry) =>
        JSON.stringify([entry.type, entry.kind, entry.bytesSent, entry.bytesReceived, entry.packetsSent, entry.packetsReceived, entry.packetsLost]),
      )
      .sort(),
  );
}

describe('webrtc-internals dump (current Chrome)', () => {
  const dump = readDump(currentText);
  const file = raw(currentText);

  it('reads the dump Chromium wrote: two connections, its user agent, nothing skipped', () => {
    expect(dump.format).toBe('webrtc-internals');
    expect(dump.userAgent).toBe(file.UserAgent);
    expect(dump.userAgent).toContain('HeadlessChrome/156');
    expect(dump.connections.map((c) => c.id)).toEqual(Object.keys(file.PeerConnections));
    expect(dump.warnings).toEqual([]);
  });

  it('makes one report per poll, at the poll’s time (the peer-connection stat’s timestamps)', () => {
    for (const [pcId, pc] of Object.entries(file.PeerConnections)) {
      expect(connection(dump, pcId).reports.map((r) => r.at)).toEqual(values(pc.stats['P-timestamp']));
    }
  });

  it('puts every value of every local series at its sample index', () => {
    let checked = 0;
    for (const [pcId, pc] of Object.entries(file.PeerConnections)) {
      const reports = connection(dump, pcId).reports;
      const polls = values(pc.stats['P-timestamp']);
      for (const { key, id, field } of seriesKeys(pc)) {
        const series = pc.stats[key];
        const timestamps = values(pc.stats[`${id}-timestamp`]);
        // Local stats sample at the poll's own time; this checks the ones present since the first poll.
        if (!series || timestamps[0] !== polls[0] || field === 'type') continue;
        const offset = timestamps.length - values(series).length;
        values(series).forEach((value, index) => {
          expect(reports[offset + index]?.report.get(id)?.[field], `${key}[${index}]`).toEqual(value);
          checked += 1;
        });
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('places remote-inbound/outbound stats, whose timestamps are their RTCP times, one poll per sample', () => {
    let checkedLate = 0;
    for (const [pcId, pc] of Object.entries(file.PeerConnections)) {
      const reports = connection(dump, pcId).reports;
      const remoteIds = [...new Set(seriesKeys(pc).filter(({ key }) => /^remote-(in|out)bound-rtp$/.test(pc.stats[key]?.statsType ?? '')).map(({ id }) => id))];
      expect(remoteIds.length).toBeGreaterThan(0);
      for (const id of remoteIds) {
        const stamps = values(pc.stats[`${id}-timestamp`]) as number[];
        const present = reports.filter((r) => r.report.has(id));
        expect(present.map((r) => r.report.get(id)?.timestamp)).toEqual(stamps);
        // Each sample sits in a poll at or after its own time, and they end with the last poll.
        present.forEach((r, index) => expect(r.at).toBeGreaterThanOrEqual((stamps[index] ?? 0) - 1));
        expect(present[present.length - 1]).toBe(reports[reports.length - 1]);
        // A field that appeared later (roundTripTime needs an RTCP round trip) lines up with its samples,
        // when it then stayed (see the next test for one that skipped a poll).
        const rtt = pc.stats[`${id}-roundTripTime`];
        const rttValues = values(rtt);
        const from = stamps.findIndex((t) => Math.abs(t - Date.parse(rtt?.startTime ?? '')) <= 1);
        if (rttValues.length > 0 && from + rttValues.length === stamps.length) {
          expect(present.slice(from).map((r) => r.report.get(id)?.roundTripTime)).toEqual(rttValues);
          checkedLate += 1;
        }
      }
    }
    expect(checkedLate).toBeGreaterThan(0);
  });

  it('puts the values of a field that skipped a poll first at its start, the rest at its end', () => {
    // 8-2's remote-outbound video roundTripTime: 8 values over the stat's 9 samples. Chromium's own rtcstats dump
    // of the call shows the second poll after the first had none; webrtc-internals keeps no trace of which one.
    const pc = raw(currentText).PeerConnections['8-2'];
    const id = Object.keys(pc?.stats ?? {}).find((key) => /^ROV.*-roundTripTime$/.test(key))?.replace(/-roundTripTime$/, '') ?? '';
    const rtt = values(pc?.stats[`${id}-roundTripTime`]);
    expect([rtt.length, values(pc?.stats[`${id}-timestamp`]).length]).toEqual([8, 9]);
    const placed = connection(dump, '8-2').reports.filter((r) => r.report.has(id)).map((r) => r.report.get(id)?.roundTripTime);
    expect(placed).toEqual([rtt[0], undefined, ...rtt.slice(1)]);
  });

  it('keeps string values strings and takes the type from statsType', () => {
    const first = connection(dump, '8-1').reports[0]?.report;
    const pair = [...(first?.values() ?? [])].find((entry) => entry.type === 'candidate-pair' && entry.nominated === true);
    expect(pair?.state).toBe('succeeded');
    expect(typeof pair?.localCandidateId).toBe('string');
    const outbound = [...(first?.values() ?? [])].filter((entry) => entry.type === 'outbound-rtp');
    expect(outbound.map((entry) => entry.kind).sort()).toEqual(['audio', 'video']);
    expect(outbound.every((entry) => typeof entry.codecId === 'string')).toBe(true);
  });

  it('ignores the series webrtc-internals computes itself ("[bytesSent_in_bits/s]")', () => {
    expect(Object.keys(file.PeerConnections['8-1']?.stats ?? {}).some((key) => key.includes('-[bytesSent_in_bits/s]'))).toBe(true);
    for (const conn of dump.connections) {
      for (const { report } of conn.reports) for (const entry of report.values()) expect(Object.keys(entry).filter((k) => k.startsWith('['))).toEqual([]);
    }
  });

  it('reads the connection states from updateLog, unquoted', () => {
    for (const [pcId, pc] of Object.entries(file.PeerConnections)) {
      const expected = pc.updateLog
        .filter((event) => event.type === 'onconnectionstatechange' || event.type === 'oniceconnectionstatechange')
        .map((event) => ({
          at: event.timestamp,
          [event.type === 'onconnectionstatechange' ? 'connectionState' : 'iceConnectionState']: JSON.parse(String(event.value)) as string,
        }));
      expect(connection(dump, pcId).states).toEqual(expected);
    }
    expect(connection(dump, '8-1').states.map((s) => s.connectionState ?? s.iceConnectionState)).toEqual(['checking', 'connecting', 'connected', 'connected']);
  });

  it('agrees with the rtcstats dump Chromium wrote of the same call, stat for stat', () => {
    const rtcstats = readDump(gunzipSync(readFileSync(`${FIXTURES}chromium-rtcstats-v3.txt.gz`)).toString('utf8'));
    let same = 0;
    for (const conn of dump.connections) {
      const other = connection(rtcstats, conn.id);
      for (const { report } of conn.reports) {
        for (const [id, entry] of report) {
          const match = other.reports.map((r) => r.report.get(id)).find((e) => e?.timestamp === entry.timestamp);
          expect(match, `${conn.id} ${id} @${String(entry.timestamp)}`).toBeDefined();
          for (const [field, value] of Object.entries(entry)) {
            // webrtc-internals stores numeric-looking strings (mid "0", foundation) as numbers.
            const theirs = match?.[field];
            expect(typeof theirs === 'string' && typeof value === 'number' ? Number(theirs) : theirs, `${id}.${field}`).toEqual(value);
            same += 1;
          }
        }
      }
    }
    expect(same).toBeGreaterThan(4000);
  });
});

describe('webrtc-internals dump (old Chrome, no statsType and no timestamp series)', () => {
  const legacy = readDump(legacyText);
  const current = readDump(currentText);
  const file = raw(legacyText);

  it('is read as the legacy format, every stat typed from its id prefix', () => {
    expect(legacy.format).toBe('webrtc-internals-legacy');
    expect(legacy.warnings).toEqual([]);
    expect(Object.values(file.PeerConnections).every((pc) => Object.values(pc.stats).every((series) => series.statsType === undefined))).toBe(true);
    for (const conn of legacy.connections) {
      for (const { report } of conn.reports) {
        for (const [id, entry] of report) {
          expect(id.startsWith('RTC')).toBe(true);
          expect(typeof entry.type).toBe('string');
        }
      }
    }
  });

  it('gives the same reports as the current dump it was converted from: same stats, types and counters per poll', () => {
    for (const pc of ['8-1', '8-2']) {
      expect(countersOf(legacy, pc)).toEqual(countersOf(current, pc));
      // Poll times come from spreading startTime..endTime; within a few ms of the real ones.
      const real = connection(current, pc).reports.map((r) => r.at);
      connection(legacy, pc).reports.forEach((r, index) => expect(Math.abs(r.at - (real[index] ?? 0))).toBeLessThan(20));
    }
  });

  it('tells local from remote candidates by the pairs that reference them', () => {
    const report = connection(legacy, '8-2').reports[0]?.report;
    const pairs = [...(report?.values() ?? [])].filter((entry) => entry.type === 'candidate-pair');
    for (const pair of pairs) {
      expect(report?.get(String(pair.localCandidateId))?.type).toBe('local-candidate');
      expect(report?.get(String(pair.remoteCandidateId))?.type).toBe('remote-candidate');
    }
  });

  it('takes the media kind from the id when the dump has no kind series', () => {
    const withoutKind = raw(legacyText);
    for (const pc of Object.values(withoutKind.PeerConnections)) for (const key of Object.keys(pc.stats)) if (key.endsWith('-kind')) delete pc.stats[key];
    const report = connection(readDump(withoutKind), '8-1').reports[0]?.report;
    const video = [...(report?.keys() ?? [])].find((id) => id.startsWith('RTCOutboundRTPVideoStream_'));
    expect(report?.get(video ?? '')).toMatchObject({ type: 'outbound-rtp', kind: 'video' });
    expect(report?.get('RTCAudioSource_1')).toMatchObject({ type: 'media-source', kind: 'audio' });
  });

  it('reads updateLog times given as date strings', () => {
    for (const pc of ['8-1', '8-2']) {
      const states = connection(current, pc).states.map((s) => ({ ...s, at: Math.floor(s.at) }));
      expect(connection(legacy, pc).states).toEqual(states);
    }
  });
});

describe('webrtc-internals dump details', () => {
  it('splits "<statId>-<field>" at the last "-", as stat ids contain "-"', () => {
    const file = raw(currentText);
    const pc = file.PeerConnections['8-1'];
    if (!pc) throw new Error('no 8-1');
    for (const key of Object.keys(pc.stats)) {
      if (!key.startsWith('P-')) continue;
      const series = pc.stats[key];
      delete pc.stats[key];
      if (series) pc.stats[`peer-conn-x${key.slice(1)}`] = series;
    }
    const report = connection(readDump(file), '8-1').reports[0]?.report;
    expect(report?.get('peer-conn-x')).toMatchObject({ type: 'peer-connection', dataChannelsOpened: 0 });
  });

  it('reads plain and quoted string values, skips non-finite numbers, and takes close times', () => {
    const file = raw(currentText);
    const pc = file.PeerConnections['8-1'];
    if (!pc) throw new Error('no 8-1');
    const pairKey = Object.keys(pc.stats).find((key) => key.startsWith('CP') && key.endsWith('-state')) ?? '';
    const pairId = pairKey.slice(0, -'-state'.length);
    const count = values(pc.stats[pairKey]).length;
    const state = pc.stats[pairKey];
    if (state) state.values = `[${Array.from({ length: count }, () => 'succeeded').join(',')}]`;
    const bytes = pc.stats[`${pairId}-bytesSent`];
    if (bytes) bytes.values = bytes.values.replace(/^\[\d+/, '[1e999');
    const nominated = pc.stats[`${pairId}-nominated`];
    if (nominated) nominated.values = JSON.stringify(values(nominated).map((v) => JSON.stringify(String(v))));
    pc.updateLog.push({ type: 'close', value: '', time: '2026-11-30T11:14:40.000Z' });
    const conn = connection(readDump(file), '8-1');
    const first = conn.reports[0]?.report.get(pairId);
    expect(first?.state).toBe('succeeded');
    expect(first).not.toHaveProperty('bytesSent');
    expect(conn.reports[1]?.report.get(pairId)?.bytesSent).toBe(values(pc.stats[`${pairId}-bytesSent`])[1]);
    expect(first?.nominated).toBe('true');
    expect(conn.closedAt).toBe(Date.parse('2026-11-30T11:14:40.000Z'));
  });

  it('returns a dump with no connections when PeerConnections is empty', () => {
    const empty = { getUserMedia: [], PeerConnections: {}, UserAgent: 'Mozilla/5.0 Chrome/156' };
    expect(readDump(JSON.stringify(empty))).toEqual({ format: 'webrtc-internals', userAgent: 'Mozilla/5.0 Chrome/156', connections: [], warnings: [] });
  });
});
