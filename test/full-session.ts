// The densest file the widget itself writes: a whole session at the recorder's default cap, every field reported,
// every reason and an outage on every sample. The file limits must let it open again (src/sources/formats/
// file-limits.test.ts), and the benchmark times opening it as the heaviest real file at the limits.
import { FIELDS, REASONS } from '../src/core/catalogue';
import { exportSession } from '../src/core/session/export';
import { SessionRecord } from '../src/core/session/session-record';

export interface FullSession {
  text: string;
  samples: number;
}

export function fullSessionExport(): FullSession {
  const start = 1_743_011_906_000;
  const record = new SessionRecord({ startedAt: start });
  for (let i = 0; i < record.capacity; i++) {
    const latest: Record<string, number> = { timestamp: start + i * 2000 };
    // Values with long decimals, as real rates and ratios have: the most characters a value takes.
    FIELDS.forEach((field, k) => (latest[field] = 1234.567891 + i + k / 7));
    const taken = record.push({ stats: { latest } }, { networkState: 'bad', networkStateReasons: REASONS, reportedNetworkState: 'warning', outage: 'stalled' });
    if (!taken) throw new Error(`sample ${i} was not recorded`);
  }
  return { text: JSON.stringify(exportSession(record, { roomUrl: 'https://example.daily.co/a-room-name' })), samples: record.capacity };
}
