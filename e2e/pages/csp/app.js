// The strict-CSP test page's script (served by e2e/security.spec.ts next to the built standalone bundle):
// the widget in badge mode docked over a stand-in frame, in panel mode inline, and as <call-health>.
import { createReplaySource, defineCallHealthElement, mountCallHealth, parseTrace } from './call-health.standalone.js';

const trace = parseTrace(await (await fetch('/traces/lossy-download.json')).json());
const timing = { intervalMs: 200, windowMs: 3000, staleAfterMs: 1000 };
const source = () => createReplaySource(trace, { speed: 10 });

window.badge = mountCallHealth(document.getElementById('frame'), { ...timing, source: source(), position: 'top-right', theme: 'dark' });
window.panel = mountCallHealth(document.getElementById('panel'), { ...timing, source: source(), mode: 'panel' });
defineCallHealthElement();
const el = document.createElement('call-health');
el.setAttribute('mode', 'badge');
el.options = timing;
el.source = source();
document.body.append(el);
document.body.dataset.ready = 'true';
