import { useComputed } from '@preact/signals';
import { METRICS } from '../core/catalogue';
import { MetricRow } from './MetricRow';
import { Session } from './Session';
import type { WidgetSession } from './widget-session';
import type { HealthStore } from './store';
import { disagrees, stateText, windowInfoText } from './status';

// Every poll replaces the snapshot. The parts below read it through computed signals of only what they
// show, so a poll that changes nothing they show re-renders nothing (the sparklines redraw on their own).

/** The developer/QA view: both verdicts, CPU, every metric as a sparkline, and the others in the call. */
export function Panel({ store, session }: { store: HealthStore; session?: WidgetSession | undefined }) {
  return (
    <div class="ch-panel" data-ch="panel">
      <Verdicts store={store} />
      <ul class="ch-metrics">
        {METRICS.map((def) => (
          <MetricRow key={def.id} store={store} def={def} />
        ))}
      </ul>
      <Peers store={store} />
      <WindowInfo store={store} />
      {session && <Session store={store} session={session} />}
    </div>
  );
}

function WindowInfo({ store }: { store: HealthStore }) {
  const count = useComputed(() => store.snapshot.value.assessment.sampleCount);
  const text = useComputed(() => windowInfoText(count.value, store.windowMs, store.labels));
  return <p class="ch-window">{text}</p>;
}

function Verdicts({ store }: { store: HealthStore }) {
  const snap = store.snapshot;
  const ours = useComputed(() => snap.value.assessment.networkState);
  const theirs = useComputed(() => snap.value.reported?.networkState ?? null);
  const differ = useComputed(() => disagrees(snap.value));
  const cpu = useComputed(() => snap.value.cpuLoad?.state ?? null);
  const cpuReason = useComputed(() => snap.value.cpuLoad?.reason ?? null);
  const { labels } = store;
  return (
    <dl class="ch-verdicts">
      <div>
        <dt>{labels.thisDevice}</dt>
        <dd data-ch="local-state" data-state={ours}>{store.text}</dd>
      </div>
      {theirs.value && (
        <div>
          <dt>{labels.dailySays}</dt>
          <dd data-ch="reported-state" data-state={theirs.value}>
            {stateText(theirs.value, labels)}
            {differ.value && (
              <span class="ch-differ" data-ch="disagree">
                <span aria-hidden="true">≠ </span>
                {labels.disagree}
              </span>
            )}
          </dd>
        </div>
      )}
      {cpu.value && (
        <div>
          <dt>{labels.cpuLoad}</dt>
          <dd data-ch="cpu" data-state={cpu.value === 'high' ? 'warning' : 'good'}>
            {cpu.value === 'high' ? labels.cpuHigh : labels.cpuLow}
            {cpu.value === 'high' && cpuReason.value && cpuReason.value !== 'none' ? ` (${cpuReason.value})` : ''}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Peers({ store }: { store: HealthStore }) {
  // The monitor keeps the same peers array until the call reports a change.
  const peers = useComputed(() => store.snapshot.value.peers).value;
  if (peers.length === 0) return null;
  return (
    <section class="ch-peers" aria-label={store.labels.others}>
      <h3>{store.labels.others}</h3>
      <ul>
        {peers.map((p) => (
          <li key={p.id} data-peer={p.id} data-state={p.networkQualityState}>
            <span class="ch-peer-name">{p.name}</span>
            <span class="ch-peer-state">{stateText(p.networkQualityState, store.labels)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
