// call-health/react: the widget for React apps. It renders the <call-health> custom element (the widget
// itself runs on its own bundled renderer); a React app needs no other setup than the stylesheet.
export { CallHealth, useCallHealth } from './CallHealth';
export type { CallHealthProps, UseCallHealth, CallHealthIntrinsicProps } from './CallHealth';
export { defineCallHealthElement } from '../embed/element';
export type {
  CallHealthElement,
  CallHealthElementAttributes,
  CallHealthElementOptions,
  CallHealthStateChangeEvent,
} from '../embed/element';
export type { CallHealthOptions } from '../embed/create-widget';
export type { Assessment, NetworkState } from '../core/live/window';
export type { StatsSource } from '../core/live/monitor';
export type { DailyCallLike } from '../sources/daily';
export type { Mode, Position, Theme } from '../ui/Widget';
export type { LabelOverrides } from '../ui/labels';
export type { ThresholdOverrides } from '../core/thresholds';
