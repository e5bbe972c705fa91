/**
 * What the recording fuzzer found, each as the smallest hand-written file that shows it, with the outcome a
 * person opening that file now gets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createReplaySource } from '../../replay';
import { loadDumpReader } from '../dump-reader';
import { parseRecording, RecordingError } from '../parse-recording';

beforeAll(async () => {
  await loadDumpReader();
});

/** Some of a sample's figures, unknown; each test sets the one it is about. */
const FIELDS_NULL = {
  sendBitsPerSecond: null,
  recvBitsPerSecond: null,
  totalSendPacketLoss: null,
  totalRecvPacketLoss: null,
};

/** A replay's first few polls, on a fake clock: what the widget would be handed. */
async function firstPolls(recording: ReturnType<typeof parseRecording>): Promise<unknown[]> {
  let now = 1_750_000_000_000;
  const source = createReplaySource(recording, { now: () => now });
  const out: unknown[] = [];
  for (let i = 0; i < 3; i++) {
    out.push(await source.getNetworkStats());
    now += source.timing.intervalMs;
  }
  return out;
}

/** Every number in a value, deep. */
function numbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(numbers);
}

describe('traces: intervalMs', () => {
  it('1e999 (Infinity once parsed) is refused, naming the field', () => {
    const text = '{"name":"t","intervalMs":1e999,"samples":[{"t":0,"latest":{"sendBitsPerSecond":1000}}]}';
    expect(() => parseRecording(text)).toThrow(RecordingError);
    expect(() => parseRecording(text)).toThrow(/trace\.intervalMs: not a positive number of ms up to an hour/);
  });

  it('a spacing past an hour is refused too: the replay could not arm its timers', () => {
    const trace = { name: 't', intervalMs: 40 * 86_400_000, samples: [{ t: 0, latest: { sendBitsPerSecond: 1000 } }] };
    expect(() => parseRecording(trace)).toThrow(/trace\.intervalMs/);
  });
});

describe('exports: values that are not finite numbers', () => {
  const sample = {
    timestamp: 1_750_000_000_000,
    networkState: 'good',
    networkStateReasons: [],
    reportedNetworkState: null,
    outage: null,
    ...FIELDS_NULL,
  };

  it('a session value written 1e999 replays as missing (n/a), never as Infinity', async () => {
    const text = JSON.stringify({ version: 1, startedAt: null, samples: [{ ...sample, sendBitsPerSecond: 123 }, { ...sample, timestamp: sample.timestamp + 2000 }] })
      .replace('"sendBitsPerSecond":123', '"sendBitsPerSecond":1e999');
    const recording = parseRecording(text);
    expect(recording.trace.samples[0]?.latest?.sendBitsPerSecond).toBeNull();
    expect(numbers(recording.trace).every(Number.isFinite)).toBe(true);
    expect(numbers(await firstPolls(recording)).every(Number.isFinite)).toBe(true);
  });

  it('a trace handed over in memory with NaN and Infinity keeps them out of the Recording', () => {
    const trace = { name: 't', intervalMs: 2000, samples: [{ t: 0, latest: { sendBitsPerSecond: Number.NaN, recvBitsPerSecond: Infinity, totalRecvPacketLoss: 0.01 } }] };
    const recording = parseRecording(trace);
    expect(recording.trace.samples[0]?.latest).toEqual({ sendBitsPerSecond: null, recvBitsPerSecond: null, totalRecvPacketLoss: 0.01 });
  });
});

describe('incident exports: an id that is not a number', () => {
  it('an id String() cannot convert (own toString that is not a function) no longer crashes the parser', () => {
    const incident = {
      version: 1,
      kind: 'incident',
      id: { toString: 'x', valueOf: 'x' },
      at: 1_750_000_000_000,
      reasons: [],
      complete: true,
      samples: [{ timestamp: 1_750_000_000_000, ...FIELDS_NULL, sendBitsPerSecond: 5000 }],
    };
    const recording = parseRecording(JSON.parse(JSON.stringify(incident)) as unknown);
    expect(recording.format).toBe('incident');
    expect(recording.trace.name).toMatch(/^Incident \(no id\) of /);
  });
});

/** Two inbound streams, each reporting counters at the largest doubles: the sums overflow to Infinity. */
function overflowingSnapshot(): unknown[] {
  const stream = (id: string, kind: string, ssrc: number) => [
    id,
    { id, type: 'inbound-rtp', kind, ssrc, timestamp: 1_750_000_000_000, packetsReceived: 1e308, packetsLost: 1e308, bytesReceived: 1e308, jitter: 0.01 },
  ];
  return [stream('IT01A1', 'audio', 1), stream('IT01V2', 'video', 2)];
}

describe('stats dumps: counters the maths cannot add up', () => {
  it('a loss of Infinity / Infinity reads as n/a with a warning, not NaN', async () => {
    const recording = parseRecording(JSON.stringify(overflowingSnapshot()));
    expect(recording.format).toBe('getstats-snapshot');
    expect(recording.trace.samples[0]?.latest?.totalRecvPacketLoss).toBeNull();
    expect(numbers(recording.trace).every(Number.isFinite)).toBe(true);
    expect(recording.warnings.join('\n')).toMatch(/could not be worked out from the recorded counters \(out of range\) and read as n\/a/);
    expect(numbers(await firstPolls(recording)).every(Number.isFinite)).toBe(true);
  });
});

const inbound = (packets: number, extra: Record<string, unknown> = {}) => ({
  IT01V1: { type: 'inbound-rtp', kind: 'video', ssrc: 1, packetsReceived: packets, packetsLost: 0, bytesReceived: packets * 1000, ...extra },
});

describe('rtcstats v3: a clock run past any date', () => {
  it('replays the lines before it and says how many were skipped, instead of refusing a trace', async () => {
    const lines = [
      'RTCStatsDump',
      '{"fileFormat":3}',
      JSON.stringify(['getStats', 'PC_0', inbound(100), 1000]),
      JSON.stringify(['getStats', 'PC_0', inbound(200), 1000]),
      JSON.stringify(['getStats', 'PC_0', inbound(300), 1e308]),
      // 2e308: the clock is Infinity from here on.
      JSON.stringify(['getStats', 'PC_0', inbound(400), 1e308]),
    ];
    const recording = parseRecording(lines.join('\n'));
    expect(recording.format).toBe('rtcstats-v3');
    expect(recording.trace.samples.map((s) => s.t)).toEqual([0, 1000]);
    expect(recording.warnings).toContain('2 reports or state changes with a time no date can have (out of range) were skipped');
    expect(numbers(await firstPolls(recording)).every(Number.isFinite)).toBe(true);
  });

  it('a dump whose every report is out of range is refused, saying so', () => {
    const lines = ['RTCStatsDump', '{"fileFormat":3}', JSON.stringify(['getStats', 'PC_0', inbound(100), 1e308]), JSON.stringify(['getStats', 'PC_0', inbound(200), 1])];
    expect(() => parseRecording(lines.join('\n'))).toThrow(/None of the getStats\(\) reports in this dump has a time that could be a date/);
  });
});

describe('exports: samples ages apart', () => {
  it('a poll spacing of 1e308 ms is held to an hour, so the replay has finite timing', async () => {
    const at = (timestamp: number) => ({ timestamp, networkState: 'good', networkStateReasons: [], reportedNetworkState: null, outage: null, ...FIELDS_NULL, sendBitsPerSecond: 5000 });
    const recording = parseRecording({ version: 1, startedAt: null, samples: [at(1_750_000_000_000), at(1e308), at(1.5e308)] });
    expect(recording.trace.intervalMs).toBe(3_600_000);
    expect(numbers(createReplaySource(recording).timing).every(Number.isFinite)).toBe(true);
    expect(numbers(await firstPolls(recording)).every(Number.isFinite)).toBe(true);
  });
});

describe('rtcstats: connectionInfo with a clientProtocol that is an object', () => {
  it('replays the call instead of refusing the file as unreadable', () => {
    const t0 = 1_700_000_000_000;
    const lines = [
      ['connectionInfo', null, { userAgent: 'Mozilla/5.0 Chrome/117.0.0.0', clientProtocol: { toString: 'x', valueOf: 'x' } }, t0],
      ['create', 'PC_0', {}, t0],
      ['getstats', 'PC_0', { ...inbound(100, { timestamp: 0 }) }, t0 + 2000],
      ['getstats', 'PC_0', { IT01V1: { packetsReceived: 200, bytesReceived: 200_000, timestamp: 0 } }, t0 + 4000],
    ];
    const recording = parseRecording(lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(recording.format).toBe('rtcstats');
    expect(recording.userAgent).toBe('Mozilla/5.0 Chrome/117.0.0.0');
    expect(recording.trace.samples.at(-1)?.latest?.recvBitsPerSecond).toBe(400_000);
  });
});
