/**
 * Property-based fuzzing of the stats dumps the widget opens: chrome://webrtc-internals (current and old
 * Chrome), rtcstats (Jitsi's rtcstats-server) and rtcstats v3. Support staff open what customers send; see
 * harness.ts, mutate.ts and check.ts.
 */
import { describe } from 'vitest';
import { fuzzFormat } from './harness';

describe('fuzz: chrome://webrtc-internals dumps', () => fuzzFormat('webrtc-internals'));
describe('fuzz: chrome://webrtc-internals dumps of old Chrome', () => fuzzFormat('webrtc-internals-legacy'));
describe('fuzz: rtcstats dumps (Jitsi rtcstats-server)', () => fuzzFormat('rtcstats'));
describe('fuzz: rtcstats v3 dumps', () => fuzzFormat('rtcstats-v3'));
