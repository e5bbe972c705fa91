import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact';
import { createPoller } from '../live/poller';

describe('redactSecrets', () => {
  it('drops a URL\'s query, hash and credentials, bare JWTs and token parameters; keeps the rest', () => {
    expect(redactSecrets('Failed to fetch https://team.daily.co/standup?t=abc.def&x=1#h (retrying)')).toBe(
      'Failed to fetch https://team.daily.co/standup (retrying)',
    );
    expect(redactSecrets('wss://user:pw@sfu.daily.co/ws ok')).toBe('wss://sfu.daily.co/ws ok');
    expect(redactSecrets('bad token eyJhbGciOiJIUzI1NiJ9.eyJyIjoicm9vbSJ9.sig_-1 here')).toBe('bad token [redacted] here');
    expect(redactSecrets('join failed: t=secret, token=abc; done')).toBe('join failed: t=[redacted], token=[redacted]; done');
    expect(redactSecrets('count=5 at start=3')).toBe('count=5 at start=3');
  });

  it('cuts long text', () => {
    const out = redactSecrets('x'.repeat(10_000));
    expect(out).toHaveLength(200); // README, Reliability and security: error text is cut to 200 characters
    expect(out.endsWith('…')).toBe(true);
  });

  it('is applied to every poll error, including errors whose message is not a string or throws', async () => {
    const errors: unknown[] = [
      new Error('GET https://x.daily.co/r?t=secret failed'),
      'https://x.daily.co/r#t=secret',
      Object.assign(new Error(), { message: { not: 'a string' } }),
      Object.defineProperty(new Error(), 'message', { get: () => { throw new Error('getter'); } }),
    ];
    const seen: (string | null)[] = [];
    let i = 0;
    const poller = createPoller({ fetch: () => Promise.reject(errors[i++]), onResult: () => {}, onFailure: (h) => seen.push(h.lastError), intervalMs: 1 });
    poller.start();
    while (seen.length < errors.length) await new Promise((r) => setTimeout(r, 5));
    poller.stop();
    expect(seen.slice(0, 4)).toEqual(['GET https://x.daily.co/r failed', 'https://x.daily.co/r', 'getNetworkStats() failed', 'getNetworkStats() failed']);
  });
});
