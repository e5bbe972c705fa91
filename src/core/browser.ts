/**
 * The browser and major version a user agent names ("Firefox 118", "Chrome 117", "Safari 17"), for saying
 * whose gap a missing figure is; null when it names none of the three engines' browsers. Order matters:
 * Chrome's agent also says Safari, and Edge's and Opera's also say Chrome.
 */
export function browserOf(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const rules: Array<[string, RegExp]> = [
    ['Firefox', /Firefox\/(\d+)/],
    ['Edge', /Edg\/(\d+)/],
    ['Opera', /OPR\/(\d+)/],
    ['Chrome', /(?:Chrome|CriOS)\/(\d+)/],
    ['Safari', /Version\/(\d+)(?:\.\d+)*(?: Mobile\/\S+)? Safari\//],
  ];
  for (const [name, re] of rules) {
    const m = re.exec(userAgent);
    if (m) return `${name} ${m[1] ?? ''}`.trim();
  }
  return null;
}
