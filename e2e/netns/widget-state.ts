import type { Page } from '@playwright/test';
import type { InboundSnapshot } from './measure';

/** The widget's role="status" root on the loopback page (mountCallHealth, panel mode). */
export const STATUS = '#widget .call-health [role="status"]';
const REASON_KEYS = ['sendPacketLoss', 'recvPacketLoss', 'roundTripTime', 'availableOutgoingBitrate'];

/** What the widget shows (state, reasons) plus its handle's assessment (unrounded numbers, sample count). */
export interface PageState {
  state: string;
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
    stop(): void;
  };
}

export async function readState(page: Page): Promise<PageState> {
  const state = (await page.locator(STATUS).getAttribute('data-state')) ?? '';
  const items = await page.locator('#widget .ch-reason').evaluateAll((els) =>
    els.map((e) => ({
      key: (e as HTMLElement).dataset['reason'] ?? '',
      level: (e as HTMLElement).dataset['level'] ?? '',
      text: `${(e as HTMLElement).dataset['level'] ?? ''}: ${e.querySelector('.ch-reason-text')?.textContent ?? ''}`,
    })),
  );
  const a = await page.evaluate(() => (window as unknown as TestApi).callHealthTest.assessment());
  const reasons = items.filter((i) => REASON_KEYS.includes(i.key));
  return {
    state,
    reasons: reasons.map((i) => i.key),
    reasonTexts: reasons.map((i) => i.text),
    reasonLevels: Object.fromEntries(reasons.map((i) => [i.key, i.level])),
    unknown: a.unknownReason ?? '',
    samples: a.sampleCount,
    newest: a.newestTimestamp,
    metrics: a.metrics,
  };
}

/** Polls the page's verdict until `ok`; fails with the last state seen after `timeoutMs`. */
export async function waitFor(
  page: Page,
  ok: (s: PageState) => boolean,
  timeoutMs: number,
): Promise<{ elapsed: number; state: PageState }> {
  const start = Date.now();
  let last: PageState | null = null;
  while (Date.now() - start <= timeoutMs) {
    last = await readState(page);
    if (ok(last)) return { elapsed: Date.now() - start, state: last };
    await page.waitForTimeout(250);
  }
  throw new Error(`condition not met within ${ms(timeoutMs)}; last state ${JSON.stringify(last)}`);
}

export const ms = (v: number) => `${(v / 1000).toFixed(1)} s`;
