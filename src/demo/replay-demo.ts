import { mountCallHealth, createReplaySource, openRecordingFile, parseTrace, type CallHealthHandle, type Recording, type Theme, type Trace } from '../index';
import { acceptRecordingFiles, describeRecording } from './file-demo';
import { picker, type DemoStage } from './stage';

interface TraceEntry {
  file: string;
  name: string;
  description: string;
}

export interface ReplayDemoOptions {
  /** A trace file from traces/index.json to open first. */
  trace?: string | null;
  /** Aborted when the demo switches to another mode before this one has started. */
  signal?: AbortSignal;
}

/**
 * Recorded traces replayed as the source, the end-user badge docked over a stand-in call frame and the
 * panel beside it. Needs no account and no network. Resolves to the function that stops it.
 */
export async function startReplayDemo(stage: DemoStage, options: ReplayDemoOptions = {}): Promise<() => void> {
  const entries = (await (await fetch(new URL('traces/index.json', document.baseURI))).json()) as TraceEntry[];
  const cache = new Map<string, Trace>();
  const load = async (file: string) => {
    const cached = cache.get(file);
    if (cached) return cached;
    const trace = parseTrace(await (await fetch(new URL(`traces/${file}`, document.baseURI))).json());
    cache.set(file, trace);
    return trace;
  };
  if (options.signal?.aborted) return () => {};
  const first = entries.find((e) => e.file === options.trace)?.file ?? entries[0]?.file ?? 'good.json';
  let state = { file: first, speed: 1, theme: 'auto' as Theme };
  let widgets: CallHealthHandle[] = [];
  let stopped = false;
  /** A file the user chose or dropped; it plays instead of the picked trace until another trace is picked. */
  let dropped: { recording: Recording; name: string; file: File } | null = null;
  /** For a dump with several peer connections: all of them (as the page watched them) or one. */
  let connectionPicker: HTMLElement | null = null;
  const pickConnections = (file: NonNullable<typeof dropped>) => {
    connectionPicker?.remove();
    connectionPicker = null;
    const all = file.recording.connections?.all ?? [];
    if (all.length < 2) return;
    const p = picker('connection', 'Connection', [['', 'All connections'], ...all.map((id): [string, string] => [id, id])], (id) => {
      openRecordingFile(file.file, id ? { connection: id } : {}).then(
        (recording) => {
          if (dropped !== file) return;
          file.recording = recording;
          void play();
        },
        (err: unknown) => stage.describe(`Could not replay ${id} of ${file.name}: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
    connectionPicker = p.element;
    stage.controls.append(p.element);
  };
  fakeCall(stage.frame);

  const play = async () => {
    const file = dropped;
    const input = file ? file.recording : await load(state.file);
    // A trace that finished loading after the demo stopped must not mount anything.
    if (stopped || options.signal?.aborted) return;
    widgets.forEach((w) => w.destroy());
    const source = createReplaySource(input, { speed: state.speed });
    // Replay compresses time: the source's timing scales cadence and window so a 10× replay looks like the call did.
    const timing = source.timing;
    widgets = [
      mountCallHealth(stage.frame, { source, ...timing, position: 'bottom-right', theme: state.theme }),
      mountCallHealth(stage.side, { source, ...timing, mode: 'panel', theme: state.theme }),
    ];
    const { trace } = source;
    stage.describe(file ? describeRecording(source, file.name, state.speed) : `Replaying “${trace.name}” at ${state.speed}×: ${trace.description ?? ''}`);
    document.documentElement.dataset['theme'] = state.theme;
  };

  const choose = (patch: Partial<typeof state>) => {
    state = { ...state, ...patch };
    void play();
  };
  const tracePicker = picker('trace', 'Trace', entries.map((e) => [e.file, e.name]), (file) => {
    dropped = null;
    connectionPicker?.remove();
    connectionPicker = null;
    choose({ file });
  });
  tracePicker.select.value = first;
  stage.controls.append(
    tracePicker.element,
    picker('speed', 'Speed', [['1', '1×'], ['5', '5×'], ['10', '10×']], (v) => choose({ speed: Number(v) })).element,
    picker('theme', 'Theme', [['auto', 'System'], ['light', 'Light'], ['dark', 'Dark']], (v) =>
      choose({ theme: v === 'light' || v === 'dark' ? v : 'auto' }),
    ).element,
  );
  const detachFiles = acceptRecordingFiles(stage, (recording, file) => {
    dropped = { recording, name: file.name, file };
    pickConnections(dropped);
    void play();
  });
  const stop = () => {
    detachFiles();
    stopped = true;
    widgets.forEach((w) => w.destroy());
    widgets = [];
  };
  try {
    await play();
  } catch (err) {
    // A first trace that fails to load must not leave the page-wide drop listeners behind.
    stop();
    throw err;
  }
  return stop;
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
