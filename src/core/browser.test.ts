import { describe, expect, it } from 'vitest';
import { browserOf } from './browser';

// User agents as the real recordings in src/sources/fixtures/realcalls carry them.
describe('browserOf', () => {
  it.each([
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:109.0) Gecko/20100101 Firefox/118.0', 'Firefox 118'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/117.0.0.0 Safari/537.36', 'Chrome 117'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15', 'Safari 17'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0', 'Edge 120'],
  ])('%s → %s', (ua, name) => {
    expect(browserOf(ua)).toBe(name);
  });
  it('names nothing it does not know', () => {
    expect(browserOf('curl/8.0')).toBeNull();
    expect(browserOf(null)).toBeNull();
  });
});
