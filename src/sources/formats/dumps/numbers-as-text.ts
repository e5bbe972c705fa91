import type { StatsEntry } from './dump';

// A dump edited by hand or written by another tool may hold its measurements as text ("12345"). The WebRTC
// maths reads numbers only, as a browser gives them, so such a value reads as n/a; this counts them so the
// replay can say so instead of showing gaps without a reason.

const MEASURED_TYPES: ReadonlySet<string> = new Set(['inbound-rtp', 'outbound-rtp', 'remote-inbound-rtp', 'candidate-pair']);
/** Fields that are text in every browser even when they look like numbers: ids, `mid`, `rid`, `foundation`. */
const TEXT_FIELD = /^(id|mid|rid|foundation|type|kind)$|Id$/;
const NUMBER_TEXT = /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/;

/** How many of a report's measurements are numbers written as text. */
export function numbersAsText(report: ReadonlyMap<string, StatsEntry>): number {
  let count = 0;
  for (const entry of report.values()) {
    if (typeof entry.type !== 'string' || !MEASURED_TYPES.has(entry.type)) continue;
    for (const key of Object.keys(entry)) {
      const value = entry[key];
      if (typeof value === 'string' && !TEXT_FIELD.test(key) && NUMBER_TEXT.test(value)) count++;
    }
  }
  return count;
}
