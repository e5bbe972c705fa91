/** Collects what a reader finds per peer connection and hands back finished, time-ordered DumpConnections. */
import { DumpError, type DumpConnection, type DumpReport, type DumpStateChange, type StatsEntry } from './dump';
import { FILE_LIMITS } from '../file-limits';

/** Stats only the standard getStats() API has; one of them is enough to measure something. */
const STANDARD_TYPES: ReadonlySet<string> = new Set([
  'inbound-rtp',
  'outbound-rtp',
  'remote-inbound-rtp',
  'candidate-pair',
]);
/** The legacy (callback) getStats() of old Chrome. */
const LEGACY_TYPES: ReadonlySet<string> = new Set(['ssrc', 'googCandidatePair', 'VideoBwe']);
const LEGACY_ID = /^ssrc_.+_(send|recv)$/;

function isLegacyEntry(id: string, entry: StatsEntry): boolean {
  const type = entry.type;
  if (typeof type === 'string' && (LEGACY_TYPES.has(type) || type.startsWith('goog'))) return true;
  return LEGACY_ID.test(id);
}

/** True when the reports carry legacy stats and nothing standard: a recording there is nothing to measure in. */
export function isLegacyOnly(reports: readonly DumpReport[]): boolean {
  let legacy = false;
  for (const { report } of reports) {
    for (const [id, entry] of report) {
      if (typeof entry.type === 'string' && STANDARD_TYPES.has(entry.type)) return false;
      if (!legacy && isLegacyEntry(id, entry)) legacy = true;
    }
  }
  return legacy;
}

/** Sorted by time (stable, so file order breaks ties); of reports at the same time the later one wins. */
function inTimeOrder(reports: DumpReport[]): DumpReport[] {
  const sorted = reports
    .map((report, index) => ({ report, index }))
    .sort((a, b) => a.report.at - b.report.at || a.index - b.index)
    .map(({ report }) => report);
  const unique: DumpReport[] = [];
  for (const report of sorted) {
    const last = unique[unique.length - 1];
    if (last && last.at === report.at) unique[unique.length - 1] = report;
    else unique.push(report);
  }
  return unique;
}

export class ConnectionBuilder {
  private readonly reports: DumpReport[] = [];
  private readonly states: DumpStateChange[] = [];
  private closedAt: number | null = null;

  constructor(readonly id: string) {}

  addReport(report: DumpReport): void {
    if (report.report.size > FILE_LIMITS.maxStatsPerReport) {
      throw new DumpError('too-many', `A getStats() report of connection ${this.id} holds ${report.report.size.toLocaleString('en-US')} stats; the most this opens is ${FILE_LIMITS.maxStatsPerReport.toLocaleString('en-US')}.`);
    }
    if (this.reports.length >= FILE_LIMITS.maxSamples) {
      throw new DumpError('too-many', `Connection ${this.id} has more than ${FILE_LIMITS.maxSamples.toLocaleString('en-US')} getStats() reports; the most this opens is that many.`);
    }
    this.reports.push(report);
  }

  addState(change: DumpStateChange): void {
    this.states.push(change);
  }

  /** The first close counts: that is when the page ended the connection. */
  markClosed(at: number): void {
    if (this.closedAt === null) this.closedAt = at;
  }

  finish(): DumpConnection {
    const reports = inTimeOrder(this.reports);
    const states = this.states
      .map((change, index) => ({ change, index }))
      .sort((a, b) => a.change.at - b.change.at || a.index - b.index)
      .map(({ change }) => change);
    return { id: this.id, reports, states, closedAt: this.closedAt, legacyOnly: isLegacyOnly(reports) };
  }
}

/** The connections of one dump, in the order the file first mentions them. */
export class Connections {
  private readonly byId = new Map<string, ConnectionBuilder>();

  get(id: string): ConnectionBuilder {
    let builder = this.byId.get(id);
    if (!builder) {
      if (this.byId.size >= FILE_LIMITS.maxConnections) {
        throw new DumpError('too-many', `This dump holds more than ${FILE_LIMITS.maxConnections} peer connections; the most this opens is ${FILE_LIMITS.maxConnections}.`);
      }
      builder = new ConnectionBuilder(id);
      this.byId.set(id, builder);
    }
    return builder;
  }

  finish(): DumpConnection[] {
    return [...this.byId.values()].map((builder) => builder.finish());
  }
}
