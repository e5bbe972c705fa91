import { execFileSync, type ChildProcess } from 'node:child_process';

/** Runs a command, returns its stdout; throws with the command's stderr in the message. */
export function run(cmd: string, args: readonly string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: unknown }).stderr;
    throw new Error(`${cmd} ${args.join(' ')} failed: ${typeof stderr === 'string' && stderr ? stderr.trim() : String(err)}`);
  }
}

/** Like run, but a failure is only reported: for cleanup, which must go on whatever happens. */
export function tryRun(cmd: string, args: readonly string[]): boolean {
  try {
    run(cmd, args);
    return true;
  } catch {
    return false;
  }
}

export function which(tool: string): string | null {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin']) {
    try {
      execFileSync('test', ['-x', `${dir}/${tool}`]);
      return `${dir}/${tool}`;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * Ends a child spawned with `detached: true` (its own process group) and everything it started: SIGTERM,
 * then SIGKILL after 3 s. Resolves when it has exited (or at the SIGKILL).
 */
export function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return done();
    child.once('exit', () => done());
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return done();
    }
    setTimeout(() => {
      killGroupNow(child);
      done();
    }, 3_000).unref();
  });
}

/** SIGKILL to a detached child's process group, synchronously: for process 'exit' handlers. */
export function killGroupNow(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
