import { execFileSync } from 'node:child_process';

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
