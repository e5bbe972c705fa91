/**
 * Tree mutations: what a plan's tree operations do at the node its path ends on (delete, duplicate, reorder,
 * retype, inflate, hostile keys, markup, rename, JSON-in-a-string).
 */
import type { TreeOp } from './mutate';
import {
  childOf,
  copyOf,
  editContainer,
  isContainer,
  isObject,
  jsonIn,
  keysOf,
  nodeAt,
  replaceAt,
  setChild,
  toLastObjectKey,
  walk,
  type Container,
  type Step,
} from './tree-paths';

/** The property a hostile key tries to plant on Object.prototype; the checks look for it. */
export const CANARY = 'polluted';

const MARKUP = ['<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><script>alert(1)</script>', '</textarea><svg onload=alert(1)>'];
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** Values planted under a hostile key: parsed from text so a nested `__proto__` is an own key, as JSON.parse makes it. */
export const HOSTILE_VALUES: readonly string[] = [
  `{"${CANARY}":"yes","toString":"${CANARY}"}`,
  `{"prototype":{"${CANARY}":"yes"}}`,
  `{"__proto__":{"${CANARY}":"yes"}}`,
  `"{\\"${CANARY}\\":\\"yes\\"}"`,
  `[{"${CANARY}":"yes"}]`,
];
const LONG = 'A'.repeat(10_240);
/** Inflating stops at these, so a run stays a few ms: the readers' own limits are tested by the lead's tests. */
const MAX_INFLATED_ITEMS = 2_000;
const MAX_INFLATED_CHARS = 200_000;

export function applyTreeOp(root: unknown, op: TreeOp): unknown {
  const steps = walk(root, op.walk);
  const target = nodeAt(root, steps);
  switch (op.op) {
    case 'delete':
      return editContainer(root, steps, (c, k) => {
        if (Array.isArray(c)) c.splice(Number(k), 1);
        else Reflect.deleteProperty(c, k);
      });
    case 'duplicate':
      return editContainer(root, steps, (c, k) => duplicate(c, k, op));
    case 'reorder':
      if (isContainer(target)) return replaceAt(root, steps, (old) => (isContainer(old) ? reorder(old, op) : old));
      return editContainer(root, steps, (c, k) => swapWithSibling(c, k, op.pick));
    case 'retype':
      return replaceAt(root, steps, (old) => retype(old, op.pick));
    case 'inflate':
      return replaceAt(root, steps, (old) => inflate(old, op));
    case 'hostile':
      return plantHostile(root, steps, target, op);
    case 'markup':
      return replaceAt(root, steps, (old) => markup(old, op.pick));
    case 'rename': {
      const keyed = toLastObjectKey(root, steps);
      if (keyed === null) return plantHostile(root, steps, target, op);
      return editContainer(root, keyed, (c, k) => rename(c, k, op.pick));
    }
    case 'stringify':
      return replaceAt(root, steps, (old) => (typeof old === 'string' ? (jsonIn(old) ?? `"${old}"`) : (JSON.stringify(old) ?? 'null')));
  }
}

function duplicate(c: Container, k: string | number, op: TreeOp): void {
  const value = childOf(c, k);
  if (Array.isArray(c)) {
    c.splice(op.pick % 2 === 0 ? Number(k) + 1 : c.length, 0, value);
    return;
  }
  const keys = Object.keys(c);
  // Either the same value under a new name, or over a sibling (the same series twice, one stat as another).
  if (op.pick % 3 === 0 && keys.length > 1) setChild(c, keys[op.amount % keys.length] ?? String(k), value);
  else setChild(c, `${String(k)}${['2', '-dup', ' ', '_x'][op.amount % 4] ?? '2'}`, value);
}

function reorder(node: Container, op: TreeOp): Container {
  if (!Array.isArray(node)) {
    const reversed: Record<string, unknown> = {};
    for (const key of Object.keys(node).reverse()) setChild(reversed, key, childOf(node, key));
    return reversed;
  }
  const copy = node.slice();
  if (copy.length < 2) return copy;
  const mode = op.pick % 3;
  if (mode === 0) return copy.reverse();
  if (mode === 1) {
    const by = 1 + (op.amount % (copy.length - 1));
    return [...copy.slice(by), ...copy.slice(0, by)];
  }
  const a = op.amount % copy.length;
  const b = (op.amount + 1 + (op.pick % (copy.length - 1))) % copy.length;
  [copy[a], copy[b]] = [copy[b], copy[a]];
  return copy;
}

function swapWithSibling(c: Container, k: string | number, pick: number): void {
  const keys = keysOf(c);
  const other = keys[pick % Math.max(1, keys.length)];
  if (other === undefined || other === k) return;
  const a = childOf(c, k);
  setChild(c, k, childOf(c, other));
  setChild(c, other, a);
}

/** The same value as another JSON type, or a number past the range a counter holds. */
export function retype(value: unknown, pick: number): unknown {
  const numeric = typeof value === 'number' ? value : 1234.5;
  const candidates: unknown[] = [
    String(numeric),
    'NaN',
    'Infinity',
    '-Infinity',
    null,
    true,
    false,
    {},
    [],
    1e308,
    -1e308,
    -numeric,
    -0,
    0,
    Number.MAX_SAFE_INTEGER + 2,
    5e-324,
    LONG,
    '',
    // Only an object handed over directly can hold these; written as text they become null.
    Number.NaN,
    Number.POSITIVE_INFINITY,
    numeric * 1000,
    numeric + 1e12,
    '2026-13-45T99:99:99Z',
    new Date(1_796_037_263_438).toISOString(),
    JSON.stringify(value) ?? 'null',
    // An object String() cannot convert: its own toString and valueOf are not functions.
    JSON.parse('{"toString":"x","valueOf":"x"}'),
  ];
  return candidates[pick % candidates.length];
}

function inflate(value: unknown, op: TreeOp): unknown {
  const mode = op.pick % 5;
  if (mode === 0 && Array.isArray(value) && value.length > 0) {
    const chars = (JSON.stringify(value) ?? '').length;
    const most = Math.min(MAX_INFLATED_ITEMS / value.length, MAX_INFLATED_CHARS / Math.max(1, chars));
    const times = Math.max(2, Math.min(2 + (op.amount % 7), Math.floor(most)));
    return Array.from({ length: times }, () => value).flat();
  }
  if (mode === 1) return typeof value === 'string' ? value + LONG : LONG;
  if (mode === 2 || mode === 3) {
    // A few hundred levels: deep enough to break a recursive reader, shallow enough for JSON.stringify.
    const depth = 200 + op.amount * 4;
    let nested: unknown = value;
    for (let i = 0; i < depth; i++) nested = mode === 2 ? [nested] : { a: nested };
    return nested;
  }
  const wide: Record<string, unknown> = { value };
  for (let i = 0; i < 500; i++) wide[`k${i}`] = i;
  return wide;
}

function hostileValue(pick: number): unknown {
  return JSON.parse(HOSTILE_VALUES[pick % HOSTILE_VALUES.length] ?? '{}');
}

/** An own hostile key (as JSON.parse makes one) on the target, else on its object container, else in its place. */
function plantHostile(root: unknown, steps: readonly Step[], target: unknown, op: TreeOp): unknown {
  const key = HOSTILE_KEYS[op.pick % HOSTILE_KEYS.length] ?? '__proto__';
  const value = hostileValue(op.amount);
  const withKey = (node: Record<string, unknown>) => {
    const copy = copyOf(node);
    setChild(copy, key, value);
    return copy;
  };
  if (isObject(target)) return replaceAt(root, steps, (old) => (isObject(old) ? withKey(old) : old));
  if (typeof target === 'string' && isObject(jsonIn(target))) {
    return replaceAt(root, steps, (old) => {
      const inner = typeof old === 'string' ? jsonIn(old) : undefined;
      return isObject(inner) ? JSON.stringify(withKey(inner)) : old;
    });
  }
  const keyed = toLastObjectKey(root, steps);
  if (keyed !== null) return editContainer(root, keyed, (c) => setChild(c, key, value));
  return replaceAt(root, steps, () => withKey({}));
}

function markup(value: unknown, pick: number): unknown {
  const text = MARKUP[pick % MARKUP.length] ?? '';
  if (typeof value === 'string' && pick % 2 === 0) return `${value}${text}`;
  return text;
}

function rename(c: Container, k: string | number, pick: number): void {
  if (Array.isArray(c)) return;
  const key = String(k);
  const names = [
    '__proto__',
    'constructor',
    'prototype',
    `${key}-__proto__`,
    `__proto__-${key}`,
    `${key}-constructor`,
    MARKUP[0] ?? '',
    '',
    `${key}\u0000`,
    `${key}-[bytesSent_in_bits/s]`,
    key.toUpperCase(),
    `${key}-${LONG}`,
  ];
  const name = names[pick % names.length] ?? key;
  const value = childOf(c, k);
  Reflect.deleteProperty(c, k);
  setChild(c, name, value);
}
