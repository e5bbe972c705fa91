import type { SessionSummary } from '../core/session/summary';
import { fill, type Labels } from './labels';
import { formatDuration } from './duration';
import { metricsWithout } from './lacks';
import { summaryFigures, timeInStates, worstText } from './session-text';
import { metricLabel } from './status';

/** The summary as a few facts and a small avg/max table, each value with its unit. */
export function SessionSummaryView({ summary, labels, windowMs }: { summary: SessionSummary; labels: Labels; windowMs: number }) {
  const worst = worstText(summary, labels);
  const unreported = metricsWithout(summary.unavailableMetrics);
  return (
    <>
      <dl class="ch-session-facts">
        <div>
          <dt>{labels.sessionRecorded}</dt>
          <dd data-ch="session-recorded">
            {fill(labels.sessionRecordedValue, { value: formatDuration(summary.durationMs), samples: String(summary.sampleCount) })}
          </dd>
        </div>
        <div>
          <dt>{labels.sessionTimeInState}</dt>
          <dd data-ch="time-in-state">
            {timeInStates(summary, labels).map(([state, text]) => (
              <span key={state} class="ch-state-time" data-state={state}>
                {text}
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>{labels.sessionTransitions}</dt>
          <dd data-ch="transitions">{summary.transitions}</dd>
        </div>
        {summary.outages > 0 && (
          <div>
            <dt>{labels.sessionOutages}</dt>
            <dd data-ch="outages">
              {fill(labels.sessionOutagesValue, { value: String(summary.outages), duration: formatDuration(summary.outageMs) })}
            </dd>
          </div>
        )}
        <div>
          <dt>{fill(labels.sessionWorst, { window: formatDuration(windowMs) })}</dt>
          <dd data-ch="worst">{worst ?? labels.notAvailable}</dd>
        </div>
      </dl>
      <table class="ch-figures" data-ch="figures">
        <thead>
          <tr>
            <td />
            <th scope="col">{labels.sessionAvg}</th>
            <th scope="col">{labels.sessionMax}</th>
          </tr>
        </thead>
        <tbody>
          {summaryFigures(summary, labels).map((row) => (
            <tr key={row.id} data-stat={row.id}>
              <th scope="row">{row.label}</th>
              <td>{row.avg}</td>
              <td>{row.max}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.sampleCount > 0 && unreported.length > 0 && (
        <p class="ch-session-note" data-ch="not-reported">
          {fill(labels.sessionNotReported, { value: unreported.map((id) => metricLabel(id, labels)).join(', ') })}
        </p>
      )}
      {summary.truncated && (
        <p class="ch-session-note" data-ch="truncated">
          {fill(labels.sessionTruncated, { value: String(summary.droppedSamples) })}
        </p>
      )}
    </>
  );
}
