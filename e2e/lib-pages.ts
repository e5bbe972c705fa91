import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

// The pages that load the built library as a plain page would — the standalone bundle with no bundler
// (/plain/) and the strict-CSP page (/csp/) — and where each of their files comes from. Chromium's specs
// serve them through page.route; Firefox's and WebKit's drivers have no such hook worth relying on, so
// serveLibPages below serves them (and the traces they fetch) for real.

/** The library build the pages load (LIB_DIR, default dist/): exactly what `npm run build` wrote. */
export const LIB = resolve(import.meta.dirname, '..', process.env.LIB_DIR ?? 'dist');

/** The strict policy the /csp/ page is served with, as a real response header. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; require-trusted-types-for 'script'";

const PAGES = resolve(import.meta.dirname, 'pages');
const TYPES: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };

export interface LibPageFile {
  file: string;
  contentType: string;
  headers: Record<string, string>;
}

/** The file behind `/csp/<name>` or `/plain/<name>`, or null when there is none. */
export function libPageFile(pathname: string): LibPageFile | null {
  const m = /^\/(csp|plain)\/([\w.-]+)$/.exec(pathname);
  if (!m) return null;
  const [, dir = '', name = ''] = m;
  const file = name.startsWith('call-health.') ? resolve(LIB, name) : resolve(PAGES, dir, name);
  if (!existsSync(file)) return null;
  return {
    file,
    contentType: TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
    headers: dir === 'csp' ? { 'content-security-policy': CSP } : {},
  };
}

/** Fails with the command to run when the library build the pages need is missing. */
export function missingLibBuild(): string | null {
  for (const f of ['call-health.standalone.js', 'call-health.css']) {
    if (!existsSync(resolve(LIB, f))) return `${LIB}/${f} missing: run the library build first (npm run build)`;
  }
  return null;
}

const SITE = resolve(process.env.SITE_DIR ?? 'build/site');

export interface LibServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveLibPages(): Promise<LibServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page = libPageFile(path);
    const trace = /^\/traces\/[\w.-]+\.json$/.test(path) ? resolve(SITE, path.slice(1)) : null;
    if (page) {
      res.writeHead(200, { 'content-type': page.contentType, ...page.headers });
      createReadStream(page.file).pipe(res);
    } else if (trace && existsSync(trace)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      createReadStream(trace).pipe(res);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}
