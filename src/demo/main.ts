// Interim demo: with ?url=<Daily room> it opens the room in Prebuilt and prints the engine's live verdict.
import Daily from '@daily-co/daily-js';
import { monitorDailyCall } from '../index';

const out = document.getElementById('verdict');
const url = new URLSearchParams(location.search).get('url');
if (!url) {
  if (out) out.textContent = 'Call Health: add ?url=<your Daily room URL> to monitor a call.';
} else {
  const call = Daily.createFrame(document.body, { url });
  const { monitor } = monitorDailyCall(call);
  monitor.subscribe((s) => {
    const a = s.assessment;
    if (out) out.textContent = `Call Health: ${a.networkState}${a.networkStateReasons.length ? ` (${a.networkStateReasons.join(', ')})` : ''}`;
  });
  void call.join();
}
