import { describe, expect, it } from 'vitest';
import { fileText } from './file-text';

const MiB = 1024 * 1024;

/** `["xxx…😀…"]` with the emoji's bytes starting 2 bytes before the 1 MiB mark, in an encoding of `unit` bytes. */
function straddling(unit: 1 | 2, bom: boolean): string {
  const before = 2 * unit + (bom ? 2 : 0); // `["` (and the BOM) come first
  return `["${'x'.repeat((MiB - 2 - before) / unit)}😀é"]`;
}

function utf16le(text: string, bom: boolean): Uint8Array<ArrayBuffer> {
  const at = bom ? 2 : 0;
  const out = new Uint8Array(at + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[at + 2 * i] = unit & 0xff;
    out[at + 2 * i + 1] = unit >> 8;
  }
  return out;
}

/** Decoding the first MiB on its own cuts a character: the file really does put one across the mark. */
function cutAtMiB(bytes: Uint8Array, encoding: string): boolean {
  return new TextDecoder(encoding).decode(bytes.subarray(0, MiB)).endsWith('\uFFFD');
}

describe('fileText', () => {
  it('reads a UTF-8 file over 1 MiB whole, a character across the mark included', async () => {
    const text = straddling(1, false);
    const bytes = new TextEncoder().encode(text);
    expect(cutAtMiB(bytes, 'utf-8')).toBe(true);
    expect(await fileText(new Blob([bytes]))).toBe(text);
  });

  it('reads UTF-16 with and without its BOM, a surrogate pair across the mark included', async () => {
    for (const bom of [true, false]) {
      const text = straddling(2, bom);
      const bytes = utf16le(text, bom);
      expect(cutAtMiB(bytes, 'utf-16le')).toBe(true);
      expect(await fileText(new Blob([bytes]))).toBe(text);
    }
  });

  it('drops a UTF-8 BOM', async () => {
    expect(await fileText(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), '{"a":1}']))).toBe('{"a":1}');
  });
});
