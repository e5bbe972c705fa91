import type { Monitor, Snapshot, StatsSource } from '../core/live/monitor';

/** What a source may know beside its numbers: the connection, CPU load, the other participants. */
export type ContextPatch = Partial<Pick<Snapshot, 'connection' | 'reported' | 'cpuLoad' | 'peers'>>;

/** A stats source that also tells of context changes, as a Daily call does through its events. */
export interface ContextSource extends StatsSource {
  /** Calls `listener` with each change; returns the function that stops it. */
  onContext(listener: (patch: ContextPatch) => void): () => void;
}

export function hasContext(source: StatsSource): source is ContextSource {
  return typeof (source as Partial<ContextSource>).onContext === 'function';
}

/** Feeds a source's context into a monitor; the returned function unbinds (a no-op for plain sources). */
export function bindContext(source: StatsSource, monitor: Monitor): () => void {
  return hasContext(source) ? source.onContext((patch) => monitor.update(patch)) : () => {};
}
