/**
 * Property-based fuzzing of the files the widget opens that are not stats dumps: getStats() snapshots, our
 * own session and incident exports, Daily /logs responses and traces (the dumps are in fuzz-dumps.test.ts).
 * Support staff open what customers send; see harness.ts, mutate.ts and check.ts.
 */
import { describe } from 'vitest';
import { fuzzFormat } from './harness';

describe('fuzz: getStats() snapshots', () => fuzzFormat('getstats-snapshot'));
describe('fuzz: exported sessions', () => fuzzFormat('session'));
describe('fuzz: exported incidents', () => fuzzFormat('incident'));
describe('fuzz: Daily /logs responses', () => fuzzFormat('daily-logs'));
describe('fuzz: traces and Recordings handed back', () => fuzzFormat('trace'));
