// Real daily-js, a call object that never joins (no network here): the Daily source must stay quiet and honest.
import Daily from '@daily-co/daily-js';
import { monitorDailyCall } from '../../src/index';

const call = Daily.createCallObject({ audioSource: false, videoSource: false });
const { monitor, destroy } = monitorDailyCall(call);
const out = document.getElementById('verdict');
const show = () => {
  const s = monitor.snapshot();
  if (out) out.textContent = `${s.assessment.networkState}:${s.assessment.unknownReason ?? ''}:${s.active ? 'active' : 'idle'}`;
};
monitor.subscribe(show);
show();
// The test also polls the real call once, to see what daily-js resolves before joining.
Object.assign(window, {
  callHealthTest: {
    rawStats: () => call.getNetworkStats(),
    pushRaw: async () => monitor.window.push(await call.getNetworkStats()),
    destroy: async () => {
      destroy();
      await call.destroy();
    },
  },
});
