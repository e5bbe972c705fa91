import { METRICS } from '../core/catalogue';
import { fill } from './labels';
import { MetricRow } from './MetricRow';
import { Session } from './Session';
import type { WidgetSession } from './session-view';
import type { HealthStore } from './store';
import { disagrees, stateText } from './view';

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
      <p class="ch-window">
        {fill(store.labels.windowInfo, {
          value: String(store.snapshot.value.assessment.sampleCount),
          window: `${Math.round(store.monitor.window.windowMs / 1000)} s`,
        })}
      </p>
      {session && <Session store={store} session={session} />}
    </div>
  );
}

function Verdicts({ store }: { store: HealthStore }) {
  const s = store.snapshot.value;
  const { labels } = store;
  const ours = s.assessment.networkState;
  const differ = disagrees(s);
  return (
    <dl class="ch-verdicts">
      <div>
        <dt>{labels.thisDevice}</dt>
        <dd data-ch="local-state" data-state={ours}>{store.text}</dd>
      </div>
      {s.reported && (
        <div>
          <dt>{labels.dailySays}</dt>
          <dd data-ch="reported-state" data-state={s.reported.networkState}>
            {stateText(s.reported.networkState, labels)}
            {differ && (
              <span class="ch-differ" data-ch="disagree">
                <span aria-hidden="true">≠ </span>
                {labels.disagree}
              </span>
            )}
          </dd>
        </div>
      )}
      {s.cpuLoad && (
        <div>
          <dt>{labels.cpuLoad}</dt>
          <dd data-ch="cpu" data-state={s.cpuLoad.state === 'high' ? 'warning' : 'good'}>
            {s.cpuLoad.state === 'high' ? labels.cpuHigh : labels.cpuLow}
            {s.cpuLoad.state === 'high' && s.cpuLoad.reason && s.cpuLoad.reason !== 'none' ? ` (${s.cpuLoad.reason})` : ''}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Peers({ store }: { store: HealthStore }) {
  const peers = store.snapshot.value.peers;
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
