// Page functions the specs of every browser run in the page as they are (each is sent as source, so each is
// self-contained): Playwright's page.evaluate, puppeteer's page.evaluate and the WebKit client's run.

/** Non-transparent pixels on each metric row's sparkline canvas: what "the sparklines draw" means. */
export function inkPerMetric(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of document.querySelectorAll<HTMLElement>('.ch-metric[data-metric]')) {
    const c = row.querySelector('canvas');
    const ctx = c?.getContext('2d');
    let ink = 0;
    if (c && ctx && c.width > 0) {
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < px.length; i += 4) if ((px[i] ?? 0) > 0) ink++;
    }
    out[row.dataset['metric'] ?? ''] = ink;
  }
  return out;
}

/** The metrics whose line must be on the canvas once a congested-upload replay has run a few polls. */
export const DRAWN_METRICS = ['sendPacketLoss', 'recvPacketLoss', 'roundTripTime', 'availableOutgoingBitrate', 'sendBitsPerSecond', 'recvBitsPerSecond'];

/** Whether the page's CSP is in force: an inline style attribute applies, a string HTML sink is allowed. */
export function cspProbe(): { sink: string; applied: string } {
  const d = document.createElement('div');
  d.setAttribute('style', 'color: red');
  document.body.append(d);
  let sink = 'allowed';
  try {
    d.innerHTML = '<b>x</b>';
  } catch {
    sink = 'blocked';
  }
  const applied = getComputedStyle(d).color;
  d.remove();
  return { sink, applied };
}
