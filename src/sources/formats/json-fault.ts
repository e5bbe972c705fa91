/** A JSON reader's fault in words a person can act on: what is wrong and where (line and column, for an editor). */
import type { JsonFault, JsonLimits } from './json-reader';
import { FILE_LIMITS } from './file-limits';

/** Line and column (1-based) of an offset, for a fault message a person can find in an editor. */
export function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let p = text.indexOf('\n'); p !== -1 && p < at; p = text.indexOf('\n', p + 1)) {
    line++;
    lineStart = p + 1;
  }
  return { line, column: at - lineStart + 1 };
}

/** The fault in words: what is wrong and where. */
export function describeJsonFault(text: string, fault: JsonFault, limits: JsonLimits = FILE_LIMITS): string {
  const { line, column } = lineAndColumn(text, fault.at);
  const where = `line ${line}, column ${column}`;
  switch (fault.kind) {
    case 'truncated':
      return `the file ends in the middle of its JSON (after ${fault.at.toLocaleString('en-US')} characters): it was probably cut off while saving or sending`;
    case 'syntax':
      return `the file is not valid JSON: unexpected ${quoteChar(text, fault.at)} at ${where}`;
    case 'trailing':
      return `the file holds more after its JSON ends, at ${where}`;
    case 'too-deep':
      return `its JSON nests more than ${limits.maxDepth} levels deep (at ${where}); no recording nests more than a few`;
    case 'too-many-values':
      return `its JSON holds more than ${limits.maxValues.toLocaleString('en-US')} values`;
  }
}

function quoteChar(text: string, at: number): string {
  const ch = text.charAt(at);
  if (ch === '') return 'end of file';
  const code = ch.charCodeAt(0);
  return code < 32 || code === 0xfffd ? `character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `“${ch}”`;
}
