/**
 * What must hold for every input the fuzzer makes, whatever it is:
 *  (a) the parser returns a Recording or throws a RecordingError, whose message is words, not an engine error;
 *  (b) a Recording holds only finite numbers or null, times that never go back, string warnings, and plays;
 *  (c) no prototype or built-in changed;
 *  (d) no input takes anywhere near the hang limit.
 */
import { createReplaySource } from '../../replay';
import { parseRecording, parseRecordingAsync, RecordingError, type Recording, type RecordingFormat } from '../parse-recording';
import { CANARY } from './tree-ops';

/**
 * A hang detector, not a performance assertion: a normal input takes a few ms, so only a runaway loop or a
 * blow-up in the input's size gets near this.
 */
export const HANG_LIMIT_MS = 2_000;

const FORMATS: ReadonlySet<RecordingFormat> = new Set<RecordingFormat>([
  'trace', 'session', 'incident', 'daily-logs', 'webrtc-internals', 'webrtc-internals-legacy', 'rtcstats', 'rtcstats-v3', 'getstats-snapshot',
]);

/**
 * An engine error wrapped into a RecordingError still is a crash: parseExport turns any Error into one, and
 * the dump reader turns any exception into "could not be read (…)" (meant for getters and proxies, which
 * parsed JSON never has).
 */
const ENGINE_ERROR =
  /Cannot read propert|Cannot set propert|Cannot convert|Cannot create property|Cannot assign to read only|Cannot add property|Cannot delete property|is not extensible|is not a function|is not iterable|is not defined|is not a constructor|Maximum call stack|Invalid array length|Invalid string length|Invalid time value|out of memory|could not be read \(/;

const DUMP_TRACE_REFUSED = /^(webrtc-internals|webrtc-internals-legacy|rtcstats|rtcstats-v3|getstats-snapshot): trace\./;

export type Outcome = { kind: 'recording'; recording: Recording } | { kind: 'error'; code: string; message: string };

export class FuzzFailure extends Error {
  override name = 'FuzzFailure';
}

function fail(message: string, cause?: unknown): never {
  throw new FuzzFailure(message, cause === undefined ? undefined : { cause });
}

function outcomeOf(run: () => Recording, fromDump: boolean): Outcome {
  try {
    return { kind: 'recording', recording: run() };
  } catch (err) {
    return errorOutcome(err, fromDump);
  }
}

function errorOutcome(err: unknown, fromDump: boolean): Outcome {
  if (!(err instanceof RecordingError)) {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return fail(`crash: threw ${what} instead of a RecordingError`, err);
  }
  if (typeof err.message !== 'string' || err.message.trim() === '') fail('a RecordingError without a message');
  if (ENGINE_ERROR.test(err.message)) fail(`crash wrapped in a RecordingError: ${err.message.slice(0, 300)}`, err);
  // A dump's trace is built by the reader, not read from the file: the trace validator refusing it means the
  // reader let something through (NaN times, say) and the person is told about a trace they never had.
  // (A Recording handed back in has a trace of its own, and the same prefix: only dumps are held to this.)
  if (fromDump && DUMP_TRACE_REFUSED.test(err.message)) fail(`a dump reader built a trace its validator refused: ${err.message.slice(0, 300)}`, err);
  return { kind: 'error', code: err.code, message: err.message };
}

function timed<T>(what: string, run: () => T): T {
  const start = performance.now();
  const out = run();
  const ms = performance.now() - start;
  if (ms > HANG_LIMIT_MS) fail(`${what} took ${Math.round(ms)} ms (hang limit ${HANG_LIMIT_MS} ms)`);
  return out;
}

/** Every number under `value` finite (null is fine); the path of the first that isn't. */
function nonFinite(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} = ${value}`;
  if (depth > 50 || typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinite(item, `${path}.${key}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function allStrings(v: unknown): boolean {
  return Array.isArray(v) && v.every((item) => typeof item === 'string');
}

export function checkRecording(recording: Recording): void {
  if (!FORMATS.has(recording.format)) fail(`unknown format ${String(recording.format)}`);
  const trace = recording.trace;
  if (typeof trace.name !== 'string') fail('trace.name is not a string');
  if (!(Number.isFinite(trace.intervalMs) && trace.intervalMs > 0)) fail(`trace.intervalMs = ${trace.intervalMs}`);
  if (!Array.isArray(trace.samples) || trace.samples.length === 0) fail('no samples');
  const bad = nonFinite(trace, 'trace');
  if (bad !== null) fail(`non-finite number: ${bad}`);
  let previous = -Infinity;
  for (const [i, sample] of trace.samples.entries()) {
    if (sample.t < previous) fail(`trace.samples[${i}].t goes back: ${previous} then ${sample.t}`);
    previous = sample.t;
    if (sample.latest !== null && typeof sample.latest !== 'object') fail(`trace.samples[${i}].latest is ${typeof sample.latest}`);
  }
  if (!allStrings(recording.warnings)) fail('warnings are not all strings');
  if (!allStrings(recording.lacks)) fail('lacks are not all strings');
  const ua = recording.userAgent;
  if (ua !== undefined && ua !== null && typeof ua !== 'string') fail('userAgent is not a string');
  const c = recording.connections;
  if (c !== undefined && (!allStrings(c.all) || !allStrings(c.replayed))) fail('connections are not all strings');
}

/** A Recording must be accepted back by the replay source, and its first polls must hold finite numbers. */
async function checkReplay(recording: Recording): Promise<void> {
  let clock = 1_750_000_000_000;
  const source = timed('createReplaySource', () => {
    try {
      return createReplaySource(recording, { now: () => clock, speed: 4 });
    } catch (err) {
      return fail(`createReplaySource refused a Recording parseRecording made: ${err instanceof Error ? err.message : String(err)}`, err);
    }
  });
  const timing = nonFinite(source.timing, 'timing');
  if (timing !== null) fail(`replay ${timing}`);
  for (let poll = 0; poll < 4; poll++) {
    const result = await source.getNetworkStats();
    const bad = nonFinite(result, `poll ${poll}`);
    if (bad !== null) fail(`replayed ${bad}`);
    clock += source.timing.intervalMs;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Prototypes and built-ins
// ---------------------------------------------------------------------------------------------------------

const WATCHED: ReadonlyArray<readonly [string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Object', Object],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['JSON', JSON],
];

type Snapshot = Array<{ name: string; target: object; proto: object | null; extensible: boolean; props: Map<PropertyKey, PropertyDescriptor> }>;

export function prototypesSnapshot(): Snapshot {
  return WATCHED.map(([name, target]) => ({
    name,
    target,
    proto: Object.getPrototypeOf(target) as object | null,
    extensible: Object.isExtensible(target),
    props: new Map(Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key) ?? {}])),
  }));
}

const DESCRIPTOR_FIELDS = ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'] as const;

/** What changed since the snapshot, in words; empty when nothing did. */
export function prototypeChanges(before: Snapshot): string[] {
  const changes: string[] = [];
  for (const { name, target, proto, extensible, props } of before) {
    if (Object.getPrototypeOf(target) !== proto) changes.push(`${name}: its prototype changed`);
    if (Object.isExtensible(target) !== extensible) changes.push(`${name}: extensibility changed`);
    const now = Reflect.ownKeys(target);
    for (const key of now) if (!props.has(key)) changes.push(`${name}.${String(key)} added`);
    for (const [key, was] of props) {
      const is = Object.getOwnPropertyDescriptor(target, key);
      if (!is) changes.push(`${name}.${String(key)} removed`);
      else if (DESCRIPTOR_FIELDS.some((f) => !Object.is(was[f], is[f]))) changes.push(`${name}.${String(key)} changed`);
    }
  }
  // What a page's own code would see.
  const plain: Record<string, unknown> = {};
  if (plain[CANARY] !== undefined) changes.push(`({}).${CANARY} is set`);
  if (Reflect.get([], CANARY) !== undefined) changes.push(`[].${CANARY} is set`);
  if (typeof plain.toString !== 'function') changes.push('({}).toString is not a function');
  return changes;
}

/** Puts back whatever a failing input changed, so one failure does not fail every run after it. */
export function restorePrototypes(before: Snapshot): void {
  for (const { target, props } of before) {
    for (const key of Reflect.ownKeys(target)) if (!props.has(key)) Reflect.deleteProperty(target, key);
    for (const [key, descriptor] of props) {
      try {
        Object.defineProperty(target, key, descriptor);
      } catch {
        // Made non-configurable by the input: the failure already says so, and nothing can put it back.
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// One input, every property
// ---------------------------------------------------------------------------------------------------------

function sameOutcome(sync: Outcome, async: Outcome): void {
  if (sync.kind !== async.kind) fail(`the sync parser gave ${sync.kind}, the async one ${async.kind}`);
  if (sync.kind === 'error' && async.kind === 'error' && (sync.code !== async.code || sync.message !== async.message)) {
    fail(`the parsers disagree: "${sync.message}" (${sync.code}) vs "${async.message}" (${async.code})`);
  }
  if (sync.kind === 'recording' && async.kind === 'recording' && JSON.stringify(sync.recording) !== JSON.stringify(async.recording)) {
    fail('the sync and async parsers made different recordings');
  }
}

/**
 * The built-ins as they were before the inputs ran. Taken once per format rather than per input (it is a
 * tenth of a run's time); a change is put back when found, so the next input starts clean.
 */
let baseline: Snapshot | null = null;

export function takeBaseline(): void {
  baseline = prototypesSnapshot();
}

/**
 * Runs one input through the sync parser (the dump reader loaded), the async one when asked, and a replay.
 * `fromDump`: the input is a mutated stats dump, so a trace refused by its validator is the reader's fault.
 */
export async function checkInput(input: unknown, alsoAsync: boolean, fromDump: boolean): Promise<void> {
  const before = baseline ?? prototypesSnapshot();
  try {
    const sync = timed('parseRecording', () => outcomeOf(() => parseRecording(input), fromDump));
    if (sync.kind === 'recording') {
      checkRecording(sync.recording);
      await checkReplay(sync.recording);
    }
    if (alsoAsync) {
      const start = performance.now();
      const async = await parseRecordingAsync(input).then(
        (recording): Outcome => ({ kind: 'recording', recording }),
        (err: unknown) => errorOutcome(err, fromDump),
      );
      if (performance.now() - start > HANG_LIMIT_MS) fail(`parseRecordingAsync took over ${HANG_LIMIT_MS} ms`);
      sameOutcome(sync, async);
    }
  } finally {
    const changes = prototypeChanges(before);
    if (changes.length > 0) {
      restorePrototypes(before);
      fail(`prototype pollution: ${changes.join('; ')}`);
    }
  }
}
