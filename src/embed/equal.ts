/**
 * Whether two option values mean the same widget, compared by content the way JSON would see them. The
 * custom element (and through it the React component) uses it so that a host re-rendering with a fresh but
 * equal `options` object never remounts the widget, which would restart measuring.
 *
 * - primitives: `Object.is` (so `NaN` equals `NaN`, `0` and `-0` differ);
 * - plain objects (`{…}`, or `Object.create(null)`): the same keys with equal values, a key whose value is
 *   `undefined` counting as absent (`{ labels: undefined }` equals `{}`);
 * - arrays: the same length and equal items;
 * - functions: always equal to another function. The only function among the options is `onStateChange`,
 *   and the element always calls the latest one it was given, so a new arrow function on every render
 *   needs no remount;
 * - anything else (a call object, a Map, a class instance): only the same object.
 */
export function sameOptionValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'function' && typeof b === 'function') return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameOptionValue(item, b[i]));
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = definedKeys(ra);
  const keysB = definedKeys(rb);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameOptionValue(ra[k], rb[k]));
}

function isPlain(o: object): boolean {
  const proto: unknown = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

function definedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}
