export const CHROMIUM_ARGS: string[];
export const FIREFOX_PREFS: Record<string, boolean | number | string>;
export function findChromium(): string | null;
export function findFirefox(): string | null;
export function ensureChromium(): string;
export function ensureFirefox(): string | null;
export function findWebKitDriver(): string | null;
export function ensureWebKit(): string | null;
