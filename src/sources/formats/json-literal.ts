/** The JSON reader's words and numbers (see json-reader.ts). */

// Where the last literal ended and whether it was NaN/Infinity: kept here rather than in a result object, so
// reading two million numbers allocates nothing per number (less garbage, shorter pauses).
export let literalEnd = 0;
export let literalNonFinite = false;
export const NOT_LITERAL: unique symbol = Symbol('not a literal');

const WORDS: ReadonlyArray<[string, boolean | null, boolean]> = [
  ['true', true, false],
  ['false', false, false],
  ['null', null, false],
  // Not JSON, but what Python's json.dumps and others write for non-finite floats: a missing value.
  ['NaN', null, true],
  ['Infinity', null, true],
  ['-Infinity', null, true],
];

export function readLiteral(text: string, i: number): number | boolean | null | typeof NOT_LITERAL {
  literalNonFinite = false;
  const first = text.charCodeAt(i);
  if (!((first >= 48 && first <= 57) || first === 45)) {
    for (const [word, value, nonFinite] of WORDS) {
      if (text.startsWith(word, i)) {
        literalEnd = i + word.length;
        literalNonFinite = nonFinite;
        return value;
      }
    }
    return NOT_LITERAL;
  }
  // Whole numbers of up to 15 digits (nearly every number in a stats file) are summed here, without a slice.
  let j = first === 45 ? i + 1 : i;
  let whole = 0;
  const digitsFrom = j;
  for (; j < text.length; j++) {
    const d = text.charCodeAt(j) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  const next = text.charCodeAt(j);
  literalEnd = j;
  if (j > digitsFrom && j - digitsFrom < 16 && next !== 46 && next !== 101 && next !== 69) return first === 45 ? -whole : whole;
  if (first === 45 && text.startsWith('Infinity', i + 1)) {
    literalEnd = i + 9;
    literalNonFinite = true;
    return null;
  }
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    // digits, + - . e E
    if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 101 || c === 69)) break;
  }
  const value = Number(text.slice(i, j));
  if (Number.isNaN(value) || j === i) return NOT_LITERAL;
  literalEnd = j;
  if (Number.isFinite(value)) return value;
  literalNonFinite = true;
  return null;
}

/** A word or number the text ends in the middle of (`tru`, `-`), as opposed to one that is wrong. */
export function isCutLiteral(text: string, i: number): boolean {
  const rest = text.slice(i);
  return rest.length < 10 && WORDS.some(([word]) => word.startsWith(rest));
}
