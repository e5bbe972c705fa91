// `npm run bench`: the widget's cost, measured in headless Chromium on the production build.
// Prints a table, then one JSON line with every figure. Medians/percentiles over many repetitions;
// comparisons are ratios measured side by side in one run (the machines are shared and noisy).
import { measureSizes } from './sizes.mjs';
import { launchChromium, machine, serve, stopServer } from './bench-browser.mjs';
import { allocPerPoll, dumpOpening, longCall, mountCycles, pollTimings, strangerFiles, verdictAgreement, webrtcComparison } from './bench-phases.mjs';
import { printTable } from './bench-table.mjs';

async function main() {
  const agreement = !process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'agreement' ? verdictAgreement() : null;
  const server = await serve();
  const browser = await launchChromium();
  const out = {};
  try {
    const only = process.env.BENCH_ONLY;
    if (!only || only === 'poll') await pollTimings(browser, out);
    if (!only || only === 'poll' || only === 'alloc') await allocPerPoll(browser, out);
    if (!only || only === 'long') await longCall(browser, out);
    if (!only || only === 'cycles') await mountCycles(browser, out);
    if (!only || only === 'webrtc') await webrtcComparison(browser, out);
    if (!only || only === 'dumps') await dumpOpening(browser, out);
    if (!only || only === 'files') await strangerFiles(browser, out);
    // 6. Sizes.
    Object.assign(out, measureSizes());
  } finally {
    await browser.close();
    stopServer(server);
  }

  out.machine = machine();
  out.verdictAgreement = agreement;
  printTable(out, agreement);
  console.log(JSON.stringify(out));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
