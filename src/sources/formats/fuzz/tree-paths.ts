/**
 * Paths through a seed's tree, JSON in strings included: a plan's numbers picked into a path, the node at a
 * path, and copies of the tree with one container on the path edited (the seed itself is frozen and shared).
 */

/** A line of a JSON-lines file that is not JSON (rtcstats v3's `RTCStatsDump` header): written as it is. */
export class RawLine {
  constructor(readonly text: string) {}
}

export type Container = Record<string, unknown> | unknown[];
export type Step = { kind: 'key'; key: string | number } | { kind: 'json' };

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RawLine);
}

export function isContainer(v: unknown): v is Container {
  return Array.isArray(v) || isObject(v);
}

/** The JSON array or object a string holds, if it holds one. */
export function jsonIn(text: string): Container | undefined {
  const start = text.trimStart()[0];
  if ((start !== '{' && start !== '[') || text.length > 1_000_000) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isContainer(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function keysOf(node: Container): Array<string | number> {
  return Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
}

/** An own property only, so an own `__proto__` key reads as the value it holds. */
export function childOf(node: Container, key: string | number): unknown {
  if (Array.isArray(node)) return node[Number(key)];
  return Object.getOwnPropertyDescriptor(node, key)?.value;
}

export function setChild(node: Container, key: string | number, value: unknown): void {
  if (Array.isArray(node)) node[Number(key)] = value;
  else Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A shallow, writable copy (seeds are frozen) that keeps own `__proto__` keys as keys, as JSON.parse makes them. */
export function copyOf<T extends Container>(node: T): T {
  if (Array.isArray(node)) return node.slice() as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(node)) setChild(copy, key, childOf(node, key));
  return copy as T;
}

/**
 * Seeds are shared by every input made from them, and an object input reaches the parser with them inside:
 * frozen, a parser that writes into its input throws (and fails the run) instead of spoiling later runs.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(Object.getOwnPropertyDescriptor(value, key)?.value);
  }
  return value;
}

export function walk(root: unknown, numbers: readonly number[]): Step[] {
  const steps: Step[] = [];
  let node = root;
  for (const n of numbers) {
    if (typeof node === 'string') {
      const inner = jsonIn(node);
      if (inner === undefined) break;
      steps.push({ kind: 'json' });
      node = inner;
    }
    if (!isContainer(node)) break;
    const keys = keysOf(node);
    const key = keys[n % Math.max(1, keys.length)];
    if (key === undefined) break;
    steps.push({ kind: 'key', key });
    node = childOf(node, key);
  }
  // A path ends on a node, never inside a string it did not enter.
  while (steps.at(-1)?.kind === 'json') steps.pop();
  return steps;
}

export function nodeAt(root: unknown, steps: readonly Step[]): unknown {
  let node = root;
  for (const step of steps) {
    if (step.kind === 'json') node = typeof node === 'string' ? jsonIn(node) : undefined;
    else node = isContainer(node) ? childOf(node, step.key) : undefined;
  }
  return node;
}

/**
 * A copy of `root` in which `edit` has changed (a copy of) the container holding the path's last node. An
 * empty path edits a holder around the root, so the root itself can be replaced or removed.
 */
export function editContainer(root: unknown, steps: readonly Step[], edit: (container: Container, key: string | number) => void): unknown {
  if (steps.length === 0) {
    const holder: unknown[] = [root];
    edit(holder, 0);
    return holder.length > 0 ? holder[0] : null;
  }
  const rebuild = (node: unknown, i: number): unknown => {
    const step = steps[i];
    if (!step) return node;
    if (step.kind === 'json') {
      const inner = typeof node === 'string' ? jsonIn(node) : undefined;
      return inner === undefined ? node : (JSON.stringify(rebuild(inner, i + 1)) ?? 'null');
    }
    if (!isContainer(node)) return node;
    const copy = copyOf(node);
    if (i === steps.length - 1) edit(copy, step.key);
    else setChild(copy, step.key, rebuild(childOf(node, step.key), i + 1));
    return copy;
  };
  return rebuild(root, 0);
}

export function replaceAt(root: unknown, steps: readonly Step[], replace: (old: unknown) => unknown): unknown {
  return editContainer(root, steps, (container, key) => setChild(container, key, replace(childOf(container, key))));
}

/** The path cut after its last step into an object (for edits that need a key: rename, hostile keys). */
export function toLastObjectKey(root: unknown, steps: readonly Step[]): Step[] | null {
  for (let end = steps.length; end > 0; end--) {
    const last = steps[end - 1];
    if (last?.kind !== 'key') continue;
    const container = nodeAt(root, steps.slice(0, end - 1));
    const unwrapped = typeof container === 'string' ? jsonIn(container) : container;
    if (isObject(unwrapped)) return steps.slice(0, end);
  }
  return null;
}
