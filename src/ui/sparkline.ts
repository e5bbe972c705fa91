import uPlot from 'uplot';
import type { Unit } from '../core/catalogue';
import type { Level } from '../core/thresholds';
import type { Series } from './series';
import type { ChartColors } from './theme';

export interface SparklineOptions {
  width: number;
  height: number;
  unit: Unit;
  worse: 'up' | 'down';
  /** Warning/bad bounds, drawn as bands; null for metrics that aren't graded. */
  level: Level | null;
  /** Seconds of history on the x axis (the window). */
  windowSec: number;
  colors: () => ChartColors;
}

export interface Sparkline {
  update(series: Series): void;
  /** Repaint with the current colours (after a theme change). */
  repaint(): void;
  destroy(): void;
}

/** Smallest y span per unit, so a flat series near zero isn't blown up into noise. */
const MIN_SPAN: Record<Unit, number> = { fraction: 0.02, s: 0.05, bps: 200_000 };

/**
 * One long-lived uPlot chart (the sparkline recipe: no axes, cursor or legend). `update` feeds it with
 * setData; the chart is never re-created per tick.
 */
export function createSparkline(target: HTMLElement, o: SparklineOptions): Sparkline {
  let max = MIN_SPAN[o.unit];
  const yRange = (): uPlot.Range.MinMax => {
    let top = max * 1.15;
    if (o.level) top = Math.max(top, o.worse === 'up' ? o.level.bad * 1.3 : o.level.warning * 1.4);
    return [0, Math.max(top, MIN_SPAN[o.unit])];
  };
  const chart = new uPlot(
    {
      width: o.width,
      height: o.height,
      pxAlign: false,
      cursor: { show: false },
      legend: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      axes: [{ show: false }, { show: false }],
      scales: {
        x: { time: false, range: () => [-o.windowSec, 0] },
        y: { range: yRange },
      },
      series: [
        {},
        {
          stroke: () => o.colors().line,
          fill: () => o.colors().fill,
          width: 1.5,
          spanGaps: false,
          points: { show: false },
        },
      ],
      hooks: { drawClear: [(u) => drawBands(u, o)] },
    },
    [[], []],
    target,
  );
  const data: uPlot.AlignedData = [[], []];
  return {
    update(series) {
      max = 0;
      for (const y of series.ys) if (y !== null && y > max) max = y;
      data[0] = series.xs;
      data[1] = series.ys;
      // batch() draws now instead of in a microtask, so a poll's whole cost lands in the poll's own task.
      chart.batch(() => chart.setData(data));
    },
    repaint: () => chart.redraw(false),
    destroy: () => chart.destroy(),
  };
}

/** Warning and bad zones behind the line, with a hairline at each bound. */
function drawBands(u: uPlot, o: SparklineOptions): void {
  if (!o.level) return;
  const c = o.colors();
  const top = u.scales['y']?.max ?? 0;
  const { warning, bad } = o.level;
  const zones: [number, number, string, string][] =
    o.worse === 'up'
      ? [[warning, bad, c.bandWarning, c.warning], [bad, top, c.bandBad, c.bad]]
      : [[bad, warning, c.bandWarning, c.warning], [0, bad, c.bandBad, c.bad]];
  const ctx = u.ctx;
  const { left, width } = u.bbox;
  ctx.save();
  for (const [from, to, fill, line] of zones) {
    if (to <= from) continue;
    const y0 = u.valToPos(Math.min(to, top), 'y', true);
    const y1 = u.valToPos(from, 'y', true);
    ctx.fillStyle = fill;
    ctx.fillRect(left, y0, width, y1 - y0);
    // The bound that starts the zone (for 'up' its lower edge, for 'down' its upper one).
    const edge = u.valToPos(o.worse === 'up' ? from : to, 'y', true);
    ctx.fillStyle = line;
    ctx.fillRect(left, Math.round(edge), width, Math.max(1, uPlot.pxRatio));
  }
  ctx.restore();
}
