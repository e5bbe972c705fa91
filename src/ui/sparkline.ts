import uPlot from 'uplot';
import type { Unit } from '../core/catalogue';
import type { Bounds } from '../core/thresholds';
import { emptySeries, yTop, type Series } from './series';
import type { ChartColors } from './theme';

export interface SparklineOptions {
  width: number;
  height: number;
  unit: Unit;
  worse: 'up' | 'down';
  /** Warning/bad bounds, drawn as bands; null for metrics that aren't graded. */
  bounds: Bounds | null;
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

/**
 * One long-lived uPlot chart (the sparkline recipe: no axes, cursor or legend). `update` feeds it with
 * setData; the chart is never re-created per tick.
 */
export function createSparkline(target: HTMLElement, o: SparklineOptions): Sparkline {
  let top = 0;
  let shown: Series = emptySeries();
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
        y: { range: () => [0, top] },
      },
      series: [
        {},
        // Drawn by the draw hook below; uPlot keeps the scales, the canvas and its pixel ratio.
        { points: { show: false }, paths: () => null },
      ],
      hooks: { drawClear: [(u) => drawBands(u, o)], draw: [(u) => drawLine(u, o, shown)] },
    },
    [[], []],
    target,
  );
  const data: uPlot.AlignedData = [[], []];
  // What uPlot's redraw does on this chart (clear, then the two hooks), without its commit pass over
  // scales, sizes and series: on an unchanged scale those have nothing to do, and a poll redraws ten rows.
  const paint = () => {
    chart.ctx.clearRect(0, 0, chart.ctx.canvas.width, chart.ctx.canvas.height);
    drawBands(chart, o);
    drawLine(chart, o, shown);
  };
  return {
    update(series) {
      shown = series;
      const next = yTop(series, o.unit, o.bounds, o.worse);
      // The scale only moves when the rounded top does; then uPlot re-ranges and redraws, synchronously
      // (batch, not its microtask), so a poll's whole cost lands in the poll's own task.
      if (next !== top) {
        top = next;
        data[0] = series.xs.subarray(0, series.length);
        data[1] = series.ys.subarray(0, series.length);
        chart.batch(() => chart.setData(data));
      } else paint();
    },
    repaint: paint,
    destroy: () => chart.destroy(),
  };
}

/**
 * The line and the area under it, drawn straight onto uPlot's context after it has cleared the canvas and
 * drawn the bands. uPlot's series renderer builds clip and path objects sized for thousands of points; a
 * sparkline holds ~15, and drawing them directly is most of a redraw's cost saved. Broken where a sample is not reported (NaN).
 */
function drawLine(u: uPlot, o: SparklineOptions, series: Series): void {
  const ctx = u.ctx;
  const c = o.colors();
  tracePath(u, o, series, true);
  ctx.fillStyle = c.fill;
  ctx.fill();
  tracePath(u, o, series, false);
  ctx.strokeStyle = c.line;
  ctx.lineWidth = LINE_WIDTH * uPlot.pxRatio;
  ctx.lineJoin = 'round';
  ctx.stroke();
}

const LINE_WIDTH = 1.5;

/** The path of the line (or of the area under it, closed down to the baseline); a plain function, no closure per poll. */
function tracePath(u: uPlot, o: SparklineOptions, { xs, ys, length }: Series, area: boolean): void {
  const ctx = u.ctx;
  // Both scales are linear with fixed ranges, so one multiply-add per coordinate replaces valToPos calls.
  const { left, top, width, height } = u.bbox;
  const x0 = -o.windowSec;
  const xk = width / o.windowSec;
  const yk = height / (u.scales['y']?.max || 1);
  const base = top + height;
  ctx.beginPath();
  let lastX = Number.NaN;
  for (let i = 0; i < length; i++) {
    const y = ys[i] ?? Number.NaN;
    if (Number.isNaN(y)) {
      if (area && !Number.isNaN(lastX)) ctx.lineTo(lastX, base);
      lastX = Number.NaN;
      continue;
    }
    const px = left + ((xs[i] ?? 0) - x0) * xk;
    const py = base - y * yk;
    if (Number.isNaN(lastX)) {
      if (area) {
        ctx.moveTo(px, base);
        ctx.lineTo(px, py);
      } else ctx.moveTo(px, py);
    } else ctx.lineTo(px, py);
    lastX = px;
  }
  if (area && !Number.isNaN(lastX)) ctx.lineTo(lastX, base);
}

/** Warning and bad zones behind the line, with a hairline at each bound. */
function drawBands(u: uPlot, o: SparklineOptions): void {
  if (!o.bounds) return;
  const c = o.colors();
  const top = u.scales['y']?.max ?? 0;
  const { warning, bad } = o.bounds;
  // No save/restore: uPlot itself draws nothing on this chart (no axes, no series paths), so the styles
  // set here can't leak into its drawing, and a redraw is ~10 % cheaper without the state copies.
  if (o.worse === 'up') {
    drawZone(u, o, top, warning, bad, c.bandWarning, c.warning);
    drawZone(u, o, top, bad, top, c.bandBad, c.bad);
  } else {
    drawZone(u, o, top, bad, warning, c.bandWarning, c.warning);
    drawZone(u, o, top, 0, bad, c.bandBad, c.bad);
  }
}

function drawZone(u: uPlot, o: SparklineOptions, top: number, from: number, to: number, fill: string, line: string): void {
  if (to <= from) return;
  const ctx = u.ctx;
  const { left, width } = u.bbox;
  const y0 = u.valToPos(Math.min(to, top), 'y', true);
  const y1 = u.valToPos(from, 'y', true);
  ctx.fillStyle = fill;
  ctx.fillRect(left, y0, width, y1 - y0);
  // The bound that starts the zone (for 'up' its lower edge, for 'down' its upper one).
  const edge = u.valToPos(o.worse === 'up' ? from : to, 'y', true);
  ctx.fillStyle = line;
  ctx.fillRect(left, Math.round(edge), width, Math.max(1, uPlot.pxRatio));
}
