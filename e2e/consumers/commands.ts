import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The nested npm, node, tsc and vite runs: each in its own process group, so a timeout or the end of the
// test can take down everything it started.

const children = new Set<ChildProcess>();

/** The environment for nested npm/node runs: without what `npm test` sets for this package. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_|^npm_config_(local_prefix|prefix|global|workspaces?|include_workspace_root)$|^INIT_CWD$/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

export interface RunResult {
  code: number | null;
  out: string;
}

export function run(cmd: string, args: string[], cwd: string, timeoutMs = 240_000): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      out += `\n[timed out after ${timeoutMs} ms]`;
      killTree(child);
    }, timeoutMs);
    child.on('error', (err) => {
      out += String(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      done({ code, out });
    });
  });
}

function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL'); // its own process group (detached)
  } catch {
    child.kill('SIGKILL');
  }
}

/** Kills every run still going. */
export function killRunning(): void {
  for (const child of children) killTree(child);
}

export const tail = (s: string, n = 40): string => s.trim().split('\n').slice(-n).join('\n');

/** The path of a package's bin script, as installed for the app (or folder) at `fromDir`. */
export function bin(fromDir: string, pkg: string, name: string): string {
  const req = createRequire(join(fromDir, 'package.json'));
  const manifestPath = req.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name];
  if (!rel) throw new Error(`${pkg} has no bin ${name}`);
  return resolve(manifestPath, '..', rel);
}
