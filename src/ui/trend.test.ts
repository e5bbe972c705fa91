import { describe, expect, it } from 'vitest';
import { trendOf } from './trend';

describe('trendOf', () => {
  it('reads rising and falling from the newer half against the older', () => {
    expect(trendOf([0.01, 0.01, 0.02, 0.05, 0.08, 0.12])).toBe('rising');
    expect(trendOf([0.6, 0.5, 0.4, 0.2, 0.1, 0.05])).toBe('falling');
  });

  it('calls noise within 10 % steady, and ignores nulls', () => {
    expect(trendOf([100, 104, null, 97, 102, 99, 101])).toBe('steady');
  });

  it('a series near zero needs to move more than the floor', () => {
    expect(trendOf([0, 0, 0.001, 0.002], 0.005)).toBe('steady');
    expect(trendOf([0, 0, 0.001, 0.002])).toBe('rising');
  });

  it('too few points are steady, not a guess', () => {
    expect(trendOf([1, 100, 1000])).toBe('steady');
  });
});
