// The network path of one report: which candidate pair the connection is using, with the round trip and
// the available upload it reports. Part of the independent referee (referee.ts): nothing here is imported
// from src/.

import { num, str, type Stat } from './recording-reader';

export type PairChoice = 'transport.selectedCandidatePairId' | 'selected' | 'nominated+succeeded';
export interface SelectedPair {
  readonly id: string;
  readonly chosenBy: PairChoice;
  /** Seconds, as reported. */
  readonly currentRoundTripTime: number | null;
  /** Bits per second, as reported. */
  readonly availableOutgoingBitrate: number | null;
}

export function selectedPair(stats: ReadonlyMap<string, Stat>): SelectedPair | null {
  const all = [...stats.values()];
  const pairs = all.filter((s) => s['type'] === 'candidate-pair');
  const describe = (s: Stat, chosenBy: PairChoice): SelectedPair => ({
    id: str(s['id']) ?? '',
    chosenBy,
    currentRoundTripTime: num(s['currentRoundTripTime']),
    availableOutgoingBitrate: num(s['availableOutgoingBitrate']),
  });
  for (const transport of all.filter((s) => s['type'] === 'transport')) {
    const id = str(transport['selectedCandidatePairId']);
    // The id sometimes names a pair that is not in the same report; then the fallbacks decide.
    const pair = id === null ? undefined : stats.get(id);
    if (pair) return describe(pair, 'transport.selectedCandidatePairId');
  }
  const flagged = pairs.find((p) => p['selected'] === true);
  if (flagged) return describe(flagged, 'selected');
  const nominated = pairs.find((p) => p['nominated'] === true && p['state'] === 'succeeded');
  if (nominated) return describe(nominated, 'nominated+succeeded');
  return null;
}
