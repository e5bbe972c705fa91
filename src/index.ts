// The public API. Everything a host page may use is exported here and nowhere else.
export { NetworkWindow, grade } from './core/window';
export type { Assessment, NetworkState, NetworkWindowOptions, UnknownReason } from './core/window';
export { DEFAULT_THRESHOLDS, resolveThresholds } from './core/thresholds';
export type { Level, Thresholds, ThresholdOverrides } from './core/thresholds';
export { METRICS, FIELDS, REASONS, formatValue, fieldUnit } from './core/catalogue';
export type { Field, MetricDef, MetricId, ReasonKey, Unit } from './core/catalogue';
export { createPoller } from './core/poller';
export type { Poller, PollerOptions, PollHealth } from './core/poller';
export { Monitor } from './core/monitor';
export type { MonitorOptions, Snapshot, StatsSource, ReportedVerdict, CpuLoad, PeerQuality, ConnectionState } from './core/monitor';
export { monitorDailyCall, watchDailyCall, dailyStatsSource } from './sources/daily';
export type { DailyMonitorOptions } from './sources/daily';
