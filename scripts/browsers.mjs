// The test browsers: Chromium (Playwright drives it), Firefox ESR (puppeteer-core, over WebDriver BiDi) and
// WebKitGTK (its WebKitWebDriver, over classic WebDriver, on an Xvfb display). Each is found, and installed
// when missing and we can: Debian's packages when we are root with apt-get. `node scripts/browsers.mjs`
// makes sure all three are there and says what it found or installed.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright';

/** Flags every Chromium launch uses: the machines have no internet, so background services only make noise. */
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

/**
 * Preferences every Firefox launch uses: fake camera and microphone without a prompt, ICE over loopback
 * (Firefox skips 127.0.0.1 candidates otherwise), real host addresses instead of mDNS names (nothing here
 * resolves .local), autoplay without a gesture, and no calls home.
 */
export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

const BROWSERS = {
  chromium: {
    env: 'CHROMIUM_PATH',
    system: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
    debian: ['chromium'],
    own: () => chromium.executablePath(),
    // Off Debian, Playwright's own download is the fallback; for Firefox, Playwright's build is of no use
    // (it is a patched Firefox only Playwright can drive) and puppeteer-core downloads nothing.
    fallback: ['npx', ['playwright', 'install', 'chromium']],
  },
  firefox: {
    env: 'FIREFOX_PATH',
    system: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
    debian: ['firefox-esr'],
    own: () => null,
    fallback: null,
  },
  webkit: {
    env: 'WEBKIT_DRIVER_PATH',
    // The driver brings WebKitGTK's MiniBrowser; the GTK port has no headless mode, hence Xvfb.
    system: ['/usr/bin/WebKitWebDriver'],
    debian: ['webkit2gtk-driver', 'xvfb'],
    own: () => null,
    fallback: null,
    also: ['/usr/bin/Xvfb'],
  },
};

function find(name) {
  const b = BROWSERS[name];
  const fromEnv = process.env[b.env];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const own = b.own();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own here.
  }
  const found = b.system.find((p) => existsSync(p)) ?? null;
  return found && (b.also ?? []).every((p) => existsSync(p)) ? found : null;
}

export const findChromium = () => find('chromium');
export const findFirefox = () => find('firefox');
export const findWebKitDriver = () => find('webkit');

function run(name, cmd, args) {
  console.log(`[${name}] running: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** The browser's path, installing it first when missing and possible; null (with the reason printed) if not. */
function ensure(name) {
  const b = BROWSERS[name];
  const found = find(name);
  if (found) {
    console.log(`[${name}] using ${found}`);
    return found;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  try {
    if (isRoot && hasApt) {
      console.log(`[${name}] none found; installing Debian's ${b.debian.join(', ')}`);
      run(name, 'apt-get', ['update', '-qq']);
      run(name, 'apt-get', ['install', '-y', '-qq', ...b.debian]);
    } else if (b.fallback) {
      console.log(`[${name}] none found and ${isRoot ? 'no apt-get' : 'not root'}; trying ${b.fallback.flat().join(' ')}`);
      run(name, b.fallback[0], b.fallback[1]);
    }
  } catch (err) {
    console.error(`[${name}] install failed: ${err instanceof Error ? err.message : err}`);
  }
  const after = find(name);
  if (after) console.log(`[${name}] installed; using ${after}`);
  else console.error(`[${name}] not available: set ${b.env} to its binary, or install it (as root on Debian: apt-get install ${b.debian.join(' ')}).`);
  return after;
}

export function ensureChromium() {
  const path = ensure('chromium');
  if (!path) process.exit(1);
  return path;
}

/** Firefox's and WebKit's tests skip without them on a developer's machine, and fail under CI. */
export const ensureFirefox = () => ensure('firefox');
export const ensureWebKit = () => ensure('webkit');

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureChromium();
  const others = [ensureFirefox(), ensureWebKit()];
  if (others.includes(null) && process.env.CI) process.exit(1);
}
