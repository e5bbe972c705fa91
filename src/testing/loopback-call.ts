/**
 * A real WebRTC call inside one page: two peer connections wired to each other, no server, no network
 * beyond the machine's own interfaces. The offline demo runs on it, and the real-network tests impair it.
 *
 * pcs[0] is "you" (the side to monitor), pcs[1] the far end. Both send audio and video, so that upload
 * and download — send and receive loss — both exist on each side.
 */
export interface LoopbackCallOptions {
  /** Ask for camera and microphone (default true). When refused or absent, generated media is used. */
  useDevices?: boolean;
}

export interface LoopbackCall {
  pcs: [RTCPeerConnection, RTCPeerConnection];
  /** What pcs[0] receives from the far end. */
  remoteStream: MediaStream;
  /** What pcs[0] sends: the camera and microphone, or the generated stand-ins. */
  localStream: MediaStream;
  /** 'devices' when getUserMedia was granted, else 'generated'. */
  media: 'devices' | 'generated';
  stop(): void;
}

const CONNECT_TIMEOUT_MS = 15_000;

export async function startLoopbackCall(options: LoopbackCallOptions = {}): Promise<LoopbackCall> {
  const cleanups: Array<() => void> = [];
  const media = await localMedia(options.useDevices ?? true, cleanups);
  const localStream = media.stream;
  cleanups.push(() => localStream.getTracks().forEach((t) => t.stop()));

  // No STUN/TURN servers: host candidates only. The call never leaves the machine.
  const a = new RTCPeerConnection({ iceServers: [] });
  const b = new RTCPeerConnection({ iceServers: [] });
  cleanups.push(() => a.close(), () => b.close());
  const stop = () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        c();
      } catch {
        // Stopping is best effort: a track or context already gone is fine.
      }
    }
  };

  try {
    relayHostUdpCandidates(a, b);
    relayHostUdpCandidates(b, a);

    const remoteStream = new MediaStream();
    a.ontrack = (ev) => remoteStream.addTrack(ev.track);
    // The far end sends the same media back (clones, so stopping one side doesn't end the other).
    const farStream = new MediaStream(localStream.getTracks().map((t) => t.clone()));
    cleanups.push(() => farStream.getTracks().forEach((t) => t.stop()));

    for (const t of localStream.getTracks()) a.addTrack(t, localStream);
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(requireDescription(a.localDescription));
    // addTrack after the offer reuses the offered transceivers, so each m-line becomes sendrecv.
    for (const t of farStream.getTracks()) b.addTrack(t, farStream);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(requireDescription(b.localDescription));

    await Promise.all([connected(a), connected(b)]);
    return { pcs: [a, b], remoteStream, localStream, media: media.kind, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/**
 * Only UDP host candidates cross over: no relay (there is no server) and no ICE-TCP, so media takes the
 * plain UDP path a real call prefers — and the one the network tests impair.
 */
function relayHostUdpCandidates(from: RTCPeerConnection, to: RTCPeerConnection): void {
  from.addEventListener('icecandidate', (ev) => {
    const c = ev.candidate;
    if (!c) return;
    if (c.type !== null && c.type !== 'host') return;
    if (c.protocol !== null && c.protocol !== 'udp') return;
    to.addIceCandidate(c).catch((err: unknown) => console.warn('[loopback] candidate refused', err));
  });
}

function requireDescription(d: RTCSessionDescription | null): RTCSessionDescriptionInit {
  if (!d) throw new Error('no local description');
  return d;
}

function connected(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`peer connection not connected after ${CONNECT_TIMEOUT_MS} ms (${pc.connectionState})`)), CONNECT_TIMEOUT_MS);
    const check = () => {
      if (pc.connectionState === 'connected') done();
      else if (pc.connectionState === 'failed' || pc.connectionState === 'closed') done(new Error(`peer connection ${pc.connectionState}`));
    };
    function done(err?: Error) {
      clearTimeout(timer);
      pc.removeEventListener('connectionstatechange', check);
      if (err) reject(err);
      else resolve();
    }
    pc.addEventListener('connectionstatechange', check);
    check();
  });
}

async function localMedia(
  useDevices: boolean,
  cleanups: Array<() => void>,
): Promise<{ stream: MediaStream; kind: 'devices' | 'generated' }> {
  if (useDevices && navigator.mediaDevices?.getUserMedia) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
      if (stream.getAudioTracks().length > 0 && stream.getVideoTracks().length > 0) return { stream, kind: 'devices' };
      stream.getTracks().forEach((t) => t.stop());
    } catch {
      // Refused, no camera, or an insecure context: generated media keeps the demo working.
    }
  }
  return { stream: generatedMedia(cleanups), kind: 'generated' };
}

/** A moving canvas and a tone: enough changing content that the encoders send a realistic stream. */
function generatedMedia(cleanups: Array<() => void>): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const g = canvas.getContext('2d');
  let frame = 0;
  const draw = () => {
    if (!g) return;
    frame++;
    const t = frame / 30;
    g.fillStyle = `hsl(${(frame * 2) % 360} 40% 25%)`;
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = '#fff';
    g.beginPath();
    g.arc(320 + Math.cos(t) * 220, 180 + Math.sin(t * 1.3) * 120, 40, 0, Math.PI * 2);
    g.fill();
    g.font = '28px sans-serif';
    g.fillText(new Date().toISOString().slice(11, 22), 20, 40);
  };
  draw();
  // A timer rather than requestAnimationFrame: rAF stops entirely in a hidden tab, and a call whose
  // video freezes would look like "no media" to the monitor.
  const timer = setInterval(draw, 1000 / 30);
  cleanups.push(() => clearInterval(timer));
  const stream = canvas.captureStream(30);

  const ctx = new AudioContext();
  const osc = ctx.createOscillator();
  const lfo = ctx.createOscillator();
  const lfoGain = ctx.createGain();
  const gain = ctx.createGain();
  const dest = ctx.createMediaStreamDestination();
  osc.frequency.value = 440;
  // A wobbling pitch keeps the audio encoder busy the way speech would, instead of one static tone.
  lfo.frequency.value = 0.5;
  lfoGain.gain.value = 120;
  lfo.connect(lfoGain).connect(osc.frequency);
  gain.gain.value = 0.1;
  osc.connect(gain).connect(dest);
  osc.start();
  lfo.start();
  // Autoplay policy may hold the context suspended until a user gesture; resume as soon as allowed.
  void ctx.resume().catch(() => undefined);
  cleanups.push(() => void ctx.close());
  for (const t of dest.stream.getAudioTracks()) stream.addTrack(t);
  return stream;
}
