import { describe, expect, it } from 'vitest';
import { snap } from '../core/fixtures/snapshot';
import { resolveLabels, fill, DEFAULT_LABELS } from './labels';
import { badgeKind, badgeState, badgeText, disagrees, explain, stillRecovering } from './status';


const L = DEFAULT_LABELS;

describe('badge', () => {
  it('says Good / Fair / Poor for the three verdicts, with data-state equal to the verdict', () => {
    for (const [state, text] of [['good', 'Good'], ['warning', 'Fair'], ['bad', 'Poor']] as const) {
      const k = badgeKind(snap({ networkState: state }));
      expect(badgeText(k, L)).toBe(text);
      expect(badgeState(k)).toBe(state);
    }
  });

  it('tells measuring from no data: a filling window is Measuring…, no media or stale samples are No data', () => {
    expect(badgeText(badgeKind(snap({ networkState: 'unknown', unknownReason: 'measuring', sampleCount: 1 })), L)).toBe('Measuring…');
    expect(badgeText(badgeKind(snap({ networkState: 'unknown', unknownReason: 'no-media' })), L)).toBe('No data');
    expect(badgeText(badgeKind(snap({ networkState: 'unknown', unknownReason: 'stale' })), L)).toBe('No data');
    expect(badgeText(badgeKind(null), L)).toBe('Measuring…');
  });

  it('a source that is not being polled is No data, not an endless Measuring…', () => {
    expect(badgeKind(snap({ networkState: 'unknown', unknownReason: 'measuring', sampleCount: 0 }, { active: false }))).toBe('no-data');
  });

  it('a call that was left (polling stopped after samples) is No data, never its last verdict', () => {
    const left = snap({ networkState: 'bad', networkStateReasons: ['sendPacketLoss'] }, { active: false, connection: 'interrupted' });
    expect(badgeKind(left)).toBe('no-data');
    expect(explain(left, L, 2000).map((e) => e.text)).toEqual(['Not in the call any more.']);
  });

  it('polls timing out read "Stats stopped answering", distinct from a refused poll', () => {
    const health = { consecutiveFailures: 1, consecutiveTimeouts: 1, totalFailures: 1, lastError: 'getNetworkStats() did not answer within 5000 ms', lastSuccessAt: null, pending: 1 };
    const hung = snap({ networkState: 'good' }, { statsUnavailable: true, health });
    expect(badgeKind(hung)).toBe('no-data');
    expect(explain(hung, L, 2000)[0]?.text).toBe(L.statsStopped);
    const refused = snap({ networkState: 'good' }, { statsUnavailable: true, health: { ...health, consecutiveFailures: 3, consecutiveTimeouts: 0, lastError: 'boom' } });
    expect(explain(refused, L, 2000)[0]?.text).toBe('Stats unavailable: boom');
  });

  it('an interrupted connection is Reconnecting… even over a stale bad verdict, with data-state unknown', () => {
    const k = badgeKind(snap({ networkState: 'bad' }, { connection: 'interrupted', outage: 'reconnecting' }));
    expect(badgeText(k, L)).toBe('Reconnecting…');
    expect(badgeState(k)).toBe('unknown');
  });

  it('a failed connection is Connection lost, data-state bad, with what to do', () => {
    const s = snap({ networkState: 'bad' }, { connection: 'failed', outage: 'lost' });
    const k = badgeKind(s);
    expect(badgeText(k, L)).toBe('Connection lost');
    expect(badgeState(k)).toBe('bad');
    expect(explain(s, L, 0)).toEqual([{ key: 'lost', level: 'bad', text: L.lostWhy, action: L.lostAction }]);
  });

  it('a stall while connected reads Reconnecting… and says which way nothing flows', () => {
    const recv = snap({ networkState: 'bad', stall: 'recv' }, { connection: 'connected', outage: 'stalled' });
    expect(badgeText(badgeKind(recv), L)).toBe('Reconnecting…');
    expect(explain(recv, L, 0)[0]?.text).toBe(L.stalledRecvWhy);
    const send = snap({ networkState: 'bad', stall: 'send' }, { outage: 'stalled' });
    expect(explain(send, L, 0)[0]?.text).toBe(L.stalledSendWhy);
  });

  it('after a reconnection, a still-stale window keeps saying Reconnecting… until a fresh sample', () => {
    const stale = snap({ networkState: 'unknown', unknownReason: 'stale' }, { connection: 'connected' });
    expect(badgeKind(stale, stillRecovering(stale, true))).toBe('reconnecting');
    const fresh = snap({ networkState: 'good' }, { connection: 'connected' });
    expect(stillRecovering(fresh, true)).toBe(false);
    expect(badgeKind(stale, stillRecovering(stale, false))).toBe('no-data');
  });

  it('failing polls show No data with "Stats unavailable" and the error as the reason', () => {
    const s = snap({ networkState: 'good' }, { statsUnavailable: true, health: { ...snap({}).health, lastError: 'call machine gone' } });
    expect(badgeKind(s)).toBe('no-data');
    expect(explain(s, L, 0)[0]?.text).toBe('Stats unavailable: call machine gone');
  });
});

describe('explain', () => {
  it('gives each reason its measured value and an action, in Daily’s order', () => {
    const s = snap({
      networkState: 'bad',
      networkStateReasons: ['sendPacketLoss', 'roundTripTime'],
      metrics: { sendPacketLoss: 0.12, recvPacketLoss: 0, roundTripTime: 0.64, availableOutgoingBitrate: null },
      levels: { sendPacketLoss: 'bad', recvPacketLoss: 'good', roundTripTime: 'bad', availableOutgoingBitrate: null },
    });
    const out = explain(s, L, 0);
    expect(out.map((e) => e.text)).toEqual(['Your upload is losing 12 % of packets', 'Round trip is 640 ms']);
    expect(out[0]?.action).toMatch(/camera off/);
    expect(out.every((e) => e.level === 'bad')).toBe(true);
  });

  it('says how long ago the last sample was when stale', () => {
    const s = snap({ networkState: 'unknown', unknownReason: 'stale', newestTimestamp: 1000 });
    expect(explain(s, L, 13_400)[0]?.text).toBe('No new measurements for 12 s.');
  });

  it('a good verdict has one reassuring line and no action', () => {
    expect(explain(snap({}), L, 0)).toEqual([{ key: 'good', level: 'good', text: L.allGood, action: null }]);
  });

  it('uses translated labels', () => {
    const labels = resolveLabels({ reasons: { roundTripTime: 'Aller-retour : {value}' }, notAvailable: 'k. A.' });
    const s = snap({ networkState: 'warning', networkStateReasons: ['roundTripTime'], metrics: { ...snap({}).assessment.metrics, roundTripTime: 0.35 } });
    expect(explain(s, labels, 0)[0]?.text).toBe('Aller-retour : 350 ms');
    expect(labels.reasons.sendPacketLoss).toBe(L.reasons.sendPacketLoss);
  });
});

describe('disagrees', () => {
  it('marks a disagreement only when both verdicts are known', () => {
    expect(disagrees(snap({ networkState: 'good' }, { reported: { networkState: 'warning', networkStateReasons: [] } }))).toBe(true);
    expect(disagrees(snap({ networkState: 'good' }, { reported: { networkState: 'good', networkStateReasons: [] } }))).toBe(false);
    expect(disagrees(snap({ networkState: 'unknown' }, { reported: { networkState: 'bad', networkStateReasons: [] } }))).toBe(false);
    expect(disagrees(snap({ networkState: 'bad' }))).toBe(false);
  });
});

describe('fill', () => {
  it('leaves an unknown placeholder visible', () => {
    expect(fill('{value} and {oops}', { value: '1' })).toBe('1 and {oops}');
  });

  it('fills a placeholder used twice, at either end, and leaves text without placeholders alone', () => {
    expect(fill('{a}-{b}-{a}', { a: 'x', b: 'y' })).toBe('x-y-x');
    expect(fill('no placeholders', { a: 'x' })).toBe('no placeholders');
    expect(fill('{a}', { a: '' })).toBe('');
  });
});
