import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hostileFiles, MARKUP, PROBED_LIMITS } from '../../../scripts/hostile-files.mjs';
import { FILE_LIMITS } from './file-limits';
import { openRecordingFile, parseRecordingAsync, RecordingError, type Recording } from './parse-recording';

// Every hostile or broken file of the corpus (scripts/hostile-files.mjs, built from the repo's real recordings)
// opened the way the demo's file picker opens it: through openRecordingFile, from a Blob.

const files = hostileFiles();
/** What a message must never show: a number that is not one, a missing value's name, an object's default text. */
const NOT_SHOWN = /(?<!as )\bNaN\b|undefined|\[object/;

function numbersIn(recording: Recording): number[] {
  return recording.trace.samples.flatMap((s) => Object.values(s.latest ?? {}).filter((v): v is number => typeof v === 'number'));
}

describe('files from strangers', () => {
  it('the corpus probes the limits the readers enforce', () => {
    for (const [key, value] of Object.entries(PROBED_LIMITS)) expect(FILE_LIMITS[key as keyof typeof FILE_LIMITS]).toBe(value);
  });

  for (const file of files) {
    it(`${file.name} (${file.what}): ${file.expect.outcome}${file.expect.code ? ` as ${file.expect.code}` : ''}`, async () => {
      const before = Object.getOwnPropertyNames(Object.prototype).join();
      let outcome: Recording | RecordingError;
      try {
        outcome = await openRecordingFile(new Blob([file.bytes as Uint8Array<ArrayBuffer>]));
      } catch (err) {
        if (!(err instanceof RecordingError)) throw err;
        outcome = err;
      }
      expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(before);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      if (file.expect.outcome === 'refused') {
        expect(outcome).toBeInstanceOf(RecordingError);
        const err = outcome as RecordingError;
        expect(err.code).toBe(file.expect.code);
        expect(err.message).toMatch(file.expect.mentions ?? /./);
        expect(err.message).not.toMatch(NOT_SHOWN);
        return;
      }
      if (outcome instanceof RecordingError) throw outcome;
      expect(outcome.trace.samples.length).toBeGreaterThan(0);
      for (const n of numbersIn(outcome)) expect(Number.isFinite(n)).toBe(true);
      if (file.expect.warns) expect(outcome.warnings.join('\n')).toMatch(file.expect.warns);
      for (const w of outcome.warnings) expect(w).not.toMatch(NOT_SHOWN);
      if (file.expect.sameAs) {
        const original = await parseRecordingAsync(readFileSync(file.expect.sameAs, 'utf8'));
        expect(outcome.trace).toEqual(original.trace);
      }
    });
  }

  it('markup from a file stays a string: the user agent and connection ids come back verbatim, to be shown as text', async () => {
    const file = files.find((f) => f.name === 'markup-everywhere.json');
    const recording = await openRecordingFile(new Blob([file?.bytes as Uint8Array<ArrayBuffer>]));
    expect(recording.userAgent).toContain(MARKUP);
    expect(recording.connections?.all).toContain(`pc-${MARKUP}`);
  });
});
