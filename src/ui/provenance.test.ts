import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import logsFixture from '../core/fixtures/daily-logs.json';
import { parseRecording, parseRecordingAsync } from '../sources/formats/parse-recording';
import { createReplaySource } from '../sources/replay';
import { createWebRTCStatsSource } from '../sources/webrtc';
import { DEFAULT_LABELS, resolveLabels } from './labels';
import { describeRecording, missingWhyFor } from './missing-why';
import { provenanceOf, type Provenance } from './provenance';
import { labelsForLacks } from './lacks';

const CHROMIUM = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

const live = (userAgent: string | null, figures: 'daily' | 'widget' = 'daily'): Provenance => ({ kind: 'live', userAgent, figures });

describe('provenanceOf', () => {
  it('a replay source is a recording, with its format, what it lacks, its browser and its name', async () => {
    const dump = readFileSync('src/sources/fixtures/realcalls/jitsi-rtcstats-server/firefox-relay', 'utf8');
    const p = provenanceOf(createReplaySource(await parseRecordingAsync(dump)), CHROMIUM);
    expect(p).toMatchObject({ kind: 'replay', format: 'rtcstats', lacks: [] });
    expect(p.userAgent).toMatch(/Firefox\/118/);
    const logs = provenanceOf(createReplaySource(parseRecording(logsFixture)), CHROMIUM);
    expect(logs).toMatchObject({ kind: 'replay', format: 'daily-logs', userAgent: null });
    expect(logs.kind === 'replay' && logs.lacks).toContain('networkRoundTripTime');
  });

  it('anything else — no source (a call), a plain getNetworkStats() source — is live in this browser', () => {
    expect(provenanceOf(undefined, FIREFOX)).toEqual(live(FIREFOX));
    expect(provenanceOf({ getNetworkStats: () => Promise.resolve({}) }, CHROMIUM)).toEqual(live(CHROMIUM));
    // A `format` that isn't a replay's (no `lacks` list) is no recording.
    expect(provenanceOf({ format: 'x' }, null)).toEqual(live(null));
    // createWebRTCStatsSource's figures are the widget's own maths, not Daily's.
    expect(provenanceOf(createWebRTCStatsSource([]), FIREFOX)).toEqual(live(FIREFOX, 'widget'));
    // In Node there is a navigator (Node 21+) or none: either way the default is this runtime, live.
    expect(provenanceOf(undefined).kind).toBe('live');
  });
});

describe('missingWhyFor: the n/a note says the true cause', () => {
  it('live in Chromium (or Safari): never blames Firefox', () => {
    for (const ua of [CHROMIUM, SAFARI, null]) {
      expect(missingWhyFor('roundTripTime', DEFAULT_LABELS, live(ua))).toBe('Not reported by this browser (no round trip measured yet)');
      expect(missingWhyFor('availableOutgoingBitrate', DEFAULT_LABELS, live(ua))).toBe('Only estimated while video is being sent');
      expect(missingWhyFor('audioSendJitter', DEFAULT_LABELS, live(ua))).toBe('No media flowing in this direction');
      expect(missingWhyFor('recvPacketLoss', DEFAULT_LABELS, live(ua))).toBe('No media flowing in this direction');
    }
  });

  it('live in Firefox: the bandwidth estimate is the browser gap; the round trip and audio jitter only Daily ones', () => {
    for (const figures of ['daily', 'widget'] as const) {
      expect(missingWhyFor('availableOutgoingBitrate', DEFAULT_LABELS, live(FIREFOX, figures))).toBe(
        'Not reported by this browser (Firefox 140 gives no bandwidth estimate)',
      );
      // Firefox does report loss: no media is the cause there too.
      expect(missingWhyFor('sendPacketLoss', DEFAULT_LABELS, live(FIREFOX, figures))).toBe('No media flowing in this direction');
    }
    // Daily's getNetworkStats() computes neither in Firefox (its docs)...
    expect(missingWhyFor('roundTripTime', DEFAULT_LABELS, live(FIREFOX, 'daily'))).toBe('Not reported by Daily in Firefox 140');
    expect(missingWhyFor('audioSendJitter', DEFAULT_LABELS, live(FIREFOX, 'daily'))).toBe('Not reported by Daily in Firefox 140');
    // ...but Firefox has the figures, and the WebRTC source computes both: null there has the usual cause.
    expect(missingWhyFor('roundTripTime', DEFAULT_LABELS, live(FIREFOX, 'widget'))).toBe('Not reported by this browser (no round trip measured yet)');
    expect(missingWhyFor('audioSendJitter', DEFAULT_LABELS, live(FIREFOX, 'widget'))).toBe('No media flowing in this direction');
  });

  it('a replay: the recording, its format and the browser it was made in — not the browser it plays in', () => {
    const rtcstats: Provenance = { kind: 'replay', format: 'rtcstats', userAgent: FIREFOX.replaceAll('140', '118'), lacks: [], name: null };
    expect(missingWhyFor('roundTripTime', DEFAULT_LABELS, rtcstats)).toBe('Not in this recording (rtcstats dump from Firefox 118)');
    const internals: Provenance = { kind: 'replay', format: 'webrtc-internals', userAgent: CHROMIUM, lacks: [], name: null };
    expect(missingWhyFor('audioSendJitter', DEFAULT_LABELS, internals)).toBe('Not in this recording (webrtc-internals dump from Chrome 141)');
    const trace: Provenance = { kind: 'replay', format: 'trace', userAgent: null, lacks: [], name: 'Firefox' };
    expect(missingWhyFor('roundTripTime', DEFAULT_LABELS, trace)).toBe('Not in this recording (trace “Firefox”)');
    const session: Provenance = { kind: 'replay', format: 'session', userAgent: null, lacks: [], name: 'Session of …' };
    expect(missingWhyFor('roundTripTime', DEFAULT_LABELS, session)).toBe('Not in this recording (exported session)');
    expect(describeRecording({ kind: 'replay', format: 'something-new', userAgent: null, lacks: [], name: null })).toBe('something-new');
  });

  it("a Daily /logs replay: what the format can't carry says so; what it carries but was empty says the recording", () => {
    const logs = provenanceOf(createReplaySource(parseRecording(logsFixture)), CHROMIUM);
    expect(missingWhyFor('roundTripTime', DEFAULT_LABELS, logs)).toBe("Not in Daily's /logs");
    expect(missingWhyFor('sendPacketLoss', DEFAULT_LABELS, logs)).toBe("Not in Daily's /logs");
    expect(missingWhyFor('recvPacketLoss', DEFAULT_LABELS, logs)).toBe("Not in this recording (Daily /logs response)");
  });

  it("a host's labels.missingWhy wins everywhere; the sentences are labels a host can translate", () => {
    const labels = resolveLabels({ missingWhy: { roundTripTime: 'RTT fehlt' }, notInRecording: 'Nicht in der Aufnahme ({value})' });
    const trace: Provenance = { kind: 'replay', format: 'trace', userAgent: null, lacks: [], name: 'Firefox' };
    expect(missingWhyFor('roundTripTime', labels, live(FIREFOX))).toBe('RTT fehlt');
    expect(missingWhyFor('roundTripTime', labels, trace)).toBe('RTT fehlt');
    expect(missingWhyFor('audioSendJitter', labels, trace)).toBe('Nicht in der Aufnahme (trace “Firefox”)');
    // As the embedding builds them for a /logs source: the host's wording still wins over "Not in Daily's /logs".
    const logs = provenanceOf(createReplaySource(parseRecording(logsFixture)), CHROMIUM);
    const withLacks = labelsForLacks(labels, logs.kind === 'replay' ? logs.lacks : [], labels.missingWhy);
    expect(missingWhyFor('roundTripTime', withLacks, logs)).toBe('RTT fehlt');
    expect(missingWhyFor('sendPacketLoss', withLacks, logs)).toBe("Not in Daily's /logs");
  });
});
