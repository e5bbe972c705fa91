import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DumpError, type DumpConnection, type StatsDump } from './dump';
import { looksLikeDump, readDump, readDumpAsync } from './read';

const REALCALLS = 'src/sources/fixtures/realcalls/';
const FIXTURES = 'src/sources/fixtures/dumps/';
const jitsi = (name: string): string => readFileSync(`${REALCALLS}jitsi-rtcstats-server/${name}`, 'utf8');
const internalsText = readFileSync(`${FIXTURES}webrtc-internals-chromium.json`, 'utf8');
const legacyText = readFileSync(`${FIXTURES}webrtc-internals-chromium-legacy.json`, 'utf8');
const v3Text = gunzipSync(readFileSync(`${FIXTURES}chromium-rtcstats-v3.txt.gz`)).toString('utf8');
const snapshotText = readFileSync(`${REALCALLS}skyway-lab-rtcstats-wrapper/chrome-77.0.3842.0.json`, 'utf8');

function expectNotADump(input: unknown): DumpError {
  expect(looksLikeDump(input)).toBe(false);
  try {
    readDump(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DumpError);
    if (!(error instanceof DumpError)) throw error;
    expect(error.code).toBe('not-a-dump');
    return error;
  }
  throw new Error('readDump did not throw');
}

/** Deterministic bytes that are not text. */
function garbage(length: number): string {
  let seed = 7;
  return Array.from({ length }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return String.fromCharCode(seed % 256);
  }).join('');
}

describe('readDump: which files are dumps', () => {
  it('reads every real recorded call in fixtures/realcalls without throwing', () => {
    for (const folder of ['jitsi-rtcstats-server', 'skyway-lab-rtcstats-wrapper']) {
      const files = readdirSync(`${REALCALLS}${folder}`).filter((name) => name !== 'LICENSE');
      expect(files.length).toBeGreaterThan(2);
      for (const name of files) {
        const text = readFileSync(`${REALCALLS}${folder}/${name}`, 'utf8');
        expect(looksLikeDump(text), name).toBe(true);
        const dump = readDump(text);
        expect(dump.connections.length, name).toBeGreaterThan(0);
      }
    }
  });

  it('detects each format from the content', () => {
    expect(readDump(jitsi('safari-relay')).format).toBe('rtcstats');
    expect(readDump(v3Text).format).toBe('rtcstats-v3');
    expect(readDump(internalsText).format).toBe('webrtc-internals');
    expect(readDump(legacyText).format).toBe('webrtc-internals-legacy');
    expect(readDump(snapshotText).format).toBe('getstats-snapshot');
  });

  it('reads parsed JSON the same as its text, and strips a UTF-8 BOM', () => {
    expect(readDump(JSON.parse(internalsText))).toEqual(readDump(internalsText));
    expect(readDump(JSON.parse(snapshotText))).toEqual(readDump(snapshotText));
    expect(readDump(`\uFEFF${internalsText}`)).toEqual(readDump(internalsText));
    expect(readDump(`\uFEFF${jitsi('chrome-relay')}`)).toEqual(readDump(jitsi('chrome-relay')));
    expect(readDump(`\uFEFF${v3Text}`)).toEqual(readDump(v3Text));
  });

  it('says no to what is not a dump: empty, garbage, random JSON', () => {
    expect(expectNotADump('').message).toBe('The file is empty.');
    expectNotADump('   \n ');
    expectNotADump('\uFEFF');
    expect(expectNotADump(garbage(4096)).message).toContain('not a WebRTC stats dump');
    expectNotADump(`{${garbage(200)}`);
    expectNotADump(`[${garbage(200)}`);
    for (const json of ['{}', '{"a":1}', '[]', '[1,2,3]', '[["a","b","c"]]', '42', '"text"', 'null', 'true', '{"PeerConnections":[]}']) {
      expectNotADump(json);
      expectNotADump(JSON.parse(json));
    }
    for (const value of [undefined, null, 42, new Uint8Array([1, 2, 3]), () => 1, Symbol('x')]) expectNotADump(value);
  });

  it('leaves Call Health session exports, traces and Daily /logs responses to their own parser', () => {
    const trace = JSON.parse(readFileSync('public/traces/' + readdirSync('public/traces').filter((f) => f.endsWith('.json'))[0], 'utf8')) as unknown;
    expect(expectNotADump(trace).message).toContain('Call Health trace');
    expectNotADump(JSON.stringify(trace));
    const session = { version: 1, exportedAt: '2026-01-01T00:00:00Z', samples: [{ t: 0, latest: {} }] };
    expect(expectNotADump(session).message).toContain('session export');
    expectNotADump(JSON.stringify(session));
    const logs = { metrics: [{ timestamp: 1, sendBitsPerSecond: 1 }] };
    expect(expectNotADump(logs).message).toContain('Daily /logs');
    expectNotADump(JSON.stringify(logs));
  });
});

describe('readDump: untrusted input', () => {
  it('lets no key from the file reach a prototype', () => {
    const hostile = JSON.stringify({
      PeerConnections: {
        __proto__: { stats: {} },
        constructor: { stats: {} },
        '1-1': {
          updateLog: [{ type: '__proto__', value: 'x', timestamp: 1 }],
          stats: {
            'P-type': { startTime: 1000, endTime: 2000, statsType: 'peer-connection', values: '["peer-connection","peer-connection"]' },
            'P-__proto__': { startTime: 1000, endTime: 2000, values: '[{"polluted":true},{"polluted":true}]' },
            '__proto__-bytesSent': { startTime: 1000, endTime: 2000, values: '[1,2]' },
            'P-nested': { startTime: 1000, endTime: 2000, values: '[{"__proto__":{"polluted":true}},{"constructor":{"prototype":{"polluted":true}}}]' },
          },
        },
      },
    });
    const internals = readDump(hostile);
    const rtcstats = readDump(
      [
        JSON.stringify(['connectionInfo', null, { userAgent: 'x', clientProtocol: '3' }, 1]),
        '["getstats","__proto__",{"timestamp":5,"a":{"type":"x"}},5]',
        '["getstats","PC_0",{"timestamp":5,"__proto__":{"polluted":true},"s":{"type":"codec","__proto__":{"polluted":true},"deep":{"__proto__":{"polluted":true}}}},5]',
      ].join('\n'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(internals.connections.map((c) => c.id)).toEqual(['1-1']);
    const entry = internals.connections[0]?.reports[0]?.report.get('P');
    expect(entry && Object.getPrototypeOf(entry)).toBe(Object.prototype);
    expect(entry && Object.prototype.hasOwnProperty.call(entry, '__proto__')).toBe(false);
    expect(internals.connections[0]?.reports[0]?.report.has('__proto__')).toBe(false);
    expect(rtcstats.connections.map((c) => c.id)).toEqual(['PC_0']);
    const stat = rtcstats.connections[0]?.reports[0]?.report.get('s');
    expect(stat && Object.getPrototypeOf(stat)).toBe(Object.prototype);
    expect(stat && Object.keys(stat).sort()).toEqual(['deep', 'id', 'timestamp', 'type']);
    expect(stat?.deep).toEqual({});
  });

  it('never throws anything but DumpError, even for objects that fight back', () => {
    const throwing = {
      get PeerConnections(): unknown {
        throw new Error('boom');
      },
    };
    expectNotADump(throwing);
    const inner = {
      PeerConnections: {
        get '1-1'(): unknown {
          throw new Error('boom');
        },
      },
    };
    expect(looksLikeDump(inner)).toBe(true);
    expect(() => readDump(inner)).toThrow(DumpError);
    const cyclic: Record<string, unknown> = { type: 'codec', id: 'c' };
    cyclic.self = cyclic;
    const dump = readDump([cyclic]);
    expect(dump.connections[0]?.reports[0]?.report.get('c')?.type).toBe('codec');
  });

  it('skips non-finite numbers', () => {
    const dump = readDump('["getstats","PC_0",{"timestamp":1000,"s":{"type":"codec","timestamp":0,"big":1e999,"ok":1}},1000]');
    expect(dump.connections[0]?.reports[0]?.report.get('s')).toEqual({ id: 's', type: 'codec', timestamp: 1000, ok: 1 });
  });
});

// ~5 MB files made from the real ones, to read in slices.

/** chrome-standard-multiple-p2p ten times over, each copy 1000 s later and with its own connection ids. */
function bigRtcstats(copies: number): { text: string; shift: number } {
  const lines = jitsi('chrome-standard-multiple-p2p')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown[]);
  const shift = 1_000_000;
  const out: string[] = [];
  for (let copy = 0; copy < copies; copy += 1) {
    for (const line of lines) {
      const next = [...line];
      if (typeof next[1] === 'string') next[1] = `${next[1]}~${copy}`;
      if (typeof next[3] === 'number') next[3] += copy * shift;
      if (next[0] === 'getstats') {
        const stats = { ...(next[2] as Record<string, unknown>) };
        for (const [id, value] of Object.entries(stats)) {
          if (id === 'timestamp' && typeof value === 'number') stats[id] = value + copy * shift;
          else if (typeof value === 'object' && value !== null) {
            const stat = value as Record<string, unknown>;
            if (typeof stat.timestamp === 'number' && stat.timestamp !== 0) stats[id] = { ...stat, timestamp: stat.timestamp + copy * shift };
          }
        }
        next[2] = stats;
      }
      out.push(JSON.stringify(next));
    }
  }
  return { text: out.join('\n'), shift };
}

/** The fixture's connections many times over, under new ids, until the dump is over `bytes` long. */
function bigInternals(bytes: number): string {
  const dump = JSON.parse(internalsText) as { PeerConnections: Record<string, unknown> };
  const copies = Math.ceil(bytes / JSON.stringify(dump.PeerConnections).length);
  const connections: Record<string, unknown> = {};
  for (let copy = 0; copy < copies; copy += 1) for (const [id, pc] of Object.entries(dump.PeerConnections)) connections[`${copy}:${id}`] = pc;
  return JSON.stringify({ ...dump, PeerConnections: connections });
}

function shifted(conn: DumpConnection, by: number, id: string): DumpConnection {
  return {
    ...conn,
    id,
    closedAt: conn.closedAt === null ? null : conn.closedAt + by,
    states: conn.states.map((s) => ({ ...s, at: s.at + by })),
    reports: conn.reports.map(({ at, report }) => ({
      at: at + by,
      report: new Map([...report].map(([key, entry]) => [key, { ...entry, timestamp: Number(entry.timestamp) + by }])),
    })),
  };
}

describe('large dumps, read in slices', () => {
  const original = readDump(jitsi('chrome-standard-multiple-p2p'));
  const { text: rtcstatsText, shift } = bigRtcstats(10);
  const internals5mb = bigInternals(5_000_000);

  it('builds ~5 MB inputs', () => {
    expect(rtcstatsText.length).toBeGreaterThan(5_000_000);
    expect(internals5mb.length).toBeGreaterThan(5_000_000);
  });

  it('reads a ~5 MB rtcstats file: every copy as the original, shifted', () => {
    const big = readDump(rtcstatsText);
    expect(big.connections).toHaveLength(original.connections.length * 10);
    for (let copy = 0; copy < 10; copy += 1) {
      for (const conn of original.connections) {
        const id = `${conn.id}~${copy}`;
        expect(big.connections.find((c) => c.id === id)).toEqual(shifted(conn, copy * shift, id));
      }
    }
  });

  it('reads a ~5 MB webrtc-internals dump: every copy as the original', () => {
    const single = readDump(internalsText);
    const big = readDump(internals5mb);
    expect(big.connections.length).toBeGreaterThan(40);
    for (const conn of big.connections) {
      const [, originalId] = conn.id.split(':');
      expect(conn).toEqual({ ...single.connections.find((c) => c.id === originalId), id: conn.id });
    }
  });

  it('readDumpAsync gives what readDump gives, for every format', async () => {
    for (const input of [rtcstatsText, internals5mb]) expect(await readDumpAsync(input)).toEqual(readDump(input));
    for (const input of [internalsText, legacyText, v3Text, jitsi('chrome-relay'), snapshotText, JSON.parse(snapshotText) as unknown]) {
      const expected: StatsDump = readDump(input);
      expect(await readDumpAsync(input)).toEqual(expected);
      expect(await readDumpAsync(input, { sliceMs: 0 })).toEqual(expected);
    }
  });

  it('readDumpAsync lets other tasks run while it reads; readDump does not', async () => {
    let timerRuns = 0;
    const timer = setInterval(() => {
      timerRuns += 1;
    }, 0);
    try {
      readDump(rtcstatsText);
      expect(timerRuns).toBe(0);
      // Reading 5 MB takes far more than 1 ms, so slices of 1 ms must hand the event loop several turns.
      await readDumpAsync(rtcstatsText, { sliceMs: 1 });
      expect(timerRuns).toBeGreaterThan(0);
      const before = timerRuns;
      await readDumpAsync(internals5mb, { sliceMs: 1 });
      expect(timerRuns).toBeGreaterThan(before);
    } finally {
      clearInterval(timer);
    }
  });

  it('readDumpAsync rejects with DumpError for what is not a dump', async () => {
    await expect(readDumpAsync('{"version":1,"samples":[]}')).rejects.toBeInstanceOf(DumpError);
    await expect(readDumpAsync('')).rejects.toMatchObject({ code: 'not-a-dump' });
  });
});
