import type { InboundSnapshot } from './measure';

/** The widget's role="status" root on the loopback page (mountCallHealth, panel mode). */
export const STATUS = '#widget .call-health [role="status"]';

/**
 * What both drivers have: Playwright's Page (Chromium) and puppeteer-core's (Firefox) each run a function
 * in the page and return its result, so the loopback specs read the widget the same way in both.
 */
export interface InPage {
  evaluate(fn: () => PageState | Promise<PageState>): Promise<PageState>;
}

/** What the widget shows (state, reasons) plus its handle's assessment (unrounded numbers, sample count). */
export interface PageState {
  state: string;
  /** The badge's kind (data-kind): the verdict, or measuring, reconnecting, lost, no-data. */
  kind: string;
  reasons: string[];
  /** The listed reasons' level and sentence, as a user reads them. */
  reasonTexts: string[];
  /** Each listed reason's level as the widget marks it (data-level), by reason key. */
  reasonLevels: Record<string, string>;
  unknown: string;
  samples: number;
  newest: number | null;
  metrics: Record<string, number | null>;
}

interface AssessmentLike {
  unknownReason: string | null;
  sampleCount: number;
  newestTimestamp: number | null;
  metrics: Record<string, number | null>;
}

/** What e2e/pages/loopback.ts puts on window for the tests. */
export interface TestApi {
  callHealthTest: {
    media: string;
    assessment(): AssessmentLike;
    inbound(side: 0 | 1): Promise<InboundSnapshot>;
    selectedPairs(): Promise<Array<{ local: string; remote: string; protocol: string }>>;
    /** The watched side's connection state changes so far, at performance.now() times. */
    states(): Array<{ at: number; connectionState: string; iceConnectionState: string }>;
    stop(): void;
  };
}

/** Runs in the page (self-contained: it is sent as source): the widget's verdict as the user sees it. */
export function pageState(): PageState {
  const keys = ['sendPacketLoss', 'recvPacketLoss', 'roundTripTime', 'availableOutgoingBitrate'];
  const status = document.querySelector('#widget .call-health [role="status"]');
  const state = status?.getAttribute('data-state') ?? '';
  const items = [...document.querySelectorAll<HTMLElement>('#widget .ch-reason')].map((e) => ({
    key: e.dataset['reason'] ?? '',
    level: e.dataset['level'] ?? '',
    text: `${e.dataset['level'] ?? ''}: ${e.querySelector('.ch-reason-text')?.textContent ?? ''}`,
  }));
  const a = (window as unknown as TestApi).callHealthTest.assessment();
  const reasons = items.filter((i) => keys.includes(i.key));
  return {
    state,
    kind: status?.getAttribute('data-kind') ?? '',
    reasons: reasons.map((i) => i.key),
    reasonTexts: reasons.map((i) => i.text),
    reasonLevels: Object.fromEntries(reasons.map((i) => [i.key, i.level])),
    unknown: a.unknownReason ?? '',
    samples: a.sampleCount,
    newest: a.newestTimestamp,
    metrics: a.metrics,
  };
}

export const readState = (page: InPage): Promise<PageState> => page.evaluate(pageState);

/** Polls the page's verdict until `ok`; fails with the last state seen after `timeoutMs`. */
export async function waitFor(
  page: InPage,
  ok: (s: PageState) => boolean,
  timeoutMs: number,
): Promise<{ elapsed: number; state: PageState }> {
  const start = Date.now();
  let last: PageState | null = null;
  while (Date.now() - start <= timeoutMs) {
    last = await readState(page);
    if (ok(last)) return { elapsed: Date.now() - start, state: last };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`condition not met within ${ms(timeoutMs)}; last state ${JSON.stringify(last)}`);
}

export const ms = (v: number) => `${(v / 1000).toFixed(1)} s`;
