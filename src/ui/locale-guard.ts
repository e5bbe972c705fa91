// uPlot builds an Intl.NumberFormat from navigator.language when its module loads. Some engines report a
// language that is no BCP 47 tag — WebKitGTK under LANG=C says "C" (Linux kiosks, Tauri apps) — and then the
// constructor throws and the whole panel chunk fails. While that chunk loads, such a page's navigator
// answers a valid tag instead; the page's own value comes back the moment the load settles.

const FALLBACK = 'en-US';

function isValidTag(tag: string): boolean {
  try {
    new Intl.NumberFormat(tag);
    return true;
  } catch {
    return false;
  }
}

/** Runs `load` with a valid navigator.language where the browser's isn't one; otherwise just runs it. */
export function withValidLanguage<T>(load: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || isValidTag(navigator.language)) return load();
  // An own property shadows the prototype's getter; deleting it restores the browser's answer exactly.
  Object.defineProperty(navigator, 'language', { configurable: true, get: () => FALLBACK });
  const restore = () => {
    Reflect.deleteProperty(navigator, 'language');
  };
  return load().finally(restore);
}
