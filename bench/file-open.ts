// Opening a file from a stranger the way the demo does: a File handed to openRecordingFile, then a replay source
// made of what it gives (or its refusal), with the longest main-thread task measured. The files (the runner's,
// scripts/bench-files.mjs) are served to this page by the runner; fetching one is not part of what is timed.
import { withLongestTask } from './longest-task';
import { fullSessionExport } from '../test/full-session';
import { createReplaySource, loadDumpReader, openRecordingFile, RecordingError } from '../src/index';

export interface FileOpenFigures {
  bytes: number;
  /** `replayed …` or `refused (<code>)`. */
  outcome: string;
  /** Longest main-thread task from choosing the file to the replay source being ready, or the refusal (ms). */
  longestTaskMs: number;
  /** Time to the replay source or the refusal (ms). */
  totalMs: number;
}

const blobs = new Map<string, Blob>();

export async function openFile(url: string, name: string): Promise<FileOpenFigures> {
  let blob = blobs.get(url);
  if (!blob) {
    blob = await (await fetch(url)).blob();
    blobs.set(url, blob);
  }
  return timeOpen(new File([blob], name));
}

/** Opens the densest file the widget itself writes (test/full-session.ts), made here once: ~15 MB. */
export function openFullSession(): Promise<FileOpenFigures> {
  const name = 'full-session-12h.json';
  let blob = blobs.get(name);
  if (!blob) {
    blob = new Blob([fullSessionExport().text]);
    blobs.set(name, blob);
  }
  return timeOpen(new File([blob], name));
}

async function timeOpen(file: File): Promise<FileOpenFigures> {
  // The readers' chunk is loaded once per page, not once per file: its download is not the file's cost.
  await loadDumpReader();
  const t0 = performance.now();
  let totalMs = 0;
  const { value: outcome, longestTaskMs } = await withLongestTask(async () => {
    try {
      const recording = await openRecordingFile(file);
      const source = createReplaySource(recording);
      totalMs = performance.now() - t0;
      return `replayed (${source.trace.samples.length} polls, ${recording.warnings.length} notes)`;
    } catch (err) {
      totalMs = performance.now() - t0;
      if (err instanceof RecordingError) return `refused (${err.code})`;
      throw err;
    }
  });
  return { bytes: file.size, outcome, longestTaskMs, totalMs };
}
