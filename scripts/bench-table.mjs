// The table `npm run bench` prints: each figure beside its goal.
import { BUDGETS } from './sizes.mjs';

export function printTable(out, agreement) {
  const rows = [
    ['pollP50Ms / pollP95Ms / pollMaxMs', `${out.pollP50Ms} / ${out.pollP95Ms} / ${out.pollMaxMs} ms`, 'p95 ≤ 0.5 ms'],
    ['allocBytesPerPoll', `${out.allocBytesPerPoll} B`, 'only what the window needs'],
    ['webrtcPollP95Ms (p50)', `${out.webrtcPollP95Ms} ms (${out.webrtcPollP50Ms})`, '—'],
    ['vsIssueDetector (panel)', `${out.vsIssueDetector} (${out.webrtcOursPerPollMs} vs ${out.webrtcDetectorPerPollMs} ms/poll)`, '≤ 0.5'],
    ['vsIssueDetector (badge mode)', `${out.vsIssueDetectorBadgeMode} (${out.webrtcBadgePerPollMs} ms/poll)`, '—'],
    ['vsIssueDetectorFloor (getStats + one walk of the report)', `${out.vsIssueDetectorFloor} (${out.getStatsFloorPerPollMs} ms/poll)`, '—'],
    ['heapGrowthBytes8h (last 4 h)', `${out.heapGrowthBytes8h} B (${out.heapGrowthBytesLast4h} B)`, 'only the session record'],
    ['domNodesGrowth8h / listenersGrowth8h', `${out.domNodesGrowth8h} / ${out.listenersGrowth8h}`, '0 / 0'],
    ['sessionBytesPerHour', `${out.sessionBytesPerHour}`, '≤ 150 000'],
    ['mountCycles200Growth', JSON.stringify(out.mountCycles200Growth), 'nothing measurable'],
    ['standaloneGzipBytes', `${out.standaloneGzipBytes}`, `≤ ${BUDGETS.standaloneGzipBytes.goal}`],
    ['libraryOwnGzipBytes', `${out.libraryOwnGzipBytes}`, `≤ ${BUDGETS.libraryOwnGzipBytes.goal}`],
    ['pollToPaintMs', `${out.pollToPaintMs} ms (badge updated in the next frame: ${out.pollToPaintSameFrame})`, 'the same frame'],
    ...[['rtcstats', out.dumpOpenRtcstats], ['webrtc-internals', out.dumpOpenInternals]].filter(([, d]) => d).map(([name, d]) => [
      `open a ${(d.bytes / 1e6).toFixed(1)} MB ${name} dump`,
      `longest task ${d.longestTaskMsMedian} ms (max ${d.longestTaskMsMax}), ${d.totalMsMedian} ms in all; ${d.syncMsMedian} ms in one go`,
      'longest task < 200 ms',
    ]),
    ...(out.fileOpen ?? []).map((f) => [
      `open ${f.name} (${(f.bytes / 1e6).toFixed(f.bytes < 1e6 ? 2 : 1)} MB)`,
      `longest task ${f.longestTaskMsMedian} ms (max ${f.longestTaskMsMax}); ${f.outcome} after ${f.totalMsMedian} ms`,
      'longest task < 200 ms',
    ]),
  ];
  if (agreement) {
    const pct = (f) => `${(f * 100).toFixed(1)} %`;
    for (const [reason, r] of Object.entries(agreement.reasons)) {
      rows.push([
        `verdict agreement: ${reason}`,
        `${pct(r.agreement)} of samples; s agree/over/under ${r.agreeSeconds}/${r.overSeconds}/${r.underSeconds}, one side only ${r.productOnlySeconds}+${r.refereeOnlySeconds}`,
        '—',
      ]);
    }
    rows.push(['Good during an outage / Poor on a healthy call', `${agreement.goodDuringOutage} / ${agreement.poorOnHealthy} samples`, '0 / 0']);
  }
  console.log(`\nCall Health benchmark — ${out.machine}\n`);
  for (const [k, v, g] of rows) console.log(`${k.padEnd(38)} ${String(v).padEnd(52)} goal: ${g}`);
}
