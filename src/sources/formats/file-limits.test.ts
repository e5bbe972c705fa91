import { describe, expect, it } from 'vitest';
import { fullSessionExport } from '../../../test/full-session';
import { createReplaySource } from '../replay';
import { PER_TURN } from './dumps/pacing';
import { FILE_LIMITS } from './file-limits';
import { openRecordingFile, parseRecording } from './parse-recording';
import { untrustedRecording } from './read-untrusted';

/** JSON values as the reader counts them: every container and every scalar. */
function valuesIn(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  let n = 1;
  for (const item of Object.values(value)) n += valuesIn(item);
  return n;
}

// The limits are set low enough that a file at them can't hold the page for long, and must stay high enough
// that everything the widget itself writes opens again: the densest file it writes is a whole session export.
describe('a whole session export at the recorder’s default cap, every field and reason filled', () => {
  const { text, samples } = fullSessionExport();

  it('is within the file limits and opens again', async () => {
    expect(text.length).toBeLessThan(FILE_LIMITS.maxBytes);
    expect(valuesIn(JSON.parse(text))).toBeLessThan(FILE_LIMITS.maxValues);
    const opened = await openRecordingFile(new Blob([text]));
    expect(opened.format).toBe('session');
    expect(opened.trace.samples).toHaveLength(samples);
  }, 60_000);

  it('is converted in turns, not in one go, and the replay takes the result without reading it again', () => {
    // Parsed already, so every turn counted here is the conversion's: samples to trace, then the trace's check.
    const reading = untrustedRecording(JSON.parse(text), {});
    let turns = 0;
    let step = reading.next();
    for (; !step.done; step = reading.next()) turns++;
    expect(turns).toBeGreaterThanOrEqual(2 * Math.floor(samples / PER_TURN));

    const recording = step.value;
    expect(Object.isFrozen(recording) && Object.isFrozen(recording.trace) && Object.isFrozen(recording.trace.samples)).toBe(true);
    expect(parseRecording(recording)).toBe(recording);
    expect(createReplaySource(recording).trace).toBe(recording.trace);
    // A copy (a Recording kept as JSON, or edited) is read and checked again.
    const copy: unknown = JSON.parse(JSON.stringify(recording));
    expect(parseRecording(copy)).not.toBe(copy);
    expect(parseRecording(copy).trace).toEqual(recording.trace);
  }, 60_000);
});
