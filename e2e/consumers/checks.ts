import { expect } from '@playwright/test';

// The checks and the phase timings, kept for the table the end of the test prints.

interface Row {
  app: string;
  check: string;
  ok: boolean;
  detail: string;
}
const rows: Row[] = [];
export const timings: Record<string, number> = {};

/** A soft check that also lands in the summary table. */
export function check(app: string, name: string, ok: boolean, detail = ''): void {
  rows.push({ app, check: name, ok, detail: detail.slice(0, 2000) });
  expect.soft(ok, `${app}: ${name}${detail ? `\n${detail}` : ''}`).toBe(true);
}

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    timings[label] = (timings[label] ?? 0) + (Date.now() - t0);
    console.log(`[consumers] ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

/** The table of every check and the time each phase took. */
export function printSummary(): void {
  const table = rows.map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${r.app.padEnd(20)} ${r.check}${r.ok || !r.detail ? '' : `\n        ${r.detail.split('\n').slice(0, 12).join('\n        ')}`}`);
  const times = Object.entries(timings).map(([k, v]) => `  ${k}: ${(v / 1000).toFixed(1)} s`);
  console.log(`[consumers] checks:\n${table.join('\n')}\n[consumers] timings:\n${times.join('\n')}`);
}
