// Makes the webrtc-internals dump fixtures (run: node scripts/make-internals-dump.mjs [--legacy-only] [--seconds N]).
//
// 1. Real dumps: headless Chromium runs a two-RTCPeerConnection loopback call (getUserMedia audio+video from the
//    fake devices) in one tab while chrome://webrtc-internals is open in another; the script presses that page's own
//    download buttons and saves the downloads unchanged: "Download the webrtc-internals dump" (compression off)
//    while the call is up -> webrtc-internals-chromium.json, then, after both connections are closed,
//    "Download the rtcstats dump" (always gzip) -> chromium-rtcstats-v3.txt.gz, both of the same call.
// 2. The legacy variant (the shape Chrome <= ~90 wrote), converted from that real dump: `statsType` and the
//    `<id>-timestamp` and `<id>-type` series dropped, stats ids renamed to the old `RTC..._` prefixes (references
//    to them in string series rewritten too), `media-playout` stats dropped (old Chrome had none), updateLog
//    entries given a date-string `time` instead of the ms `timestamp` and unquoted values.
//    Saved as webrtc-internals-chromium-legacy.json.
// --legacy-only redoes step 2 from the committed real dump without starting a browser.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../src/sources/fixtures/dumps');
const CURRENT = resolve(OUT_DIR, 'webrtc-internals-chromium.json');
const LEGACY = resolve(OUT_DIR, 'webrtc-internals-chromium-legacy.json');
const RTCSTATS = resolve(OUT_DIR, 'chromium-rtcstats-v3.txt.gz');
const MAX_BYTES = 300_000;

const argv = process.argv.slice(2);
const legacyOnly = argv.includes('--legacy-only');
const secondsArg = argv.indexOf('--seconds');
const CALL_SECONDS = secondsArg >= 0 ? Number(argv[secondsArg + 1]) : 10;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

// The call page: both ends in one tab, ICE candidates handed across directly.
const CALL_PAGE = `<!doctype html><meta charset="utf-8"><title>loopback</title><body><script>
window.callReady = (async () => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  document.body.append(video);
  b.ontrack = (e) => { video.srcObject = e.streams[0]; };
  for (const track of stream.getTracks()) a.addTrack(track, stream);
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription);
  await new Promise((done) => {
    const check = () => a.connectionState === 'connected' && b.connectionState === 'connected' && done();
    a.onconnectionstatechange = check;
    b.onconnectionstatechange = check;
    check();
  });
  window.hangUp = () => { a.close(); b.close(); stream.getTracks().forEach((t) => t.stop()); };
  return true;
})();
</script></body>`;

async function recordRealDump() {
  const { chromium } = await import('playwright');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(CALL_PAGE);
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(undefined)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server port');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    // webrtc-internals only keeps stats history while it is open, so open it before the call starts.
    const internals = await context.newPage();
    await internals.goto('chrome://webrtc-internals');
    const call = await context.newPage();
    await call.goto(`http://127.0.0.1:${address.port}/`);
    await call.evaluate(() => window.callReady);
    console.log(`[internals-dump] call connected; recording ${CALL_SECONDS} s`);
    await call.waitForTimeout(CALL_SECONDS * 1000);

    await internals.bringToFront();
    await internals.evaluate(() => {
      const root = document.querySelector('details.peer-connection-dump-root');
      if (root instanceof HTMLDetailsElement) root.open = true;
    });
    const compress = internals.locator('#dump-checkbox');
    if (await compress.isChecked()) await compress.uncheck();
    const download = async (button) => {
      const [file] = await Promise.all([internals.waitForEvent('download'), internals.click(button)]);
      const path = await file.path();
      if (!path) throw new Error(`the download from ${button} did not arrive`);
      return readFileSync(path);
    };
    // webrtc-internals forgets a connection once it is closed, so its dump is taken mid-call; the rtcstats
    // dump keeps the whole history, so it is taken after hanging up and also carries the close events.
    const dump = (await download('#dump-click-target')).toString('utf8');
    await call.evaluate(() => window.hangUp());
    await call.waitForTimeout(1500);
    const rtcstats = await download('#dump-click-target-rtcstats');
    return { dump, rtcstats };
  } finally {
    await browser.close();
    server.close();
  }
}

// Old libwebrtc ids, by stats type (rtc_stats_collector.cc before the short ids of ~M107), built from the short id.
function legacyId(type, id, fields) {
  const kind = fields.kind === 'video' ? 'Video' : 'Audio';
  const ssrc = fields.ssrc ?? id.replace(/^\D+/, '');
  const after = (prefix) => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
  switch (type) {
    case 'inbound-rtp': return `RTCInboundRTP${kind}Stream_${ssrc}`;
    case 'outbound-rtp': return `RTCOutboundRTP${kind}Stream_${ssrc}`;
    case 'remote-inbound-rtp': return `RTCRemoteInboundRtp${kind}Stream_${ssrc}`;
    case 'remote-outbound-rtp': return `RTCRemoteOutboundRTP${kind}Stream_${ssrc}`;
    case 'candidate-pair': return `RTCIceCandidatePair_${after('CP')}`;
    case 'local-candidate':
    case 'remote-candidate': return `RTCIceCandidate_${after('I')}`;
    case 'peer-connection': return 'RTCPeerConnection';
    case 'data-channel': return `RTCDataChannel_${after('D')}`;
    case 'certificate': return `RTCCertificate_${after('CF')}`;
    case 'media-source': return `RTC${kind}Source_${id.replace(/^S[AV]/, '')}`;
    case 'transport': {
      // "T01": transport "0", component 1 -> "RTCTransport_0_1".
      const rest = after('T');
      return `RTCTransport_${rest.slice(0, -1)}_${rest.slice(-1)}`;
    }
    case 'codec': {
      // "CIT01_111_minptime=10..." (inbound, transport T01, payload 111) -> "RTCCodec_01_Inbound_111_minptime=10...".
      const m = /^C([IO])T([^_]*)_(.*)$/.exec(id);
      return m ? `RTCCodec_${m[2]}_${m[1] === 'I' ? 'Inbound' : 'Outbound'}_${m[3]}` : `RTCCodec_${id}`;
    }
    default: return null;
  }
}

/** "<statId>-<field>" split at the last "-" (ids may contain "-"); computed "<statId>-[...]" series keep their tail. */
function splitKey(key) {
  const computed = /-\[.*\]$/.exec(key);
  if (computed) return { id: key.slice(0, computed.index), field: computed[0].slice(1) };
  const cut = key.lastIndexOf('-');
  return cut <= 0 ? null : { id: key.slice(0, cut), field: key.slice(cut + 1) };
}

function lastValue(series) {
  try {
    const values = JSON.parse(series.values);
    return Array.isArray(values) ? values[values.length - 1] : undefined;
  } catch {
    return undefined;
  }
}

function toLegacy(dump) {
  const out = structuredClone(dump);
  for (const pc of Object.values(out.PeerConnections ?? {})) {
    const stats = pc.stats ?? {};
    // Per id: its type and the fields the new id is built from.
    const info = new Map();
    for (const [key, series] of Object.entries(stats)) {
      const parts = splitKey(key);
      if (!parts || parts.field.startsWith('[')) continue;
      const entry = info.get(parts.id) ?? { type: series.statsType, fields: {} };
      if (parts.field === 'kind' || parts.field === 'ssrc') entry.fields[parts.field] = lastValue(series);
      info.set(parts.id, entry);
    }
    const renamed = new Map();
    for (const [id, { type, fields }] of info) renamed.set(id, legacyId(type, id, fields));

    const next = {};
    for (const [key, series] of Object.entries(stats)) {
      const parts = splitKey(key);
      if (!parts) continue;
      const { id, field } = parts;
      const newId = renamed.get(id);
      if (!newId || field === 'timestamp' || field === 'type') continue;
      const { statsType: _dropped, ...rest } = series;
      let values = rest.values;
      if (typeof values === 'string' && values.includes('"')) {
        const parsed = JSON.parse(values);
        values = JSON.stringify(parsed.map((v) => (typeof v === 'string' && renamed.get(v) ? renamed.get(v) : v)));
      }
      next[`${newId}-${field}`] = { ...rest, values };
    }
    pc.stats = next;
    pc.updateLog = (pc.updateLog ?? []).map(({ timestamp, type, value }) => ({
      time: new Date(timestamp).toISOString(),
      type: type.replace(/^on/, ''),
      value: typeof value === 'string' && /^"[^"]*"$/.test(value) ? JSON.parse(value) : value,
    }));
  }
  return out;
}

mkdirSync(OUT_DIR, { recursive: true });
let text;
if (legacyOnly) {
  text = readFileSync(CURRENT, 'utf8');
} else {
  const recorded = await recordRealDump();
  text = recorded.dump;
  if (Buffer.byteLength(text) > MAX_BYTES) {
    throw new Error(`the dump is ${Buffer.byteLength(text)} bytes; run again with a shorter --seconds`);
  }
  writeFileSync(CURRENT, text);
  console.log(`[internals-dump] wrote ${CURRENT} (${Buffer.byteLength(text)} bytes)`);
  writeFileSync(RTCSTATS, recorded.rtcstats);
  console.log(`[internals-dump] wrote ${RTCSTATS} (${recorded.rtcstats.length} bytes)`);
}
const legacy = JSON.stringify(toLegacy(JSON.parse(text)));
writeFileSync(LEGACY, legacy);
console.log(`[internals-dump] wrote ${LEGACY} (${Buffer.byteLength(legacy)} bytes)`);
