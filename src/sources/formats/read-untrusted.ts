/**
 * Any input a person hands the replay — a file's text, or JSON already parsed — read into a Recording in slices
 * and within FILE_LIMITS, for the async parser and file pickers. Part of the chunk loaded on demand with the
 * dump readers (see dump-reader.ts). A broken file either replays what is sound, with a note of what was
 * skipped, or is refused with a RecordingError that names the problem.
 */
import { FILE_LIMITS } from './file-limits';
import { describeJsonFault } from './json-fault';
import { readJson, type JsonFaultKind } from './json-reader';
import { exportReading, isExport, NOT_A_RECORDING, RecordingError, type Recording, type RecordingErrorCode, type RecordingOptions } from './parse-recording';
import { dumpRecording } from './dumps/dump-replay';
import { detectRtcstats } from './dumps/rtcstats';
import type { Reading } from './dumps/pacing';
import { isRecord, own } from './dumps/untrusted';
import { repairExport } from './repair-export';

const FAULT_CODES: Record<JsonFaultKind, RecordingErrorCode> = {
  truncated: 'truncated',
  syntax: 'not-json',
  trailing: 'not-json',
  'too-deep': 'too-deep',
  'too-many-values': 'too-many',
};

export function* untrustedRecording(input: unknown, options: RecordingOptions): Reading<Recording> {
  if (isHandedOut(input)) return input;
  return handOut(yield* readRecording(input, options));
}

/**
 * Recordings this reader returned: checked already and frozen, so replaying one (createReplaySource) doesn't
 * read its 20 000 samples again in one task. Anything else, a Recording kept as JSON included, is checked.
 */
const handedOut = new WeakSet<object>();

function handOut(recording: Recording): Recording {
  Object.freeze(recording.trace.samples);
  Object.freeze(recording.trace);
  handedOut.add(Object.freeze(recording));
  return recording;
}

function isHandedOut(input: unknown): input is Recording {
  return typeof input === 'object' && input !== null && handedOut.has(input);
}

function* readRecording(input: unknown, options: RecordingOptions): Reading<Recording> {
  if (typeof input !== 'string') return isExport(input) ? yield* exportReading(input) : yield* dumpRecording(input, options);
  const text = checkedText(input);
  const start = text.trimStart();
  if (!start.startsWith('{') && !start.startsWith('[') && detectRtcstats(start) === null) {
    throw new RecordingError(`${NOT_A_RECORDING}: the file is not JSON.`, 'not-json');
  }
  const read = yield* readJson(text);
  if (!read.ok) {
    // JSON lines (rtcstats) are not one JSON document: their reader takes the text and reads it line by line.
    if (detectRtcstats(start) !== null) return yield* dumpRecording(text, options);
    throw new RecordingError(`${capitalised(describeJsonFault(text, read.fault))}.`, FAULT_CODES[read.fault.kind]);
  }
  const notes: string[] = [];
  const recording = isExport(read.value) ? yield* exportReading(yield* repaired(withinSampleLimit(read.value), notes)) : yield* dumpRecording(read.value, options);
  if (read.nonFinite > 0) notes.push(`${count(read.nonFinite, 'value')} written as NaN or Infinity (not JSON) read as missing`);
  if (read.hostileKeys > 0) notes.push(`${count(read.hostileKeys, 'key')} named __proto__, constructor or prototype ignored`);
  return notes.length === 0 ? recording : { ...recording, warnings: [...notes, ...recording.warnings] };
}

function* repaired(json: unknown, notes: string[]): Reading<unknown> {
  return isRecord(json) ? yield* repairExport(json, notes) : json;
}

/** One of our own formats is refused before it is parsed when it holds more samples than a recording may. */
function withinSampleLimit(json: unknown): unknown {
  if (!isRecord(json)) return json;
  const trace = own(json, 'trace');
  for (const list of [own(json, 'samples'), own(json, 'intervals'), own(json, 'metrics'), isRecord(trace) ? own(trace, 'samples') : undefined]) {
    if (Array.isArray(list) && list.length > FILE_LIMITS.maxSamples) {
      throw new RecordingError(`The file holds ${count(list.length, 'sample')}; the most a recording may hold is ${FILE_LIMITS.maxSamples.toLocaleString('en-US')}.`, 'too-many');
    }
  }
  return json;
}

/**
 * The text, its BOM removed, or a refusal that says why: too long, empty, or not text at all (a file read as
 * text that holds NUL bytes or is mostly undecodable is binary — an image, a zip, a .gz not unzipped).
 */
export function checkedText(raw: string): string {
  if (raw.length > FILE_LIMITS.maxBytes) throw tooLarge(raw.length);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!/\S/.test(text)) throw new RecordingError('The file is empty.', 'empty');
  if (looksBinary(text)) {
    throw new RecordingError('The file is not text (it holds binary data). If it is a .zip, unzip it first.', 'binary');
  }
  return text;
}

/** `unzipped`: the size is what a .gz had unpacked to when reading stopped, not the file's own. */
export function tooLarge(size: number, unzipped = false): RecordingError {
  const limit = megabytes(FILE_LIMITS.maxBytes);
  const close = (size / (1024 * 1024)).toFixed(1) === (FILE_LIMITS.maxBytes / (1024 * 1024)).toFixed(1);
  const is = unzipped ? `unzips to more than ${limit}` : `is ${close ? `just over ${limit}` : megabytes(size)}`;
  return new RecordingError(`The file ${is}; the largest recording this opens is ${limit} (real dumps weigh up to about 5 MB).`, 'too-large');
}

/** NUL bytes or replacement characters in the first few kB: no recording format has either. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) odd++;
  }
  return odd > 8 && odd > head.length / 100;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function capitalised(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
