import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../ui/labels';
import { seriesOf } from '../ui/series';
import { FIELDS, METRICS, REASONS, type Field } from './catalogue';
import { CSV_HEADER } from './session/export';
import { HEALTHY, stats } from './fixtures/samples';
import { DEFAULT_THRESHOLDS } from './thresholds';
import { NetworkWindow } from './live/window';

// Adding a metric means declaring it in the catalogue (and, when graded, its sentences in the labels): these
// tests walk whatever the catalogue declares, so a new entry is checked on the way to the window, the panel's
// series, the grading and the export without a test naming it.

const T0 = 1_743_011_906_315;

/** The fields a metric's reader asks for, given a sample. */
function fieldsRead(read: (get: (f: Field) => number | null) => number | null): Field[] {
  const asked: Field[] = [];
  read((f) => {
    asked.push(f);
    return HEALTHY[f];
  });
  return asked;
}

describe('every metric the catalogue declares reaches the engine, the panel and the export', () => {
  it.each(METRICS.map((m) => [m.id, m] as const))('%s', (_id, m) => {
    const used = fieldsRead(m.read);
    expect(used.length).toBeGreaterThan(0);
    // Export: every field it is computed from is a CSV column, with its unit.
    for (const f of used) {
      expect(FIELDS).toContain(f);
      expect(CSV_HEADER.some((h) => h.startsWith(`${f} (`))).toBe(true);
    }
    // Window → the panel's series: the value a sample gives is the value the row plots.
    const w = new NetworkWindow({ minSamples: 1 });
    for (let i = 0; i < 3; i++) w.push(stats(T0 + i * 2_000, HEALTHY), T0 + i * 2_000);
    const series = seriesOf(w, m.id);
    expect(series.length).toBe(3);
    expect(series.current).toBe(m.read((f) => HEALTHY[f]));
    // A label and a note for n/a exist for every metric.
    expect(m.label).not.toBe('');
    expect(m.missingWhy).not.toBe('');
  });
});

describe('every graded metric is graded from its own declaration', () => {
  it.each(REASONS.map((k) => [k] as const))('%s: a value past its bad bound alone makes it the reason, at bad', (key) => {
    const m = METRICS.find((d) => d.id === key);
    if (!m) throw new Error(key);
    const bound = DEFAULT_THRESHOLDS[key].bad;
    // Past the bound in the direction that is worse for this metric, in every field it reads.
    const past = m.worse === 'up' ? bound * 1.5 : bound / 2;
    const sample: Record<Field, number | null> = { ...HEALTHY };
    for (const f of fieldsRead(m.read)) sample[f] = past;
    expect(m.read((f) => sample[f])).toBe(past);
    const w = new NetworkWindow({ minSamples: 1 });
    for (let i = 0; i < 3; i++) w.push(stats(T0 + i * 2_000, sample), T0 + i * 2_000);
    const a = w.assess(T0 + 4_001);
    expect(a.networkStateReasons).toEqual([key]);
    expect(a.levels[key]).toBe('bad');
    expect(a.networkState).toBe('bad');
    expect(DEFAULT_LABELS.reasons[key]).toMatch(/\{value\}|\S/);
    expect(DEFAULT_LABELS.actions[key]).not.toBe('');
  });
});
