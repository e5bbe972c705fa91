// The one way the widget writes a length of time (the window, how long nothing came, session times).

/** "45 s", "1 min 30 s", "2 h 5 min": seconds under an hour, minutes above; no zero part ("1 min", "2 h"), no padding. */
export function formatDuration(ms: number): string {
  const s = Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : 0;
  if (s < 60) return `${s} s`;
  if (s < 3600) return join(Math.floor(s / 60), 'min', s % 60, 's');
  const m = Math.round(s / 60);
  return join(Math.floor(m / 60), 'h', m % 60, 'min');
}

function join(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
}
