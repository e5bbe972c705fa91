// What the real recordings hold, as their README describes them (src/sources/fixtures/realcalls/README.md):
// one list per kind of call, shared by the referee's tests and the product's.

/** Clean calls: no impairment worth a warning. */
export const CLEAN_CALLS = [
  '59c86272-03ea-42e9-a62d-1c8a272e8ab0',
  '9c93a447-c9f8-489d-87ca-21263dec0642',
  'firefox-standard-stats-sfu',
  'google-standard-stats-p2p',
  'google-standard-stats-sfu',
  'safari-standard-stats',
] as const;

/** Firefox calls: no candidate-pair RTT, the round trip only in remote-inbound-rtp. */
export const FIREFOX_CALLS = ['firefox-relay', 'firefox-standard-stats-sfu', 'firefox97-standard-stats-sfu'] as const;

/** Old Chrome's legacy `goog*` stats only: nothing standard to grade. */
export function isLegacyOnly(name: string): boolean {
  return name.startsWith('google-legacy-') || name === 'chrome96-standard-stats-p2p-add-transceiver';
}
