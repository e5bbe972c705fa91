/**
 * A file's bytes as text, as the person who saved it meant them: a .gz unzipped (Chromium saves its rtcstats
 * dump gzipped), UTF-16 read as UTF-16 (what Windows tools such as PowerShell's `>` write), a UTF-8 BOM dropped.
 * Never more than FILE_LIMITS.maxBytes, counted before reading and again while unzipping, so a small .gz that
 * unpacks to gigabytes stops at the limit.
 */
import { FILE_LIMITS } from './file-limits';
import { RecordingError } from './parse-recording';
import { tooLarge } from './read-untrusted';
import { nextMacrotask, SLICE_MS } from './dumps/pacing';

/**
 * Compressed bytes handed to the unzipper at a time. DecompressionStream inflates each piece it is given in one
 * go and deflate expands up to ~1000×: a 64 kB gzip bomb given whole unpacks 64 MB in one task (~0.5 s), a 2 kB
 * piece at most ~2 MB (~15 ms).
 */
const GZIP_PIECE = 2048;
/** Bytes decoded to text at a time: decoding 16 MB in one call holds the page ~100 ms, a 1 MB piece a few ms. */
const DECODE_PIECE = 1024 * 1024;

export async function fileText(file: Blob): Promise<string> {
  if (file.size > FILE_LIMITS.maxBytes) throw tooLarge(file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return decodeText(isGzip(bytes) ? await gunzip(bytes) : bytes);
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  if (typeof DecompressionStream !== 'function') {
    throw new RecordingError('The file is gzipped and this browser cannot unzip it: unzip it first.', 'binary');
  }
  const unzip = new DecompressionStream('gzip');
  const writer = unzip.writable.getWriter();
  const reader = unzip.readable.getReader();
  // Fed only as fast as its output is read (writer.ready waits for that), so a bomb stops where reading stops.
  const feeding = (async () => {
    for (let at = 0; at < bytes.length; at += GZIP_PIECE) {
      await writer.ready;
      await writer.write(bytes.subarray(at, at + GZIP_PIECE));
    }
    await writer.close();
  })();
  // A corrupt or cut-off stream, or the cancel below, fails the reading side too: that is where it is reported.
  feeding.catch(() => undefined);
  const parts: Uint8Array[] = [];
  let total = 0;
  let sliceStart = performance.now();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > FILE_LIMITS.maxBytes) {
        await reader.cancel();
        throw tooLarge(total, true);
      }
      parts.push(value);
      // Reads resolve as microtasks: without a turn of the event loop, unzipping all of it would be one task.
      if (performance.now() - sliceStart >= SLICE_MS) {
        await nextMacrotask();
        sliceStart = performance.now();
      }
    }
  } catch (err) {
    if (err instanceof RecordingError) throw err;
    throw new RecordingError('The file is gzipped but broken (cut off or corrupt): it could not be unzipped.', 'truncated');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** UTF-16 by its BOM, or (no BOM) by the NUL bytes every other byte that ASCII text in UTF-16 has; else UTF-8. */
async function decodeText(bytes: Uint8Array): Promise<string> {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0
          ? 'utf-16le'
          : bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0
            ? 'utf-16be'
            : 'utf-8';
  // TextDecoder drops the BOM of the encoding it decodes, and in stream mode keeps a character cut between pieces.
  const decoder = new TextDecoder(encoding);
  const pieces: string[] = [];
  let sliceStart = performance.now();
  for (let at = 0; at < bytes.length; at += DECODE_PIECE) {
    pieces.push(decoder.decode(bytes.subarray(at, at + DECODE_PIECE), { stream: true }));
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextMacrotask();
      sliceStart = performance.now();
    }
  }
  pieces.push(decoder.decode());
  return pieces.join('');
}
