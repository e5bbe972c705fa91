import { startLiveDemo } from './live-demo';
import { startReplayDemo } from './replay-demo';
import { picker, type DemoStage } from './stage';

/** One offline demo. `start` resolves to the function that ends it; an aborted start leaves nothing running. */
export interface DemoMode {
  id: string;
  label: string;
  start(stage: DemoStage, signal: AbortSignal, params: URLSearchParams): Promise<() => void>;
}

/** The first is the default of `npm start`; `?mode=<id>` opens another directly. */
export const MODES: readonly DemoMode[] = [
  { id: 'live', label: 'Live local call', start: (stage, signal) => startLiveDemo(stage, signal) },
  {
    id: 'replay',
    label: 'Recorded traces',
    start: (stage, signal, params) => startReplayDemo(stage, { signal, trace: params.get('trace') }),
  },
];

/** The mode picker, and switching: the running mode is stopped (call, tracks, widgets) before the next starts. */
export function startModes(stage: DemoStage, params: URLSearchParams): void {
  const initial = MODES.find((m) => m.id === params.get('mode')) ?? MODES[0];
  if (!initial) return;
  let current: { stop: Promise<() => void>; abort: AbortController } | null = null;

  const run = (mode: DemoMode, modeParams: URLSearchParams) => {
    if (current) {
      const { stop, abort } = current;
      abort.abort();
      void stop.then((s) => s(), () => undefined);
    }
    stage.clear();
    const abort = new AbortController();
    const stop = mode.start(stage, abort.signal, modeParams).catch((err: unknown) => {
      if (!abort.signal.aborted) stage.describe(`Could not start “${mode.label}”: ${err instanceof Error ? err.message : String(err)}`);
      return () => {};
    });
    current = { stop, abort };
  };

  const { element, select } = picker('mode', 'Demo', MODES.map((m) => [m.id, m.label]), (id) => {
    const mode = MODES.find((m) => m.id === id);
    if (!mode) return;
    // A reload (or a shared link) reopens the chosen mode.
    const next = new URL(location.href);
    next.search = new URLSearchParams({ mode: id }).toString();
    history.replaceState(null, '', next);
    run(mode, next.searchParams);
  });
  select.value = initial.id;
  stage.modes.append(element);
  run(initial, params);
}
