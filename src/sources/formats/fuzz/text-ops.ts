/**
 * Text mutations: what a plan's text operations do to the written file (truncate, cut a line, BOM, garbage,
 * NaN tokens, swapped or doubled lines, hostile keys written as text, CRLF, a deleted range).
 */
import type { TextOp } from './mutate';
import { HOSTILE_KEYS, HOSTILE_VALUES } from './tree-ops';

const GARBAGE = ['\u0000\u0001\u0002\u00ff', '\uD800', '\uFFFD\uFFFE', '\n', '"', ',', '}', ']]]]', '\\', '\u001f\u008b\u0008', '{"', '\r'];
const BAD_NUMBERS = ['NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '1e308', '-0', '0x10'];
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** Deterministic bytes from a small seed: binary noise that shrinks with the plan. */
function noise(seed: number, length: number): string {
  let x = seed * 2_654_435_761 + 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    out += String.fromCharCode(x % 256);
  }
  return out;
}

function lineRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      if (start < text.length) ranges.push([start, text.length]);
      return ranges;
    }
    ranges.push([start, nl]);
    start = nl + 1;
  }
}

export function applyTextOp(text: string, op: TextOp): string {
  const at = op.at % (text.length + 1);
  switch (op.op) {
    case 'truncate':
      return text.slice(0, at);
    case 'cutLastLine': {
      const trimmed = text.replace(/\n+$/, '');
      const nl = trimmed.lastIndexOf('\n');
      return nl === -1 ? '' : trimmed.slice(0, nl + 1);
    }
    case 'bom':
      return `\uFEFF${text}`;
    case 'garbage': {
      const junk = op.pick % 3 === 0 ? noise(op.pick, 1 + op.amount) : (GARBAGE[op.pick % GARBAGE.length] ?? '');
      return text.slice(0, at) + junk + text.slice(at);
    }
    case 'badNumber': {
      const token = BAD_NUMBERS[op.pick % BAD_NUMBERS.length] ?? 'NaN';
      // Every number, or just one of them.
      if (op.amount % 5 === 0) return text.replace(NUMBER, token);
      const matches = [...text.matchAll(NUMBER)];
      const m = matches[at % Math.max(1, matches.length)];
      if (m?.index === undefined) return text;
      return text.slice(0, m.index) + token + text.slice(m.index + m[0].length);
    }
    case 'swapLines': {
      const lines = text.split('\n');
      if (lines.length < 2) return text;
      const a = op.pick % lines.length;
      const b = op.amount % lines.length;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'hostileText': {
      const braces: number[] = [];
      for (let i = text.indexOf('{'); i !== -1 && braces.length < 10_000; i = text.indexOf('{', i + 1)) braces.push(i);
      const brace = braces[op.pick % Math.max(1, braces.length)];
      if (brace === undefined) return text;
      const key = HOSTILE_KEYS[op.amount % HOSTILE_KEYS.length] ?? '__proto__';
      const closes = /^\s*\}/.test(text.slice(brace + 1));
      const member = `"${key}":${HOSTILE_VALUES[op.at % HOSTILE_VALUES.length] ?? '{}'}${closes ? '' : ','}`;
      return text.slice(0, brace + 1) + member + text.slice(brace + 1);
    }
    case 'dupLine': {
      const ranges = lineRanges(text);
      const range = ranges[op.pick % Math.max(1, ranges.length)];
      if (!range) return text;
      const line = text.slice(range[0], range[1]);
      return `${text.slice(0, range[1])}\n${line}${text.slice(range[1])}`;
    }
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'deleteRange':
      return text.slice(0, at) + text.slice(at + 1 + op.amount * 10);
  }
}
