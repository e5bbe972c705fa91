export interface HostileExpectation {
  outcome: 'refused' | 'replayed';
  code?: string;
  mentions?: RegExp;
  warns?: RegExp;
  /** Replays as this repo file does. */
  sameAs?: string;
}
export interface HostileFile {
  name: string;
  bytes: Uint8Array;
  expect: HostileExpectation;
  what: string;
}
export const PROBED_LIMITS: { maxBytes: number; maxDepth: number; maxValues: number; maxSeriesPoints: number; maxConnections: number; maxStatsPerReport: number };
export const MARKUP: string;
export function hostileFiles(): HostileFile[];
