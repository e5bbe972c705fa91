// The real recorded calls the comparison runs over, where they are and what kind each is.

import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REALCALLS = resolve(import.meta.dirname, '../../src/sources/fixtures/realcalls');
export const JITSI_DIR = join(REALCALLS, 'jitsi-rtcstats-server');
export const SKYWAY_DIR = join(REALCALLS, 'skyway-lab-rtcstats-wrapper');

export interface CorpusFile {
  /** The file's name, as the fixtures README lists it. */
  readonly name: string;
  readonly path: string;
  readonly kind: 'rtcstats' | 'snapshot';
}

/** Every recording of the corpus: the Jitsi rtcstats dumps, then the skyway single snapshots. */
export function corpus(): CorpusFile[] {
  const jitsi = readdirSync(JITSI_DIR)
    .filter((f) => f !== 'LICENSE')
    .sort()
    .map((name): CorpusFile => ({ name, path: join(JITSI_DIR, name), kind: 'rtcstats' }));
  const skyway = readdirSync(SKYWAY_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name): CorpusFile => ({ name, path: join(SKYWAY_DIR, name), kind: 'snapshot' }));
  return [...jitsi, ...skyway];
}
