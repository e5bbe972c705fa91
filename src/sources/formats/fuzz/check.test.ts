/** The fuzzer's own parts: a fuzzer whose checks see nothing passes everything. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prototypeChanges, prototypesSnapshot, restorePrototypes } from './check';
import { mutate, planArbitrary, type Seed } from './mutate';
import { CANARY } from './tree-ops';
import { deepFreeze } from './tree-paths';

const SEED: Seed = {
  name: 'tiny',
  doc: { kind: 'json', value: { PeerConnections: { a: { stats: { 'x-bytesSent': { values: '[1,2,3]' } } } }, UserAgent: 'UA' } },
};

describe('the prototype check', () => {
  it('sees a property planted on Object.prototype, says which, and puts things back', () => {
    const before = prototypesSnapshot();
    Object.defineProperty(Object.prototype, CANARY, { value: 'yes', configurable: true, enumerable: true, writable: true });
    try {
      expect(prototypeChanges(before)).toEqual([`Object.prototype.${CANARY} added`, `({}).${CANARY} is set`, `[].${CANARY} is set`]);
    } finally {
      restorePrototypes(before);
    }
    expect(prototypeChanges(before)).toEqual([]);
  });

  it('sees a built-in replaced', () => {
    const before = prototypesSnapshot();
    const original = Array.prototype.map;
    Array.prototype.map = function map() {
      return [];
    };
    try {
      expect(prototypeChanges(before)).toEqual(['Array.prototype.map changed']);
    } finally {
      Array.prototype.map = original;
    }
  });
});

describe('the mutators', () => {
  it('never change the seed they start from', () => {
    const seed = deepFreeze(structuredClone(SEED));
    const copy = structuredClone(seed);
    for (const plan of fc.sample(planArbitrary, { numRuns: 500, seed: 1 })) mutate([seed], plan);
    expect(seed).toEqual(copy);
  });

  it('plant hostile keys as own keys, in the text and inside the JSON held in strings', () => {
    const texts = fc
      .sample(planArbitrary, { numRuns: 2000, seed: 2 })
      .map((plan) => mutate([SEED], { ...plan, tree: plan.tree.map((op) => ({ ...op, op: 'hostile' as const })), text: [], asObject: false }).input)
      .filter((input): input is string => typeof input === 'string');
    expect(texts.some((t) => t.includes('"__proto__":'))).toBe(true);
    // Inside `values`, a JSON string: the key is escaped there.
    expect(texts.some((t) => /\\"(__proto__|constructor|prototype)\\":/.test(t))).toBe(true);
  });
});
