// A call frame of a given size (?w=480&h=270) with the widget docked in one of its corners: the page the
// fit spec (e2e/widget-fit.spec.ts) opens. ?theme=light|dark, ?trace=<file in public/traces>.
import { createReplaySource, mountCallHealth, parseRecordingAsync, parseTrace, POLL_INTERVAL_MS, preloadPanel, STALE_AFTER_MS, WINDOW_MS, type CallHealthHandle, type CallHealthOptions } from '../../src/index';

const params = new URLSearchParams(location.search);
const frame = document.getElementById('frame') as HTMLElement;
frame.style.width = `${Number(params.get('w') ?? 480)}px`;
frame.style.height = `${Number(params.get('h') ?? 270)}px`;
const theme = (params.get('theme') ?? 'light') as 'light' | 'dark';
if (theme === 'dark') document.body.classList.add('dark');

let handle: CallHealthHandle | null = null;

const fit = {
  async mount(extra: Partial<CallHealthOptions> = {}) {
    const file = params.get('trace') ?? 'firefox.json';
    const trace = parseTrace(await (await fetch(`/traces/${file}`)).json());
    const speed = 10;
    const source = createReplaySource(trace, { speed, loop: true });
    handle = mountCallHealth(frame, {
      intervalMs: POLL_INTERVAL_MS / speed,
      windowMs: WINDOW_MS / speed,
      staleAfterMs: STALE_AFTER_MS / speed,
      position: (params.get('position') ?? 'bottom-right') as CallHealthOptions['position'],
      theme,
      ...extra,
      source,
    });
  },
  /** Replays a recording given as its text (a getStats() dump, a /logs response, an export). */
  async mountRecording(text: string, extra: Partial<CallHealthOptions> = {}) {
    const source = createReplaySource(await parseRecordingAsync(text), { speed: 10 });
    handle = mountCallHealth(frame, { ...source.timing, position: 'inline', mode: 'panel', theme, ...extra, source });
  },
  /** A live source: every poll returns `latest` as given (null = not reported), timestamped now. */
  mountLive(latest: Record<string, number | null>, extra: Partial<CallHealthOptions> = {}) {
    const source = { getNetworkStats: () => Promise.resolve({ stats: { latest: { ...latest, timestamp: Date.now() } } }) };
    handle = mountCallHealth(frame, { intervalMs: 200, position: 'inline', mode: 'panel', theme, ...extra, source });
  },
  destroy() {
    handle?.destroy();
    handle = null;
  },
};

Object.assign(window, { fit });
void preloadPanel().then(() => {
  document.body.dataset['ready'] = 'true';
});
