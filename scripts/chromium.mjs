// Finds a Chromium for the browser tests, and installs one when there is none.
// Order: $CHROMIUM_PATH, Playwright's own download, the system's (/usr/bin/chromium and friends);
// then, if none: Debian's `chromium` package when we are root with apt-get, else Playwright's installer.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags every launch uses: the machines have no internet, so background services only make noise. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here.
  }
  return SYSTEM.find((p) => existsSync(p)) ?? null;
}

function run(cmd, args) {
  console.log(`[chromium] running: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export function ensureChromium() {
  const found = findChromium();
  if (found) {
    console.log(`[chromium] using ${found}`);
    return found;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  try {
    if (isRoot && hasApt) {
      console.log('[chromium] no Chromium found; installing Debian\'s chromium package');
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', 'chromium']);
    } else {
      console.log(`[chromium] no Chromium found and ${isRoot ? 'no apt-get' : 'not root'}; trying Playwright's installer`);
      run('npx', ['playwright', 'install', 'chromium']);
    }
  } catch (err) {
    console.error(`[chromium] install failed: ${err instanceof Error ? err.message : err}`);
  }
  const after = findChromium();
  if (!after) {
    console.error('[chromium] no Chromium available: set CHROMIUM_PATH to a Chromium/Chrome binary, or install the chromium package (as root on Debian: apt-get install chromium).');
    process.exit(1);
  }
  console.log(`[chromium] using ${after}`);
  return after;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
