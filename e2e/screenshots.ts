import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

// Pictures for a person to look at — the badge, the opened card, the panel, the demo, in Chromium, Firefox and
// WebKit side by side — are taken only by `npm run screenshots` (SCREENSHOTS=1), into the untracked
// test-results/screenshots/. `npm test` runs the same specs and checks the states the pictures are meant to
// show, without taking them: a picture compares nothing, so it is no test.
const DIR = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

/** Calls `take` with the picture's path when pictures are wanted; otherwise does nothing. */
export async function shoot(name: string, take: (path: string) => Promise<unknown>): Promise<void> {
  if (!process.env['SCREENSHOTS']) return;
  mkdirSync(DIR, { recursive: true });
  await take(resolve(DIR, name));
}
