import { METRICS, type Field, type MetricId } from '../core/catalogue';
import type { Labels } from './labels';

// What a recording's format can't carry, in metrics and in the words for them: needed when the widget is
// built (so it rides up front), apart from the panel's Session text.

/**
 * The panel metrics that can have no value when `fields` are missing: each metric's own reader is asked,
 * so a derived metric (loss = total, else video or audio) counts as missing only when all of its sources are.
 */
export function metricsWithout(fields: readonly Field[]): MetricId[] {
  const present = (f: Field) => (fields.includes(f) ? null : 1);
  return METRICS.filter((def) => def.read(present) === null).map((def) => def.id);
}

/** The labels a widget uses for a source whose format lacks `fields`: those metrics say why they are n/a. */
export function labelsForLacks(labels: Labels, lacks: readonly Field[], hostMissingWhy: Labels['missingWhy'] = {}): Labels {
  if (lacks.length === 0) return labels;
  const missingWhy: Labels['missingWhy'] = {};
  for (const id of metricsWithout(lacks)) missingWhy[id] = labels.notInDailyLogs;
  // A host's own wording for a metric still wins.
  return { ...labels, missingWhy: { ...labels.missingWhy, ...missingWhy, ...hostMissingWhy } };
}
