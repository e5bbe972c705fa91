import { useComputed, useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { REASONS, type MetricDef, type ReasonKey } from '../core/catalogue';
import { fill } from './labels';
import { seriesOf } from './series';
import { createSparkline, type Sparkline } from './sparkline';
import type { HealthStore } from './store';
import { readChartColors, type ChartColors } from './theme';
import { trendOf } from './trend';
import { formatMetric, metricLabel, missingWhy } from './view';

const WIDTH = 132;
const HEIGHT = 30;
const TREND_FLOOR = { fraction: 0.005, s: 0.005, bps: 50_000 } as const;

function isReason(id: string): id is ReasonKey {
  return (REASONS as readonly string[]).includes(id);
}

/** One metric: label, current value, a sparkline with its threshold bands, or "n/a" and why. */
export function MetricRow({ store, def }: { store: HealthStore; def: MetricDef }) {
  const { labels, monitor } = store;
  const chartEl = useRef<HTMLDivElement>(null);
  const chart = useRef<Sparkline | null>(null);
  const series = useComputed(() => {
    void store.tick.value;
    return seriesOf(monitor.window, def.id);
  });
  const value = useComputed(() => formatMetric(series.value.current, def.unit, labels));
  const missing = useComputed(() => series.value.current === null && series.value.xs.length > 0);
  const alt = useComputed(() => {
    const trend = trendOf(series.value.ys, TREND_FLOOR[def.unit]);
    const word = trend === 'rising' ? labels.trendRising : trend === 'falling' ? labels.trendFalling : labels.trendSteady;
    return fill(labels.sparklineAlt, { label: metricLabel(def.id, labels), value: value.value, trend: word });
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
      level: isReason(def.id) ? monitor.window.thresholds[def.id] : null,
      windowSec: monitor.window.windowMs / 1000,
      colors: () => colors,
    });
    chart.current = spark;
    const offTheme = store.themeVersion.subscribe(() => {
      colors = readChartColors(el);
      spark.repaint();
    });
    return () => {
      offTheme();
      spark.destroy();
      chart.current = null;
    };
  }, [def, monitor, store]);

  useSignalEffect(() => {
    const s = series.value;
    chart.current?.update(s);
  });

  return (
    <li class="ch-metric" data-metric={def.id} data-missing={missing}>
      <span class="ch-metric-label">{metricLabel(def.id, labels)}</span>
      <span class="ch-metric-value">{value}</span>
      <div class="ch-spark" role="img" aria-label={alt}>
        <div class="ch-spark-canvas" ref={chartEl} aria-hidden="true" />
      </div>
      {missing.value && <span class="ch-metric-why">{missingWhy(def.id, labels)}</span>}
    </li>
  );
}
