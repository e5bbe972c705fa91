// The benchmark's phases: each opens its own page on the benchmark site, measures one thing and writes its
// figures into `out`.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { benchFiles } from './bench-files.mjs';
import { openPage } from './bench-browser.mjs';

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const median = (xs) => quantile(xs, 0.5);
const round = (v, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

async function counters(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { heap: heap.usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners };
}
const diff = (a, b) => ({ heap: b.heap - a.heap, nodes: b.nodes - a.nodes, listeners: b.listeners - a.listeners });

async function taskMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => 1000 * (metrics.find((m) => m.name === name)?.value ?? 0);
  if (process.env.BENCH_DEBUG) console.log(['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'].map((n) => `${n}=${get(n).toFixed(1)}`).join(' '));
  return get('TaskDuration');
}

// The product's replayed verdicts against the real-call referee (test/realcalls/). It runs in Vitest (the
// comparison is TypeScript and replays on Vitest's fake clock), before anything else, and leaves its figures
// in build/ to be read back here. Its own table is printed as it runs.
const AGREEMENT_JSON = 'build/verdict-agreement.json';
export function verdictAgreement() {
  // A figure from an earlier run must not pass for this one's.
  rmSync(AGREEMENT_JSON, { force: true });
  const run = spawnSync('npx', ['vitest', 'run', '--config', 'bench/agreement.config.ts'], { stdio: 'inherit' });
  try {
    return JSON.parse(readFileSync(AGREEMENT_JSON, 'utf8'));
  } catch (err) {
    console.warn(`[bench] verdict agreement not measured (vitest exited ${run.status}): ${err.message}`);
    return null;
  }
}

// 1. One poll on the Daily path, panel mode, every sparkline visible.
export async function pollTimings(browser, out) {
  const { page } = await openPage(browser);
  const times = await page.evaluate(() => window.bench.pollCost(1500));
  out.pollSamples = times.length;
  out.pollP50Ms = round(median(times));
  out.pollP95Ms = round(quantile(times, 0.95));
  out.pollMaxMs = round(Math.max(...times));
  const paint = await page.evaluate(() => window.bench.pollToPaint(60));
  out.pollToPaintMs = round(median(paint.ms), 1);
  out.pollToPaintSameFrame = `${paint.sameFrame}/${paint.ms.length}`;
  await page.close();
}

// 1b. JS bytes allocated per poll (same path): V8's sampling heap profiler, counting what was collected too.
export async function allocPerPoll(browser, out) {
  const { page, cdp } = await openPage(browser);
  await cdp.send('HeapProfiler.enable');
  await page.evaluate(() => window.bench.allocPolls(200)); // warm-up: compiled code, the panel chunk loaded
  const runs = [];
  for (let i = 0; i < 3; i++) {
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 32, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    const n = await page.evaluate(() => window.bench.allocPolls(1000));
    const { profile } = await cdp.send('HeapProfiler.stopSampling');
    let bytes = 0;
    const walk = (node) => {
      bytes += node.selfSize;
      node.children.forEach(walk);
    };
    walk(profile.head);
    runs.push(bytes / n);
  }
  out.allocBytesPerPoll = Math.round(median(runs));
  await page.close();
}

// 3. An 8-hour call at 1000× time: memory after warm-up vs at the end, after forced GC.
export async function longCall(browser, out) {
  const { page, cdp } = await openPage(browser);
  await page.evaluate(() => window.bench.startLong(1000));
  const reach = (k) => page.waitForFunction((n) => window.bench.polls() >= n, k, { timeout: 0, polling: 100 });
  // Both measurements see the page in the same state: 20 polls of steady, healthy stats first.
  const at = async (n) => {
    await reach(n - 20);
    await page.evaluate(() => window.bench.steady(true));
    await reach(n);
    await page.evaluate(() => window.bench.hold(true));
    const c = await counters(cdp);
    const session = await page.evaluate(() => window.bench.sessionBytes());
    await page.evaluate(() => {
      window.bench.steady(false);
      window.bench.hold(false);
    });
    return { ...c, session };
  };
  const warm = await at(300); // 10 minutes of call
  const mid = await at(7_200); // 4 hours
  const end = await at(14_400); // 8 hours
  const d = diff(warm, end);
  // Bounded stores (incident snapshots, capped at 50) fill in the first hours; the second half shows
  // whether anything keeps growing.
  out.heapGrowthBytesLast4h = end.heap - mid.heap;
  out.heapGrowthBytes8h = d.heap;
  out.domNodesGrowth8h = d.nodes;
  out.listenersGrowth8h = d.listeners;
  out.sessionBytes8h = end.session;
  out.sessionBytesPerHour = end.session === null ? null : Math.round(end.session / 8);
  out.finalState = await page.evaluate(() => window.bench.state());
  await page.evaluate(() => window.bench.stopLong());
  await page.close();
}

// 4. 200 mount/destroy cycles.
export async function mountCycles(browser, out) {
  const { page, cdp } = await openPage(browser);
  await page.evaluate(() => window.bench.cycles(100)); // warm-up: JIT and caches settle over the first ~100 cycles
  // A few frames before each reading. One full run read a whole widget more (143 nodes, 6 listeners) that
  // six runs of this part alone never did: most likely the last cycle's tree, still held by a frame
  // callback it had queued (signals effects wait for a frame), not a leak.
  await page.waitForTimeout(200);
  const before = await counters(cdp);
  await page.evaluate(() => window.bench.cycles(200));
  await page.waitForTimeout(200);
  const after = await counters(cdp);
  out.mountCycles200Growth = diff(before, after);
  await page.close();
}

// 2. Real WebRTC: ours vs webrtc-issue-detector on one loopback call, same cadence, alternating.
export async function webrtcComparison(browser, out) {
  const { page, cdp } = await openPage(browser);
  out.webrtcMedia = await page.evaluate(() => window.bench.startCall());
  // Both tools poll every 250 ms: four times the polls per phase of a 1 s cadence, so the machine's
  // background noise weighs a quarter as much per poll. Our window is scaled to hold 15 samples, as the
  // default 2 s / 30 s does, so a poll does the work it does in a real call (see startOurs).
  const interval = 250;
  const phaseMs = 15_000;
  await page.waitForTimeout(3000);
  const acc = { idle: [], ours: [], theirs: [], badge: [], bare: [] };
  const phase = async (kind) => {
    if (kind === 'ours' || kind === 'badge') await page.evaluate(([i, m]) => window.bench.startOurs(i, m), [interval, kind === 'ours' ? 'panel' : 'badge']);
    if (kind === 'theirs') await page.evaluate((i) => window.bench.startDetector(i), interval);
    if (kind === 'bare') await page.evaluate((i) => window.bench.startBare(i), interval);
    // Mounting is not polling: let it settle (the first verdict needs 3 samples, and until then the
    // badge's Measuring… spinner animates), then count only the steady state.
    await page.waitForTimeout(5000);
    const polls0 = await page.evaluate(() => [window.bench.ourPolls, window.bench.detectorPolls, window.bench.barePolls]);
    const t0 = await taskMs(cdp);
    await page.waitForTimeout(phaseMs);
    const t1 = await taskMs(cdp);
    const polls1 = await page.evaluate(() => [window.bench.ourPolls, window.bench.detectorPolls, window.bench.barePolls]);
    if (kind === 'ours' || kind === 'badge') await page.evaluate(() => window.bench.stopOurs());
    if (kind === 'theirs') await page.evaluate(() => window.bench.stopDetector());
    if (kind === 'bare') await page.evaluate(() => window.bench.stopBare());
    const counter = { ours: 0, badge: 0, theirs: 1, bare: 2 }[kind]; // which of the three counts is this phase's
    const polls = counter === undefined ? 0 : polls1[counter] - polls0[counter];
    acc[kind].push({ ms: t1 - t0, polls });
  };
  for (let round = 0; round < 6; round++) {
    for (const kind of round % 2 ? ['theirs', 'bare', 'idle', 'badge', 'ours'] : ['ours', 'badge', 'idle', 'bare', 'theirs']) await phase(kind);
  }
  // Each phase less the idle phase of its own round: the machine's background load drifts over minutes,
  // and the neighbouring idle phase tracks it better than one median over the whole run.
  const perPoll = (kind) => acc[kind].map((p, i) => (p.ms - (acc.idle[i]?.ms ?? 0)) / Math.max(1, p.polls));
  const ours = median(perPoll('ours'));
  const theirs = median(perPoll('theirs'));
  out.webrtcOursPerPollMs = round(ours);
  out.webrtcDetectorPerPollMs = round(theirs);
  out.vsIssueDetector = round(ours / theirs, 2);
  // The end user's default (badge only, no graphs) on the same call, for scale.
  const badge = median(perPoll('badge'));
  out.webrtcBadgePerPollMs = round(badge);
  out.vsIssueDetectorBadgeMode = round(badge / theirs, 2);
  // The floor of the ratio for any tool that reads getStats at this cadence: the call and one walk of
  // its report, nothing else. Above 0.5, the goal can't be met by parsing faster.
  const bare = median(perPoll('bare'));
  out.getStatsFloorPerPollMs = round(bare);
  out.vsIssueDetectorFloor = round(bare / theirs, 2);
  const times = await page.evaluate(() => window.bench.ourPollTimes);
  out.webrtcPollSamples = times.length;
  out.webrtcPollP50Ms = round(median(times));
  out.webrtcPollP95Ms = round(quantile(times, 0.95));
  await page.close();
}

// 5. Opening a 5 MB stats dump: the longest main-thread task, over a few openings of each format.
export async function dumpOpening(browser, out) {
  const page = (await openPage(browser)).page;
  for (const kind of ['rtcstats', 'webrtc-internals']) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await page.evaluate((k) => window.bench.openDump(k), kind));
    const key = kind === 'rtcstats' ? 'dumpOpenRtcstats' : 'dumpOpenInternals';
    out[key] = {
      bytes: runs[0].bytes,
      longestTaskMsMedian: round(median(runs.map((r) => r.longestTaskMs)), 1),
      longestTaskMsMax: round(Math.max(...runs.map((r) => r.longestTaskMs)), 1),
      totalMsMedian: round(median(runs.map((r) => r.totalMs)), 0),
      syncMsMedian: round(median(runs.map((r) => r.syncMs)), 0),
    };
  }
  await page.close();
}

// 5b. Files from strangers at the limits: each refusal at a limit, and the heaviest files accepted just under
// them, opened as the demo opens a chosen file. The runner serves them to the page.
export async function strangerFiles(browser, out) {
  const page = (await openPage(browser)).page;
  const files = benchFiles();
  await page.route('**/bench-files/*', (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
    const file = files.find((f) => f.name === name);
    return file ? route.fulfill({ body: Buffer.from(file.bytes), contentType: 'application/octet-stream' }) : route.fulfill({ status: 404 });
  });
  out.fileOpen = [];
  const timeOpening = async (name, expected, open) => {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await open());
    const outcome = runs[0].outcome;
    if (!outcome.startsWith(expected)) console.warn(`[bench] ${name}: expected ${expected}, got ${outcome}`);
    out.fileOpen.push({
      name,
      bytes: runs[0].bytes,
      outcome,
      longestTaskMsMedian: round(median(runs.map((r) => r.longestTaskMs)), 1),
      longestTaskMsMax: round(Math.max(...runs.map((r) => r.longestTaskMs)), 1),
      totalMsMedian: round(median(runs.map((r) => r.totalMs)), 0),
    });
  };
  for (const file of files) {
    const url = `/bench-files/${encodeURIComponent(file.name)}`;
    await timeOpening(file.name, file.expect.outcome, () => page.evaluate(([u, n]) => window.bench.openFile(u, n), [url, file.name]));
  }
  // The densest real file, one the widget writes: made in the page from the recorder and the exporter.
  await timeOpening('full-session-12h.json', 'replayed', () => page.evaluate(() => window.bench.openFullSession()));
  await page.close();
}
