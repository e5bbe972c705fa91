/**
 * Our own formats as people hand them back: a session merged from two tabs, edited by hand or written by a
 * script. Before the strict parser sees one, samples are put in time order (a repeated time dropped) and
 * measurements written as text ("0.02") are read as numbers — each said in a note, so the replay plays what is
 * sound instead of refusing a file for its order. Only for files (the readers' chunk): an export handed over in
 * memory came from the widget and is already sound.
 */
import { FIELDS } from '../../core/catalogue';
import { isRecord, own, type JsonRecord } from './dumps/untrusted';
import { turnAfter, type Reading } from './dumps/pacing';

export function* repairExport(json: JsonRecord, notes: string[]): Reading<JsonRecord> {
  // Session and incident exports keep fields on the sample; a /logs timeline keeps them under `values`.
  const lists: Array<[key: string, fieldsIn: string | null]> = [
    ['samples', null],
    ['intervals', 'values'],
  ];
  let repaired = json;
  for (const [key, fieldsIn] of lists) {
    const list = own(json, key);
    if (!Array.isArray(list) || !list.every((item) => isRecord(item) && Number.isFinite(own(item, 'timestamp')))) continue;
    const items = list as JsonRecord[];
    let asText = 0;
    const read: JsonRecord[] = [];
    for (const [i, item] of items.entries()) {
      yield* turnAfter(i);
      const holder = fieldsIn === null ? item : own(item, fieldsIn);
      if (!isRecord(holder)) {
        read.push(item);
        continue;
      }
      // Copied only where a measurement is text: nearly every file has none, and copies cost the collector.
      let copy: JsonRecord | null = null;
      for (const field of FIELDS) {
        const value = own(holder, field);
        const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
        if (Number.isFinite(number)) {
          copy ??= { ...holder };
          copy[field] = number;
          asText++;
        }
      }
      read.push(copy === null ? item : fieldsIn === null ? copy : { ...item, [fieldsIn]: copy });
    }
    const at = (item: JsonRecord) => Number(own(item, 'timestamp'));
    const outOfPlace = read.filter((item, i) => i > 0 && at(item) < at(read[i - 1] ?? item)).length;
    const sorted = outOfPlace > 0 ? [...read].sort((a, b) => at(a) - at(b)) : read;
    const unique = sorted.filter((item, i) => i === 0 || at(item) !== at(sorted[i - 1] ?? item));
    if (asText > 0) notes.push(`${asText} measurements written as text read as numbers`);
    if (outOfPlace > 0) notes.push(`samples out of time order put in order (${outOfPlace} out of place)`);
    if (unique.length < sorted.length) notes.push(`${sorted.length - unique.length} samples at a time already taken dropped`);
    repaired = { ...repaired, [key]: unique };
  }
  return repaired;
}
