import { mountCallHealth, createReplaySource, parseTrace, type CallHealthHandle, type Theme, type Trace } from '../index';
import { picker, type DemoStage } from './stage';

interface TraceEntry {
  file: string;
  name: string;
  description: string;
}

/**
 * The offline demo: a recorded trace replayed as the source, the end-user badge docked over a stand-in
 * call frame and the panel beside it. Needs no account and no network.
 */
export async function startReplayDemo(stage: DemoStage): Promise<void> {
  const entries = (await (await fetch(new URL('traces/index.json', document.baseURI))).json()) as TraceEntry[];
  const cache = new Map<string, Trace>();
  const load = async (file: string) => {
    const cached = cache.get(file);
    if (cached) return cached;
    const trace = parseTrace(await (await fetch(new URL(`traces/${file}`, document.baseURI))).json());
    cache.set(file, trace);
    return trace;
  };
  let state = { file: entries[0]?.file ?? 'good.json', speed: 1, theme: 'auto' as Theme };
  let widgets: CallHealthHandle[] = [];
  fakeCall(stage.frame);

  const play = async () => {
    const trace = await load(state.file);
    widgets.forEach((w) => w.destroy());
    const source = createReplaySource(trace, { speed: state.speed });
    // Replay compresses time: scale the window and cadence with it so a 10× replay looks like the call did.
    const timing = { intervalMs: 2000 / state.speed, windowMs: 30_000 / state.speed, staleAfterMs: 10_000 / state.speed };
    widgets = [
      mountCallHealth(stage.frame, { source, ...timing, position: 'bottom-right', theme: state.theme }),
      mountCallHealth(stage.side, { source, ...timing, mode: 'panel', theme: state.theme }),
    ];
    stage.describe(`Replaying “${trace.name}” at ${state.speed}×: ${trace.description ?? ''}`);
    document.documentElement.dataset['theme'] = state.theme;
  };

  const choose = (patch: Partial<typeof state>) => {
    state = { ...state, ...patch };
    void play();
  };
  stage.controls.append(
    picker('trace', 'Trace', entries.map((e) => [e.file, e.name]), (file) => choose({ file })).element,
    picker('speed', 'Speed', [['1', '1×'], ['5', '5×'], ['10', '10×']], (v) => choose({ speed: Number(v) })).element,
    picker('theme', 'Theme', [['auto', 'System'], ['light', 'Light'], ['dark', 'Dark']], (v) =>
      choose({ theme: v === 'light' || v === 'dark' ? v : 'auto' }),
    ).element,
  );
  await play();
}

/** A stand-in for the call: participant tiles, so the docked badge sits where it would in a real call. */
function fakeCall(frame: HTMLElement): void {
  frame.classList.add('demo-fake-call');
  for (const name of ['You', 'Alex', 'Sam']) {
    const tile = document.createElement('div');
    tile.className = 'demo-tile';
    tile.textContent = name;
    frame.append(tile);
  }
}
