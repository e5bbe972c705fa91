import { FIELDS, type Field } from '../core/catalogue';

// Why a metric reads n/a depends on where the figures come from: a live call's gap is its browser's (and
// only Firefox's is a known, permanent one), a replay's is the recording's — never the browser it is
// replayed in. This module says where they come from (it rides with the badge); missing-why.ts words the
// cause (it rides with the panel, the only place that shows it). Pure, so both are tested in Node.

/** Where the widget's figures come from. */
export type Provenance =
  | {
      kind: 'live';
      /** This browser's user agent (navigator.userAgent); null where there is none (a server, a test). */
      userAgent: string | null;
      /**
       * Who computes the figures: 'daily' (a call object's getNetworkStats(), or any source of that shape)
       * or 'widget' (createWebRTCStatsSource: the widget's own maths over getStats()). They lack different
       * figures in Firefox.
       */
      figures: 'daily' | 'widget';
    }
  | {
      kind: 'replay';
      /** The recording's format (a ReplaySource's `format`: 'trace', 'rtcstats', 'daily-logs', …). */
      format: string;
      /** The recording browser's user agent, where the file says. */
      userAgent: string | null;
      /** Catalogue fields the format can't carry. */
      lacks: readonly Field[];
      /** A trace's name ("Firefox"), which says what was recorded when nothing else does. */
      name: string | null;
    };

function liveUserAgent(): string | null {
  return typeof navigator === 'undefined' ? null : navigator.userAgent;
}

/**
 * The provenance of a widget's source: a replay source (createReplaySource: it has `format` and `lacks`)
 * is a recording; anything else — a daily-js call, a WebRTC source, undefined — is live in this browser,
 * its figures the widget's own when the source says it has no verdict of its own (the WebRTC source).
 */
export function provenanceOf(source: unknown, userAgent: string | null = liveUserAgent()): Provenance {
  if (typeof source === 'object' && source !== null && 'format' in source && 'lacks' in source) {
    const { format, lacks } = source;
    if (typeof format === 'string' && Array.isArray(lacks)) {
      const ua = 'userAgent' in source && typeof source.userAgent === 'string' && source.userAgent !== '' ? source.userAgent : null;
      const trace = 'trace' in source ? source.trace : null;
      const name = typeof trace === 'object' && trace !== null && 'name' in trace && typeof trace.name === 'string' ? trace.name : null;
      const list: unknown[] = lacks;
      return { kind: 'replay', format, userAgent: ua, lacks: FIELDS.filter((f) => list.includes(f)), name };
    }
  }
  const own = typeof source === 'object' && source !== null && 'hasOwnVerdict' in source && source.hasOwnVerdict === false;
  return { kind: 'live', userAgent, figures: own ? 'widget' : 'daily' };
}
