import { createReplaySource, createWebRTCStatsSource, mountCallHealth, POLL_INTERVAL_MS, type CallHealthHandle } from '../index';
import { acceptRecordingFiles, describeRecording } from './file-demo';
import { startLoopbackCall } from '../testing/loopback-call';
import { sharePolls } from './shared-polls';
import type { DemoStage } from './stage';

/**
 * The default demo: a real WebRTC call inside this page (two peer connections, the camera and microphone
 * when allowed, generated media otherwise), the far end's video as the call frame, monitored through
 * createWebRTCStatsSource with the product defaults. Nothing leaves the machine.
 * Resolves to the function that ends the call; when `signal` aborts first, nothing is left behind.
 */
export async function startLiveDemo(stage: DemoStage, signal: AbortSignal): Promise<() => void> {
  stage.describe('Starting a local call… (allow the camera and microphone, or it sends generated media)');
  const call = await startLoopbackCall();
  if (signal.aborted) {
    call.stop();
    return () => {};
  }
  const remote = video('demo-video', call.remoteStream);
  const self = video('demo-self', call.localStream);
  stage.frame.append(remote, self);

  // Badge and panel share one poll per interval: see sharePolls for why two widgets must not each poll.
  const source = sharePolls(createWebRTCStatsSource(call.pcs[0]), POLL_INTERVAL_MS / 2);
  const widgets: CallHealthHandle[] = [
    mountCallHealth(stage.frame, { source, intervalMs: POLL_INTERVAL_MS, position: 'bottom-right' }),
    mountCallHealth(stage.side, { source, intervalMs: POLL_INTERVAL_MS, mode: 'panel' }),
  ];
  const media =
    call.media === 'devices'
      ? 'your camera and microphone'
      : 'generated media (a moving canvas and a tone: the camera or microphone was refused or is absent)';
  stage.describe(
    `Live local call: two peer connections in this page send ${media} to each other over this machine's own ` +
      `network, monitored from getStats(). The far end's video is muted: its sound is your own microphone.`,
  );
  // A recording opened during the call (a customer's dump, say) replays in a panel of its own under the live
  // one, so QA can hold the two side by side; the call and its widgets run on untouched.
  const replayed = document.createElement('section');
  replayed.className = 'demo-replayed';
  replayed.setAttribute('aria-label', 'Replayed recording');
  stage.side.append(replayed);
  let replay: CallHealthHandle | null = null;
  const detachFiles = acceptRecordingFiles(stage, (recording, file) => {
    replay?.destroy();
    const source = createReplaySource(recording);
    replay = mountCallHealth(replayed, { source, ...source.timing, mode: 'panel' });
    stage.describe(`${describeRecording(source, file.name, 1)} The live call runs on above.`);
  });
  return () => {
    detachFiles();
    replay?.destroy();
    widgets.forEach((w) => w.destroy());
    for (const v of [remote, self]) v.srcObject = null;
    call.stop();
  };
}

function video(className: string, stream: MediaStream): HTMLVideoElement {
  const v = document.createElement('video');
  v.className = className;
  v.muted = true;
  v.autoplay = true;
  v.playsInline = true;
  v.srcObject = stream;
  // Autoplay may be refused until a user gesture; the frame stays black then, the call and monitor run on.
  void v.play().catch(() => undefined);
  return v;
}
