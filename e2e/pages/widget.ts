// Test harness for the widget: mounts it over a replayed trace or a hand-driven source and exposes the
// handles to the Playwright specs as window.harness.
import Daily from '@daily-co/daily-js';
import { h, render } from 'preact';
import { collectPageErrors } from './page-errors';
import { CallHealth, createReplaySource, POLL_INTERVAL_MS, STALE_AFTER_MS, WINDOW_MS, defineCallHealthElement, mountCallHealth, parseTrace, preloadPanel, type Assessment, type CallHealthHandle, type CallHealthOptions } from '../../src/index';

collectPageErrors();

type Extra = Omit<CallHealthOptions, 'call' | 'source'> & { speed?: number; loop?: boolean };

const target = document.getElementById('target') as HTMLElement;
let handle: CallHealthHandle | null = null;
const states: string[] = [];
let manual: Record<string, number | null> = {};
const polls = { count: 0 };

/** Options that make a replay at `speed` behave like the real call did. */
function timing(speed: number) {
  return { intervalMs: POLL_INTERVAL_MS / speed, windowMs: WINDOW_MS / speed, staleAfterMs: STALE_AFTER_MS / speed };
}

async function loadTrace(file: string) {
  return parseTrace(await (await fetch(`/traces/${file}`)).json());
}

const harness = {
  states,
  polls,
  async mountTrace(file: string, extra: Extra = {}) {
    const speed = extra.speed ?? 10;
    const source = createReplaySource(await loadTrace(file), { speed, loop: extra.loop ?? true });
    handle = mountCallHealth(target, { ...timing(speed), ...extra, source, onStateChange: (a: Assessment) => states.push(a.networkState) });
  },
  /** A source whose next sample is whatever `setManual` last set, timestamped now. */
  mountManual(extra: Extra & { failWith?: string } = {}) {
    const { failWith, ...options } = extra;
    const source = {
      getNetworkStats: () => {
        polls.count++;
        if (failWith) return Promise.reject(new Error(failWith));
        return Promise.resolve({ stats: { latest: { ...manual, timestamp: Date.now() } } });
      },
    };
    handle = mountCallHealth(target, { ...options, source });
  },
  setManual(values: Record<string, number | null>) {
    manual = values;
  },
  async mountElement(file: string, attrs: Record<string, string> = {}) {
    defineCallHealthElement();
    const el = document.createElement('call-health');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.options = { ...timing(10), announceDelayMs: 300 };
    el.source = createReplaySource(await loadTrace(file), { speed: 10 });
    el.addEventListener('statechange', (e) => states.push((e as CustomEvent<Assessment>).detail.networkState));
    target.append(el);
    return true;
  },
  /** A real daily-js call object that never joins (no network here): what a widget sees before the join. */
  mountDaily() {
    const call = Daily.createCallObject({ audioSource: false, videoSource: false });
    handle = mountCallHealth(target, { call, announceDelayMs: 300 });
  },
  async destroyDaily() {
    handle?.destroy();
    handle = null;
    await Daily.getCallInstance()?.destroy();
  },
  /** The Preact component embedding, rendered straight into the target. */
  async mountComponent(file: string, extra: Extra = {}) {
    const source = createReplaySource(await loadTrace(file), { speed: 10 });
    render(h(CallHealth, { ...timing(10), ...extra, source, onStateChange: (a: Assessment) => states.push(a.networkState) }), target);
  },
  unmountComponent() {
    render(null, target);
  },
  removeElement() {
    target.querySelector('call-health')?.remove();
  },
  destroy() {
    handle?.destroy();
    handle = null;
  },
  assessment: () => handle?.assessment() ?? null,
};

Object.assign(window, { harness });
// The panel's chunk (uPlot and its page-wide listeners) loads once per page: load it before the leak
// tests take their baseline, as any page does the first time its panel opens.
void preloadPanel().then(() => {
  document.body.dataset['ready'] = 'true';
});
