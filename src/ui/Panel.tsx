import { useComputed } from '@preact/signals';
import { METRICS } from '../core/catalogue';
import { fill } from './labels';
import { MetricRow } from './MetricRow';
import { Session } from './Session';
import type { WidgetSession } from './session-view';
import type { HealthStore } from './store';
import { disagrees, stateText } from './view';

/** The developer/QA view: both verdicts, CPU, every metric as a sparkline, and the others in the call. */
// Every poll replaces the snapshot. The parts below subscribe to a computed key of only what they show,
// so a poll that changes nothing they show re-renders nothing (the sparklines redraw on their own).

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
  const text = useComputed(() =>
    fill(store.labels.windowInfo, {
      value: String(count.value),
      window: `${Math.round(store.monitor.window.windowMs / 1000)} s`,
    }),
  );
  return <p class="ch-window">{text}</p>;
}

function Verdicts({ store }: { store: HealthStore }) {
  const key = useComputed(() => {
    const s = store.snapshot.value;
    return `${s.assessment.networkState} ${s.reported?.networkState} ${s.cpuLoad?.state} ${s.cpuLoad?.reason}`;
  });
  void key.value;
  const s = store.snapshot.peek();
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
  const key = useComputed(() => store.snapshot.value.peers.map((p) => `${p.id}\u0000${p.name}\u0000${p.networkQualityState}`).join('\u0001'));
  void key.value;
  const peers = store.snapshot.peek().peers;
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
