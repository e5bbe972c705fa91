import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, resolve } from 'node:path';

const servers = new Set<Server>();

/** A file server for one app's dist/ on a free port (no process to leave behind). */
export function serve(dir: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.json': 'application/json',
    '.map': 'application/json',
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = resolve(dir, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  servers.add(server);
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })),
  );
}

export function closeServer(server: Server): Promise<void> {
  servers.delete(server);
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

/** Closes every server still open. */
export async function closeAllServers(): Promise<void> {
  for (const server of servers) await closeServer(server);
}
