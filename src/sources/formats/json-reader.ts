/**
 * JSON from a file someone else wrote, read in slices and within limits. JSON.parse is one uninterruptible task:
 * 1 MB of `[{},{},…]` holds the page for ~100 ms, so the 16 MB a file may weigh would hold it for over a second.
 * This reader yields every few thousand values (the caller's pacing decides when to hand the thread back),
 * refuses nesting and value counts past the limits, drops keys that would reach a prototype, says where a broken
 * document breaks, and reads the NaN / Infinity that non-JSON serialisers write as missing values.
 * Short texts go to JSON.parse, which is faster and, at that size, brief.
 */
import { FILE_LIMITS } from './file-limits';
import type { Reading } from './dumps/pacing';
import { isCutLiteral, literalEnd, literalNonFinite, NOT_LITERAL, readLiteral } from './json-literal';

export type JsonFaultKind = 'truncated' | 'syntax' | 'trailing' | 'too-deep' | 'too-many-values';

export interface JsonFault {
  kind: JsonFaultKind;
  /** Offset into the text (UTF-16 units) where reading stopped. */
  at: number;
}

export type JsonRead = { ok: true; value: unknown; nonFinite: number; hostileKeys: number } | { ok: false; fault: JsonFault };

export interface JsonLimits {
  maxDepth: number;
  maxValues: number;
}

/** Below this many characters JSON.parse takes a few ms at worst, so it is used whole. */
export const NATIVE_MAX_CHARS = 64 * 1024;
/** Values read between offers to yield. */
const STEP = 2048;

const HOSTILE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const [OBJECT_OPEN, OBJECT_CLOSE, ARRAY_OPEN, ARRAY_CLOSE, QUOTE, BACKSLASH, COMMA, COLON] = [123, 125, 91, 93, 34, 92, 44, 58];

interface Frame {
  array: unknown[] | null;
  object: Record<string, unknown> | null;
  key: string | null;
}

/**
 * Reads one JSON document from `text` (from `start`). A short text is tried with JSON.parse first; anything that
 * fails there, or is long, is read here, so faults are always described the same way.
 */
export function* readJson(text: string, limits: JsonLimits = FILE_LIMITS, start = 0): Reading<JsonRead> {
  if (text.length - start <= NATIVE_MAX_CHARS) {
    const slice = start === 0 ? text : text.slice(start);
    const native = nativeParse(slice);
    if (native !== FAILED && withinDepth(slice, limits.maxDepth)) {
      const hostileKeys = /"(__proto__|constructor|prototype)"/.test(slice) ? stripHostile(native) : 0;
      return { ok: true, value: native, nonFinite: 0, hostileKeys };
    }
  }
  return yield* readSliced(text, limits, start);
}

const FAILED: unique symbol = Symbol('failed');
const BAD_ESCAPE: unique symbol = Symbol('bad escape');

function nativeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return FAILED;
  }
}

/** A short document's nesting, counted on the text (brackets outside strings). */
function withinDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OBJECT_OPEN || c === ARRAY_OPEN) {
      if (++depth > maxDepth) return false;
    } else if (c === OBJECT_CLOSE || c === ARRAY_CLOSE) depth--;
  }
  return true;
}

/**
 * JSON.parse keeps `"__proto__"` as an own key; the readers skip such keys, and dropping them here as well means
 * no later spread or assignment can meet one. Returns how many were dropped.
 */
function stripHostile(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let dropped = 0;
  const pending: object[] = [value];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (Array.isArray(item)) {
      for (const v of item as unknown[]) if (v !== null && typeof v === 'object') pending.push(v);
      continue;
    }
    const record = item as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (HOSTILE_KEYS.has(key)) {
        // Dropped with what it holds; its own hostile keys are counted still, as the sliced reader counts them.
        delete record[key];
        dropped++;
      }
      if (v !== null && typeof v === 'object') pending.push(v);
    }
  }
  return dropped;
}

function* readSliced(text: string, limits: JsonLimits, start: number): Reading<JsonRead> {
  const n = text.length;
  const stack: Frame[] = [];
  let i = start;
  let values = 0;
  let nonFinite = 0;
  let hostileKeys = 0;
  let budget = STEP;
  /** Where the next backslash is, so unescaped strings (nearly all) are cut out with indexOf alone. */
  let nextBackslash = text.indexOf('\\', i);
  const fail = (kind: JsonFaultKind, at: number): JsonRead => ({ ok: false, fault: { kind, at: Math.min(at, n) } });

  const skipSpace = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
    }
  };

  /** A string starting at the quote at i; moves i past it. Null when the text ends inside it. */
  const readString = (): string | typeof BAD_ESCAPE | null => {
    const from = i + 1;
    let close = text.indexOf('"', from);
    if (close === -1) return null;
    if (nextBackslash !== -1 && nextBackslash < from) nextBackslash = text.indexOf('\\', from);
    if (nextBackslash === -1 || nextBackslash > close) {
      i = close + 1;
      return text.slice(from, close);
    }
    // Escapes: find the real closing quote, then let JSON.parse decode this one string.
    let j = from;
    for (;;) {
      if (j >= n) return null;
      const c = text.charCodeAt(j);
      if (c === BACKSLASH) j += 2;
      else if (c === QUOTE) break;
      else j++;
    }
    close = j;
    const decoded = nativeParse(text.slice(i, close + 1));
    if (typeof decoded !== 'string') return BAD_ESCAPE;
    i = close + 1;
    nextBackslash = text.indexOf('\\', i);
    return decoded;
  };

  /** A key and its colon, after `{` or `,`; false at a fault (set by the caller from i). */
  const readKey = (frame: Frame): JsonFaultKind | null => {
    skipSpace();
    if (i >= n) return 'truncated';
    if (text.charCodeAt(i) !== QUOTE) return 'syntax';
    const key = readString();
    if (key === null) return 'truncated';
    if (key === BAD_ESCAPE) return 'syntax';
    skipSpace();
    if (i >= n) return 'truncated';
    if (text.charCodeAt(i) !== COLON) return 'syntax';
    i++;
    frame.key = key;
    return null;
  };

  for (;;) {
    skipSpace();
    if (i >= n) return fail('truncated', i);
    if (++values > limits.maxValues) return fail('too-many-values', i);
    if (--budget === 0) {
      budget = STEP;
      yield;
    }
    const c = text.charCodeAt(i);
    let value: unknown;
    if (c === OBJECT_OPEN || c === ARRAY_OPEN) {
      if (stack.length >= limits.maxDepth) return fail('too-deep', i);
      i++;
      skipSpace();
      if (i >= n) return fail('truncated', i);
      const isArray = c === ARRAY_OPEN;
      if (text.charCodeAt(i) === (isArray ? ARRAY_CLOSE : OBJECT_CLOSE)) {
        i++;
        value = isArray ? [] : {};
      } else {
        const frame: Frame = isArray ? { array: [], object: null, key: null } : { array: null, object: {}, key: null };
        stack.push(frame);
        if (!isArray) {
          const fault = readKey(frame);
          if (fault) return fail(fault, i);
        }
        continue;
      }
    } else if (c === QUOTE) {
      const s = readString();
      if (s === null) return fail('truncated', n);
      if (s === BAD_ESCAPE) return fail('syntax', i);
      value = s;
    } else {
      const literal = readLiteral(text, i);
      if (literal === NOT_LITERAL) return fail(isCutLiteral(text, i) ? 'truncated' : 'syntax', i);
      i = literalEnd;
      if (literalNonFinite) nonFinite++;
      value = literal;
    }

    // Hand the value to its container, closing every container that ends here.
    for (;;) {
      const frame = stack[stack.length - 1];
      if (!frame) {
        skipSpace();
        if (i < n) return fail('trailing', i);
        return { ok: true, value, nonFinite, hostileKeys };
      }
      if (frame.array) frame.array.push(value);
      else if (frame.object && frame.key !== null) {
        if (HOSTILE_KEYS.has(frame.key)) hostileKeys++;
        else frame.object[frame.key] = value;
      }
      skipSpace();
      if (i >= n) return fail('truncated', i);
      const d = text.charCodeAt(i);
      if (d === COMMA) {
        i++;
        if (frame.object) {
          const fault = readKey(frame);
          if (fault) return fail(fault, i);
        }
        break;
      }
      if (d !== (frame.array ? ARRAY_CLOSE : OBJECT_CLOSE)) return fail('syntax', i);
      i++;
      stack.pop();
      value = frame.array ?? frame.object;
    }
  }
}
