import { isoOf, NOT_A_RECORDING, RecordingError, traceAs, type Recording, type RecordingOptions } from '../parse-recording';
import { formatName } from '../format-names';
import { DumpError, type StatsDump } from './dump';
import { dumpSamples } from './dump-recording';
import type { Reading } from './pacing';
import { readDumpReading } from './read';

// Part of the readers' chunk, loaded on demand (see ../reader-chunk.ts).

/** A dump (a file's text, or its parsed JSON) read, replayed through the WebRTC maths and made a Recording. */
export function* dumpRecording(input: unknown, options: RecordingOptions): Reading<Recording> {
  try {
    const dump: StatsDump = yield* readDumpReading(input);
    const out = yield* dumpSamples(dump, options);
    const polls = out.samples.filter((s) => s.latest).length;
    const span = Math.round((out.samples.at(-1)?.t ?? 0) / 1000);
    const trace = yield* traceAs(dump.format, {
      name: `${formatName(dump.format)}${out.startedAt === null ? '' : ` of ${isoOf(out.startedAt)}`}`,
      description: `${plural(polls, 'poll')} over ${span} s, ${plural(out.connections.length, 'connection')}`,
      intervalMs: out.intervalMs,
      samples: out.samples,
    });
    return {
      format: dump.format,
      trace,
      lacks: [],
      warnings: [...dump.warnings, ...out.warnings],
      userAgent: dump.userAgent,
      connections: { all: dump.connections.map((c) => c.id), replayed: out.connections },
    };
  } catch (err) {
    if (err instanceof DumpError && err.code === 'not-a-dump') throw new RecordingError(notARecording(err.message), err.code);
    if (err instanceof DumpError) throw new RecordingError(err.message, err.code);
    throw err;
  }
}

/**
 * Nothing the replay reads, said in terms of every format it takes (the dump reader is asked last, so its
 * "not a dump" is the final word), keeping what the reader found out: "the file is empty", "not valid JSON".
 */
function notARecording(readerSays: string): string {
  const detail = /; (.+?)\.?$/.exec(readerSays)?.[1] ?? (/empty/.test(readerSays) ? 'the file is empty' : null);
  return `${NOT_A_RECORDING}${detail ? `: ${detail}` : ''}.`;
}


function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
