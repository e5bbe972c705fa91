import { effect, useComputed, useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { REASONS, UNITS, type MetricDef, type ReasonKey } from '../core/catalogue';
import { fill } from './labels';
import { emptySeries, seriesOf } from './series';
import { createSparkline } from './sparkline';
import type { HealthStore } from './store';
import { readChartColors, type ChartColors } from './theme';
import { trendOf, type Trend } from './trend';
import { missingWhyFor } from './missing-why';
import { formatMetric, metricLabel, metricNote } from './status';

const WIDTH = 132;
const HEIGHT = 30;

function isReason(id: string): id is ReasonKey {
  return (REASONS as readonly string[]).includes(id);
}

/** One metric: label, current value, a sparkline with its threshold bands, or "n/a" and why. */
export function MetricRow({ store, def }: { store: HealthStore; def: MetricDef }) {
  const { labels } = store;
  const chartEl = useRef<HTMLDivElement>(null);
  // One buffer per row, refilled every poll: the chart and the texts read the same numbers.
  const series = useMemo(emptySeries, []);
  const value = useSignal('');
  const missing = useSignal(false);
  const trend = useSignal<Trend>('steady');
  const label = metricLabel(def.id, labels);
  const note = useComputed(() => metricNote(def.id, store.snapshot.value.assessment, labels));
  // Rebuilt only when the shown value or the trend changes, not on every poll.
  const alt = useComputed(() => {
    const t = trend.value;
    const word = t === 'rising' ? labels.trendRising : t === 'falling' ? labels.trendFalling : labels.trendSteady;
    return fill(labels.sparklineAlt, { label, value: value.value, trend: word });
  });
  useEffect(() => {
    const el = chartEl.current;
    if (!el) return;
    let colors: ChartColors = readChartColors(el);
    const spark = createSparkline(el, {
      width: WIDTH,
      height: HEIGHT,
      unit: def.unit,
      worse: def.worse,
      bounds: isReason(def.id) ? store.thresholds[def.id] : null,
      windowSec: store.windowMs / 1000,
      colors: () => colors,
    });
    const offTheme = store.themeVersion.subscribe(() => {
      colors = readChartColors(el);
      spark.repaint();
    });
    // A plain effect, not useSignalEffect (which defers to the next animation frame): the row is redrawn
    // in the poll's own task, so a poll's cost is all in one place and the benchmark sees all of it.
    const offTick = effect(() => {
      void store.tick.value;
      const visible = store.visible.value;
      seriesOf(store.samples, def.id, series);
      // Signals only notify on change, so unchanged texts cost no DOM write.
      value.value = formatMetric(series.current, def.unit, labels);
      missing.value = series.current === null && series.length > 0;
      trend.value = trendOf(series.ys, UNITS[def.unit].trendNoise, series.length);
      // No canvas work for a hidden page; the effect reruns when it becomes visible and catches up.
      if (visible) spark.update(series);
    });
    return () => {
      offTick();
      offTheme();
      spark.destroy();
    };
  }, [def, store]);

  return (
    <li class="ch-metric" data-metric={def.id} data-missing={missing}>
      <span class="ch-metric-label">{label}</span>
      <span class="ch-metric-value">{value}</span>
      <div class="ch-spark" role="img" aria-label={alt}>
        <div class="ch-spark-canvas" ref={chartEl} aria-hidden="true" />
      </div>
      {missing.value && <span class="ch-metric-why">{missingWhyFor(def.id, labels, store.provenance)}</span>}
      {!missing.value && note.value && <span class="ch-metric-why" data-ch="metric-note">{note.value}</span>}
    </li>
  );
}
