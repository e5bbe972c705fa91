import { describe, expect, it } from 'vitest';
import { sameOptionValue } from './equal';

describe('sameOptionValue', () => {
  it('equates fresh objects with the same content, however deep', () => {
    const make = () => ({
      mode: 'panel',
      intervalMs: 2000,
      labels: { good: 'Bon', reasons: { rtt: 'Latence' } },
      thresholds: { loss: { warning: 0.05, bad: 0.1 } },
    });
    expect(sameOptionValue(make(), make())).toBe(true);
    expect(sameOptionValue({}, {})).toBe(true);
  });

  it('tells apart any changed, added or removed value', () => {
    expect(sameOptionValue({ labels: { good: 'Bon' } }, { labels: { good: 'Bien' } })).toBe(false);
    expect(sameOptionValue({ intervalMs: 2000 }, { intervalMs: 1000 })).toBe(false);
    expect(sameOptionValue({ intervalMs: 2000 }, {})).toBe(false);
    expect(sameOptionValue({}, { theme: 'dark' })).toBe(false);
    expect(sameOptionValue({ thresholds: { loss: { bad: 0.1 } } }, { thresholds: { loss: { bad: 0.2 } } })).toBe(false);
    expect(sameOptionValue({ intervalMs: 2000 }, { intervalMs: '2000' })).toBe(false);
    expect(sameOptionValue({ labels: {} }, { labels: null })).toBe(false);
  });

  it('treats a key holding undefined as absent', () => {
    expect(sameOptionValue({ labels: undefined, mode: 'badge' }, { mode: 'badge' })).toBe(true);
    expect(sameOptionValue({ mode: 'badge' }, { mode: 'badge', theme: undefined })).toBe(true);
  });

  it('equates any two functions (the latest onStateChange is the one called)', () => {
    expect(sameOptionValue({ onStateChange: () => 1 }, { onStateChange: () => 2 })).toBe(true);
    expect(sameOptionValue({ onStateChange: () => 1 }, {})).toBe(false);
    expect(sameOptionValue(() => 1, {})).toBe(false);
  });

  it('compares arrays item by item', () => {
    expect(sameOptionValue([1, { a: 'x' }], [1, { a: 'x' }])).toBe(true);
    expect(sameOptionValue([1, 2], [1, 2, 3])).toBe(false);
    expect(sameOptionValue([1], { 0: 1 })).toBe(false);
  });

  it('compares primitives with Object.is', () => {
    expect(sameOptionValue(NaN, NaN)).toBe(true);
    expect(sameOptionValue(0, -0)).toBe(false);
    expect(sameOptionValue(null, undefined)).toBe(false);
    expect(sameOptionValue('a', 'a')).toBe(true);
  });

  it('compares anything but plain objects and arrays by identity', () => {
    class Call {
      constructor(readonly id: number) {}
    }
    const call = new Call(1);
    expect(sameOptionValue(call, call)).toBe(true);
    expect(sameOptionValue(new Call(1), new Call(1))).toBe(false);
    expect(sameOptionValue(new Map(), new Map())).toBe(false);
    expect(sameOptionValue(Object.assign(Object.create(null) as object, { a: 1 }), { a: 1 })).toBe(true);
  });
});
