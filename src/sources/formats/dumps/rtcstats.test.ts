import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { DumpConnection, StatsDump, StatsEntry } from './dump';
import { readDump } from './read';

// Expectations here are worked out from the raw lines of the real files, not from the reader.

const JITSI = 'src/sources/fixtures/realcalls/jitsi-rtcstats-server/';
const realcall = (name: string): string => readFileSync(JITSI + name, 'utf8');

type Stats = Record<string, Record<string, unknown>>;
interface RawGetstats {
  pc: string;
  /** The line's top-level timestamp: the report's time. */
  at: number;
  stats: Stats;
}

function rawLines(text: string): unknown[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown[]);
}

function rawGetstats(text: string): RawGetstats[] {
  return rawLines(text)
    .filter((line) => line[0] === 'getstats')
    .map((line) => {
      const value = (typeof line[2] === 'string' ? JSON.parse(line[2]) : line[2]) as Stats & { timestamp: number };
      const { timestamp, ...stats } = value;
      return { pc: String(line[1]), at: timestamp, stats: stats as Stats };
    });
}

function connection(dump: StatsDump, id: string): DumpConnection {
  const found = dump.connections.find((c) => c.id === id);
  if (!found) throw new Error(`no connection ${id}`);
  return found;
}

function entryAt(conn: DumpConnection, at: number, id: string): StatsEntry | undefined {
  return conn.reports.find((r) => r.at === at)?.report.get(id);
}

const PROTOCOL_3 = ['google-standard-stats-p2p', 'chrome-standard-multiple-p2p', 'safari-standard-stats', 'firefox-standard-stats-sfu', 'chrome-relay'];
const OLD_CLIENTS = ['google-legacy-screenshare-p2p', 'google-legacy-stats-p2p'];

describe('rtcstats (Jitsi rtcstats-server files)', () => {
  it.each([...PROTOCOL_3, ...OLD_CLIENTS])('%s: one report per getstats line of each connection, at its time', (name) => {
    const text = realcall(name);
    const dump = readDump(text);
    expect(dump.format).toBe('rtcstats');
    const raw = rawGetstats(text);
    for (const pc of new Set(raw.map((line) => line.pc))) {
      const times = [...new Set(raw.filter((line) => line.pc === pc).map((line) => line.at))].sort((a, b) => a - b);
      expect(connection(dump, pc).reports.map((r) => r.at)).toEqual(times);
    }
  });

  it('every field of a raw line is in the report of that time, with that value', () => {
    const text = realcall('google-standard-stats-p2p');
    const dump = readDump(text);
    let checked = 0;
    for (const line of rawGetstats(text)) {
      const conn = connection(dump, line.pc);
      for (const [id, fields] of Object.entries(line.stats)) {
        for (const [field, value] of Object.entries(fields)) {
          if (field === 'timestamp') continue;
          expect(entryAt(conn, line.at, id)?.[field]).toEqual(value);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  it('a field absent from a delta line keeps its earlier value', () => {
    const text = realcall('google-standard-stats-p2p');
    const dump = readDump(text);
    // The last raw value of every field, per connection and stat, replayed line by line.
    const last = new Map<string, Map<string, Record<string, unknown>>>();
    let carried = 0;
    for (const line of rawGetstats(text)) {
      const known = last.get(line.pc) ?? new Map<string, Record<string, unknown>>();
      last.set(line.pc, known);
      for (const [id, fields] of Object.entries(line.stats)) known.set(id, { ...known.get(id), ...fields });
      const conn = connection(dump, line.pc);
      for (const [id, fields] of Object.entries(line.stats)) {
        for (const [field, value] of Object.entries(known.get(id) ?? {})) {
          if (field === 'timestamp' || field in fields) continue;
          expect(entryAt(conn, line.at, id)?.[field]).toEqual(value);
          carried += 1;
        }
      }
    }
    expect(carried).toBeGreaterThan(5_000);
    // One pinned case: PC_0's outbound video has its ssrc on the first line only; the later reports keep it.
    const lines = rawGetstats(text).filter((line) => line.pc === 'PC_0');
    const video = 'RTCOutboundRTPVideoStream_9891702';
    expect(lines[0]?.stats[video]?.ssrc).toBe(9891702);
    expect(lines[9]?.stats[video]).not.toHaveProperty('ssrc');
    expect(entryAt(connection(dump, 'PC_0'), lines[9]?.at ?? 0, video)?.ssrc).toBe(9891702);
  });

  it('timestamp 0 in a stat means the line’s time; a stat’s own time is kept', () => {
    const text = realcall('google-standard-stats-p2p');
    const dump = readDump(text);
    let zero = 0;
    let own = 0;
    for (const line of rawGetstats(text)) {
      for (const [id, fields] of Object.entries(line.stats)) {
        const entry = entryAt(connection(dump, line.pc), line.at, id);
        if (fields.timestamp === 0) {
          expect(entry?.timestamp).toBe(line.at);
          zero += 1;
        } else if (typeof fields.timestamp === 'number') {
          expect(entry?.timestamp).toBe(fields.timestamp);
          own += 1;
        }
      }
    }
    expect(zero).toBeGreaterThan(0);
    expect(own).toBeGreaterThan(0);
  });

  it('a stat missing from a line of a protocol-3 client was removed', () => {
    for (const name of PROTOCOL_3) {
      const text = realcall(name);
      const dump = readDump(text);
      const previous = new Map<string, Stats>();
      let removed = 0;
      for (const line of rawGetstats(text)) {
        const before = previous.get(line.pc);
        previous.set(line.pc, line.stats);
        const report = connection(dump, line.pc).reports.find((r) => r.at === line.at)?.report;
        expect(report && [...report.keys()].sort()).toEqual(Object.keys(line.stats).sort());
        for (const id of Object.keys(before ?? {})) if (!(id in line.stats)) removed += 1;
      }
      if (name === 'chrome-standard-multiple-p2p') expect(removed).toBeGreaterThan(100);
    }
  });

  it('old clients left unchanged stats out of a line: those stats stay, with their values', () => {
    const text = realcall('google-legacy-screenshare-p2p');
    const dump = readDump(text);
    const lines = rawGetstats(text).filter((line) => line.pc === 'PC_0');
    // The first line that leaves out a stat the line before it had.
    const index = lines.findIndex((line, i) => i > 0 && Object.keys(lines[i - 1]?.stats ?? {}).some((id) => !(id in line.stats)));
    const line = lines[index];
    const before = lines[index - 1];
    if (!line || !before) throw new Error('no such line in the file');
    const omitted = Object.keys(before.stats).filter((id) => !(id in line.stats));
    expect(omitted).toContain('bweforvideo');
    const report = connection(dump, 'PC_0').reports.find((r) => r.at === line.at)?.report;
    const previousReport = connection(dump, 'PC_0').reports.find((r) => r.at === before.at)?.report;
    for (const id of omitted) expect(report?.get(id)).toEqual(previousReport?.get(id));
  });

  it('takes the user agent from connectionInfo', () => {
    for (const name of ['firefox-relay', 'firefox-standard-stats-sfu', 'firefox97-standard-stats-sfu']) {
      expect(readDump(realcall(name)).userAgent).toContain('Firefox');
    }
    expect(readDump(realcall('safari-relay')).userAgent).toContain('Version/17.0 Safari');
    expect(readDump(realcall('chrome-relay')).userAgent).toContain('Chrome/117');
    // The oldest files have no connectionInfo.
    expect(readDump(realcall('google-legacy-stats-p2p')).userAgent).toBeNull();
  });

  it('keeps connection-state changes in order (chrome-standard-pc-reconnect)', () => {
    const text = realcall('chrome-standard-pc-reconnect');
    const pc0 = connection(readDump(text), 'PC_0');
    const expected = rawLines(text)
      .filter((line) => line[0] === 'onconnectionstatechange' && line[1] === 'PC_0')
      .map((line) => ({ at: line[3], connectionState: line[2] }));
    expect(pc0.states.filter((s) => s.connectionState !== undefined)).toEqual(expected);
    expect(expected.map((s) => s.connectionState)).toEqual([
      'connecting',
      'connected',
      'disconnected',
      'connected',
      'disconnected',
      'connected',
      'failed',
    ]);
    const pc1 = connection(readDump(text), 'PC_1');
    expect(pc1.states).toContainEqual({ at: 1647265416870, iceConnectionState: 'disconnected' });
    expect(pc1.states).toContainEqual({ at: 1647265416870, connectionState: 'failed' });
  });

  it('reads a mesh page: several connections, the closed ones with closedAt (chrome-standard-multiple-p2p)', () => {
    const text = realcall('chrome-standard-multiple-p2p');
    const dump = readDump(text);
    expect(dump.connections.map((c) => c.id)).toEqual(expect.arrayContaining(['PC_0', 'PC_1', 'PC_2', 'PC_3', 'PC_4', 'PC_5', 'PC_6']));
    const closes = rawLines(text).filter((line) => line[0] === 'close' && typeof line[1] === 'string');
    expect(closes.length).toBe(2);
    for (const close of closes) expect(connection(dump, String(close[1])).closedAt).toBe(close[3]);
    expect(connection(dump, 'PC_1').closedAt).toBeNull();
  });

  it('marks the legacy-stats files legacyOnly, and standard ones not', () => {
    for (const name of [
      'google-legacy-screenshare-msessions',
      'google-legacy-screenshare-p2p',
      'google-legacy-stats-multiple-pc',
      'google-legacy-stats-p2p',
      'google-legacy-stats-sfu',
      'chrome96-standard-stats-p2p-add-transceiver',
    ]) {
      const withReports = readDump(realcall(name)).connections.filter((c) => c.reports.length > 0);
      expect(withReports.length).toBeGreaterThan(0);
      for (const conn of withReports) expect(conn.legacyOnly, `${name} ${conn.id}`).toBe(true);
    }
    for (const name of PROTOCOL_3) for (const conn of readDump(realcall(name)).connections) expect(conn.legacyOnly).toBe(false);
  });

  it('reads lines whose value is a JSON string, as the oldest clients wrote them', () => {
    const text = realcall('chrome-relay');
    const stringified = rawLines(text)
      .map((line) => (line[0] === 'getstats' || line[0] === 'connectionInfo' ? [line[0], line[1], JSON.stringify(line[2]), ...line.slice(3)] : line))
      .map((line) => JSON.stringify(line))
      .join('\n');
    expect(stringified).toContain('["getstats","PC_0","{');
    expect(readDump(stringified)).toEqual(readDump(text));
  });

  it('skips malformed lines with a warning and reads the rest', () => {
    const lines = realcall('undefined-ice-candidate').split('\n');
    const broken = [lines[0], '{not json', '42', '["getstats"]', lines[1]?.slice(0, 40), ...lines.slice(1)].join('\n');
    const dump = readDump(broken);
    expect(dump.warnings).toEqual([
      'line 2: not JSON; skipped',
      'line 3: not an rtcstats event; skipped',
      'line 4: not an rtcstats event; skipped',
      'line 5: not JSON; skipped',
    ]);
    expect(dump.connections).toEqual(readDump(realcall('undefined-ice-candidate')).connections);
    // The file itself (an odd ICE candidate event) reads cleanly: nothing in it is broken JSON.
    expect(readDump(realcall('undefined-ice-candidate')).warnings).toEqual([]);
  });
});

/**
 * An rtcstats v3 file made from a slice of a real Jitsi file: the first 8 getstats lines of chrome-relay's PC_0
 * and its state events. Each line carries the full values of the stats that changed since the line before,
 * `null` for a stat that went away, the report's time as the collapsed top-level `timestamp`; times are deltas
 * from the line before (the first from the epoch), and a few methods use rtcstats' numeric ids.
 */
function v3FromJitsi(dump: StatsDump, text: string): string {
  const pc = connection(dump, 'PC_0');
  const events: Array<{ at: number; line: (delta: number) => unknown[] }> = [];
  let previous = new Map<string, StatsEntry>();
  for (const { at, report } of pc.reports.slice(0, 8)) {
    const delta: Record<string, unknown> = { timestamp: at };
    for (const [id, entry] of report) {
      const before = previous.get(id);
      const { timestamp, ...rest } = entry;
      const same = before !== undefined && JSON.stringify({ ...before, timestamp: 0 }) === JSON.stringify({ ...entry, timestamp: 0 });
      if (same && timestamp === at) continue;
      delta[id] = timestamp === at ? rest : entry;
    }
    for (const id of previous.keys()) if (!report.has(id)) delta[id] = null;
    previous = report;
    events.push({ at, line: (d) => ['g', 'PC_0', delta, d] });
  }
  for (const line of rawLines(text)) {
    if (line[1] !== 'PC_0' || typeof line[3] !== 'number') continue;
    const at = line[3];
    if (line[0] === 'onconnectionstatechange') events.push({ at, line: (d) => [25, 'PC_0', `"${String(line[2])}"`, d] });
    if (line[0] === 'oniceconnectionstatechange') events.push({ at, line: (d) => ['oniceconnectionstatechange', 'PC_0', line[2], d] });
    if (line[0] === 'create') events.push({ at, line: (d) => ['create', 'PC_0', line[2], d] });
  }
  events.sort((a, b) => a.at - b.at);
  let clock = 0;
  const body = events.map((event) => {
    const delta = event.at - clock;
    clock = event.at;
    return JSON.stringify(event.line(delta));
  });
  return ['RTCStatsDump', JSON.stringify({ fileFormat: 3, userAgent: 'converted from chrome-relay' }), ...body].join('\n');
}

describe('rtcstats v3', () => {
  it('reads a v3 file converted from a slice of a real Jitsi file back to the same reports', () => {
    const text = realcall('chrome-relay');
    const jitsi = readDump(text);
    const v3Text = v3FromJitsi(jitsi, text);
    const v3 = readDump(v3Text);
    expect(v3.format).toBe('rtcstats-v3');
    expect(v3.userAgent).toBe('converted from chrome-relay');
    expect(v3.warnings).toEqual([]);
    const original = connection(jitsi, 'PC_0');
    const converted = connection(v3, 'PC_0');
    expect(converted.reports).toEqual(original.reports.slice(0, 8));
    expect(converted.states).toEqual(original.states);
    // The slice does carry partial lines and removals, so the merge rules were exercised.
    const bodies = v3Text.split('\n').slice(2).map((line) => JSON.parse(line) as unknown[]);
    const statLines = bodies.filter((line) => line[0] === 'g').map((line) => line[2] as Record<string, unknown>);
    expect(statLines.some((stats, i) => i > 0 && Object.keys(stats).length < Object.keys(statLines[0] ?? {}).length)).toBe(true);
    expect(statLines.some((stats) => Object.values(stats).includes(null))).toBe(true);
  });

  it('reads the rtcstats dump Chromium itself wrote of the fixture call', () => {
    const text = gunzipSync(readFileSync('src/sources/fixtures/dumps/chromium-rtcstats-v3.txt.gz')).toString('utf8');
    const dump = readDump(text);
    expect(dump.format).toBe('rtcstats-v3');
    expect(dump.warnings).toEqual([]);
    const lines = text.split('\n').slice(2).filter((line) => line !== '').map((line) => JSON.parse(line) as unknown[]);
    // Times are deltas: the absolute time of each line is the running sum.
    let clock = 0;
    const timed = lines.map((line) => {
      clock += Number(line[line.length - 1]);
      return { line, at: clock };
    });
    for (const pc of ['8-1', '8-2']) {
      const conn = connection(dump, pc);
      const polls = timed.filter(({ line }) => line[0] === 'getStats' && line[1] === pc);
      expect(conn.reports.map((r) => r.at)).toEqual(polls.map((p) => p.at));
      const close = timed.find(({ line }) => line[0] === 'close' && line[1] === pc);
      expect(conn.closedAt).toBe(close?.at);
      expect(conn.states.map((s) => s.connectionState ?? s.iceConnectionState)).toEqual(['checking', 'connecting', 'connected', 'connected']);
      // A poll's outbound/inbound RTP stats are there with Chromium's values.
      const lastPoll = polls[polls.length - 1];
      const stats = lastPoll?.line[2] as Record<string, Record<string, unknown>>;
      const rtpId = Object.keys(stats).find((id) => /^(OT|IT)/.test(id)) ?? '';
      expect(conn.reports[conn.reports.length - 1]?.report.get(rtpId)?.packetsSent ?? conn.reports[conn.reports.length - 1]?.report.get(rtpId)?.packetsReceived).toBe(
        stats[rtpId]?.packetsSent ?? stats[rtpId]?.packetsReceived,
      );
      expect(conn.legacyOnly).toBe(false);
    }
  });
});
