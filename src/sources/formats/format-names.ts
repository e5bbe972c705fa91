import type { RecordingFormat } from './parse-recording';

/** What each recording format is called where people read it: the demo's line, a replay's name, an n/a note. */
const NAMES: Readonly<Record<RecordingFormat, string>> = {
  trace: 'trace',
  session: 'exported session',
  incident: 'exported incident',
  'daily-logs': 'Daily /logs response',
  'webrtc-internals': 'webrtc-internals dump',
  'webrtc-internals-legacy': 'webrtc-internals dump of an older Chrome',
  rtcstats: 'rtcstats dump',
  'rtcstats-v3': 'rtcstats v3 dump',
  'getstats-snapshot': 'getStats() snapshot',
};

/** The format's name; one this version doesn't know is named as it is. */
export function formatName(format: string): string {
  return isKnown(format) ? NAMES[format] : format;
}

function isKnown(format: string): format is RecordingFormat {
  return Object.hasOwn(NAMES, format);
}
