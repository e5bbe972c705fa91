import { browserOf } from '../core/browser';
import { formatName } from '../sources/formats/format-names';
import { metricDef, type MetricId } from '../core/catalogue';
import { fill, type Labels } from './labels';
import type { Provenance } from './provenance';
import { metricsWithout } from './lacks';

// The words for why a metric reads n/a, by where its figures come from (see provenance.ts).

/** "rtcstats dump from Firefox 118", "trace “Firefox”", "exported session": what a replay's figures came from. */
export function describeRecording(p: Extract<Provenance, { kind: 'replay' }>): string {
  const format = formatName(p.format);
  const browser = browserOf(p.userAgent);
  if (browser) return `${format} from ${browser}`;
  if (p.format === 'trace' && p.name) return `${format} “${p.name}”`;
  return format;
}

/**
 * Why a metric reads n/a, by its true cause. A host's `labels.missingWhy` wins; then, for a replay, the
 * recording: its format when the format has no place for the metric ("Not in Daily's /logs"), else the
 * recording and the browser it was made in ("Not in this recording (rtcstats dump from Firefox 118)");
 * for a live call, Firefox's gap when the browser is Firefox and the figures' maker lacks the metric there
 * (the browser for the bandwidth estimate; Daily for what only its maths leaves out), else the catalogue's
 * cause (no media in that direction, no video sent, no round trip yet). Firefox is never blamed elsewhere.
 */
export function missingWhyFor(id: MetricId, labels: Labels, p: Provenance): string {
  const own = labels.missingWhy[id];
  if (own !== undefined) return own;
  if (p.kind === 'replay') {
    if (p.format === 'daily-logs' && metricsWithout(p.lacks).includes(id)) return labels.notInDailyLogs;
    return fill(labels.notInRecording, { value: describeRecording(p) });
  }
  const def = metricDef(id);
  const browser = browserOf(p.userAgent);
  const gap = def.firefoxGap;
  if (gap && browser?.startsWith('Firefox') && (!gap.dailyOnly || p.figures === 'daily')) return fill(gap.why, { browser });
  return def.missingWhy;
}
