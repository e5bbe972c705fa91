import { afterEach, describe, expect, it, vi } from 'vitest';
import { withValidLanguage } from './locale-guard';

// A navigator whose language comes from its prototype's getter, as in a browser.
function stubNavigator(language: string) {
  const proto = { get language() { return language; } };
  const nav: { language: string } = Object.create(proto);
  vi.stubGlobal('navigator', nav);
  return nav;
}

/** What uPlot does when its module loads. */
const uplotLikeInit = () => new Intl.NumberFormat(navigator.language).format(1234.5);

afterEach(() => vi.unstubAllGlobals());

describe('withValidLanguage: a panel chunk that formats numbers loads even where navigator.language is no tag', () => {
  it('"C" (WebKitGTK under LANG=C): the load sees a valid tag, and the page gets "C" back afterwards', async () => {
    const nav = stubNavigator('C');
    expect(uplotLikeInit).toThrow(RangeError);
    const seen = await withValidLanguage(async () => {
      await Promise.resolve();
      uplotLikeInit();
      return navigator.language;
    });
    expect(seen).toBe('en-US');
    expect(nav.language).toBe('C');
    expect(Object.getOwnPropertyNames(nav)).toEqual([]);
  });

  it('a failing load restores the language too, and passes the failure on', async () => {
    const nav = stubNavigator('C');
    await expect(withValidLanguage(() => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(nav.language).toBe('C');
  });

  it('a valid language is left alone', async () => {
    const nav = stubNavigator('de-DE');
    expect(await withValidLanguage(async () => navigator.language)).toBe('de-DE');
    expect(Object.getOwnPropertyNames(nav)).toEqual([]);
  });
});
