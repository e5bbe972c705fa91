// Harness for the session specs (e2e/session.spec.ts): a replayed trace in every embedding, with the
// session API of each exposed as window.sessionHarness.
import { h, render } from 'preact';
import { CallHealth, createReplaySource, defineCallHealthElement, mountCallHealth, parseTrace, type CallHealthApi, type SessionExport } from '../../src/index';

const target = document.getElementById('target') as HTMLElement;
// A token in the query must never reach an export.
const ROOM = 'https://acme.daily.co/support-room?t=secret-token#frag';
let api: CallHealthApi | null = null;
let destroy = () => {};

async function source(file: string, speed: number) {
  return createReplaySource(parseTrace(await (await fetch(`/traces/${file}`)).json()), { speed, loop: false });
}

const sessionHarness = {
  async mount(file: string, speed = 10) {
    const src = await source(file, speed);
    const handle = mountCallHealth(target, { ...src.timing, source: src, mode: 'panel', roomUrl: ROOM, announceDelayMs: 300 });
    api = handle;
    destroy = () => handle.destroy();
  },
  async mountElement(file: string) {
    defineCallHealthElement();
    const el = document.createElement('call-health');
    const src = await source(file, 10);
    el.options = { ...src.timing, roomUrl: ROOM };
    el.source = src;
    target.append(el);
    api = { assessment: () => el.assessment()!, summary: () => el.summary()!, exportSession: () => el.exportSession()!, sessionBytes: () => el.sessionBytes() ?? 0 };
    destroy = () => el.remove();
  },
  async mountComponent(file: string) {
    const src = await source(file, 10);
    render(h(CallHealth, { ...src.timing, source: src, roomUrl: ROOM, onReady: (a: CallHealthApi) => (api = a) }), target);
    destroy = () => render(null, target);
  },
  exportSession: (): SessionExport | null => api?.exportSession() ?? null,
  destroy: () => destroy(),
};

Object.assign(window, { sessionHarness });
document.body.dataset['ready'] = 'true';

declare global {
  interface Window {
    sessionHarness: typeof sessionHarness;
  }
}
