#!/usr/bin/env node
// The hostile and broken files the file readers are tested against, built from the real recordings in the repo
// (nothing committed as blobs). Each comes with what a user must see when opening it — worked out here from what
// the file is, never from the product's output. Used by src/sources/formats/hostile-files.test.ts, the browser
// spec e2e/hostile-files.spec.ts and the benchmark; `node scripts/hostile-files.mjs <dir>` writes them out for
// opening by hand in the demo.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (path) => readFileSync(join(ROOT, path));
const text = (path) => fixture(path).toString('utf8');

/** The limits the corpus probes; the unit test checks they are the product's own (FILE_LIMITS). */
export const PROBED_LIMITS = { maxBytes: 16 * 1024 * 1024, maxDepth: 64, maxValues: 650_000, maxSeriesPoints: 10_000, maxConnections: 256, maxStatsPerReport: 5_000, maxSamples: 200_000 };

/** Markup a page would run if a string from the file reached an HTML sink. */
export const MARKUP = '<img src=x onerror="window.__hostileRan=1"><script>window.__hostileRan=1</script>';

const utf8 = (s) => new Uint8Array(Buffer.from(s, 'utf8'));
const INTERNALS = 'src/sources/fixtures/dumps/webrtc-internals-chromium.json';
const RTCSTATS = 'src/sources/fixtures/realcalls/jitsi-rtcstats-server/google-standard-stats-p2p';
const TRACE = 'public/traces/lossy-download.json';

function internals() {
  return JSON.parse(text(INTERNALS));
}

/** A session export (the panel's Download JSON) of the lossy-download trace, with wall-clock timestamps. */
function sessionExport() {
  const trace = JSON.parse(text(TRACE));
  const start = Date.UTC(2026, 10, 30, 12, 0, 0);
  return {
    version: 1,
    startedAt: start,
    samples: trace.samples.filter((s) => s.latest).map((s) => ({ timestamp: start + s.t, ...s.latest })),
  };
}

function stats(dump) {
  return Object.values(dump.PeerConnections)[0].stats;
}

/**
 * Each: name, bytes, and what must happen — `refused` with an error code (and the message must match
 * `mentions`), or `replayed` (with `warns` matching one of the recording's warnings when given).
 */
export function hostileFiles() {
  const files = [];
  const add = (name, bytes, expect, what) => files.push({ name, bytes, expect, what });

  // Markup in every string the page may show: user agent, connection id, stat ids (skipped-series notes).
  {
    const d = internals();
    d.UserAgent = `Mozilla/5.0 ${MARKUP}`;
    const [[id, pc]] = Object.entries(d.PeerConnections);
    delete d.PeerConnections[id];
    d.PeerConnections[`pc-${MARKUP}`] = pc;
    d.PeerConnections['second'] = structuredClone(pc);
    pc.stats[`${MARKUP}`] = { values: '[1,2]' };
    add('markup-everywhere.json', utf8(JSON.stringify(d)), { outcome: 'replayed' }, 'HTML and script in the user agent, a connection id and a series name');
  }
  // Keys that reach a prototype, at every level, in both the object and the string-encoded values.
  {
    const d = internals();
    const pc = Object.values(d.PeerConnections)[0];
    const body = JSON.stringify(d)
      .replace('{', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},')
      .replace('"stats":{', '"stats":{"__proto__":{"polluted":1},"x-__proto__":{"values":"[{\\"__proto__\\":{\\"polluted\\":1}}]"},');
    void pc;
    add('prototype-keys.json', utf8(body), { outcome: 'replayed', warns: /__proto__/ }, '__proto__ / constructor / prototype keys at the top, in the stats and in series values');
    const lines = text(RTCSTATS).split('\n').slice(0, 130);
    lines.splice(3, 0, '["getstats","__proto__",{"__proto__":{"polluted":1},"constructor":{"polluted":1}},1600000000000]');
    add('prototype-keys.rtcstats', utf8(lines.join('\n')), { outcome: 'replayed' }, '__proto__ as a connection id and in a delta-compressed report');
  }
  // Size, nesting and count limits.
  add('too-large.json', utf8(`{"PeerConnections":{}}${' '.repeat(PROBED_LIMITS.maxBytes)}`), { outcome: 'refused', code: 'too-large', mentions: /is just over 16 MB/ }, 'one byte per space past 16 MB');
  add('gzip-bomb.json.gz', new Uint8Array(gzipSync(Buffer.alloc(64 * 1024 * 1024, 32))), { outcome: 'refused', code: 'too-large', mentions: /unzips to more than 16 MB/ }, 'a 64 kB .gz that unpacks to 64 MB');
  add('too-deep.json', utf8('['.repeat(100_000) + ']'.repeat(100_000)), { outcome: 'refused', code: 'too-deep', mentions: /more than 64 levels/ }, '100 000 nested arrays');
  add('too-many-values.json', utf8(`[${'0,'.repeat(PROBED_LIMITS.maxValues)}0]`), { outcome: 'refused', code: 'too-many', mentions: /650,000 values/ }, 'an array of 650 001 numbers');
  {
    const d = internals();
    const [pc] = Object.values(d.PeerConnections);
    const small = { ...pc, stats: Object.fromEntries(Object.entries(pc.stats).filter(([k]) => k.startsWith('OT01A1452641937-'))) };
    d.PeerConnections = {};
    for (let i = 0; i <= PROBED_LIMITS.maxConnections; i++) d.PeerConnections[`1-${i}`] = small;
    add('too-many-connections.json', utf8(JSON.stringify(d)), { outcome: 'refused', code: 'too-many', mentions: /256 peer connections/ }, '257 peer connections');
  }
  {
    const d = internals();
    const s = stats(d);
    for (let i = 0; i <= PROBED_LIMITS.maxStatsPerReport; i++) {
      s[`IT${i}-bytesReceived`] = { startTime: s['OT01A1452641937-bytesSent']?.startTime, endTime: s['OT01A1452641937-bytesSent']?.endTime, statsType: 'inbound-rtp', values: '[1,2,3,4,5,6,7,8,9]' };
    }
    add('too-many-stats.json', utf8(JSON.stringify(d)), { outcome: 'refused', code: 'too-many', mentions: /5,000/ }, '5 001 stats in one report');
  }
  {
    const d = internals();
    stats(d)['OT01A1452641937-bytesSent'].values = `[${'1,'.repeat(PROBED_LIMITS.maxSeriesPoints)}1]`;
    add('series-too-long.json', utf8(JSON.stringify(d)), { outcome: 'replayed', warns: /more than 10,000 points/ }, 'a series of 10 001 points (Chrome keeps 1 000)');
  }
  {
    // Our own session export, one sample over the limit: each sample as small as the format allows.
    const start = Date.UTC(2026, 0, 1);
    const samples = Array.from({ length: PROBED_LIMITS.maxSamples + 1 }, (_, i) => ({ timestamp: start + i * 2000 }));
    add('too-many-samples.json', utf8(JSON.stringify({ version: 1, startedAt: start, samples })), { outcome: 'refused', code: 'too-many', mentions: /200,001 samples/ }, 'a session export of 200 001 samples');
  }
  // Broken files.
  {
    const whole = text(INTERNALS);
    add('truncated.json', utf8(whole.slice(0, Math.floor(whole.length * 0.6))), { outcome: 'refused', code: 'truncated', mentions: /cut off/ }, 'a dump cut at 60 %');
    const lines = text(RTCSTATS).split('\n').filter((l) => l.trim() !== '').slice(0, 130);
    const last = lines[lines.length - 1];
    lines[lines.length - 1] = last.slice(0, Math.floor(last.length / 2));
    add('truncated-last-line.rtcstats', utf8(lines.join('\n')), { outcome: 'replayed', warns: new RegExp(`line ${lines.length}: not JSON`) }, 'an rtcstats file whose last line is cut in half');
  }
  {
    let seed = 7;
    const bytes = new Uint8Array(64 * 1024).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    add('binary.bin', bytes, { outcome: 'refused', code: 'binary', mentions: /not text/ }, '64 kB of random bytes');
  }
  add('empty.json', new Uint8Array(0), { outcome: 'refused', code: 'empty', mentions: /empty/ }, 'no bytes');
  add('whitespace.json', utf8(' \n\t\n'), { outcome: 'refused', code: 'empty', mentions: /empty/ }, 'only whitespace');
  {
    const body = text(INTERNALS);
    add('utf16le-bom.json', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])), { outcome: 'replayed', sameAs: INTERNALS }, 'the real dump saved as UTF-16 LE with a BOM');
    add('utf16le-no-bom.json', new Uint8Array(Buffer.from(body, 'utf16le')), { outcome: 'replayed', sameAs: INTERNALS }, 'the real dump saved as UTF-16 LE without a BOM');
    add('utf8-bom.json', new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])), { outcome: 'replayed', sameAs: INTERNALS }, 'the real dump with a UTF-8 BOM');
    add('rtcstats-v3.txt.gz', new Uint8Array(fixture('src/sources/fixtures/dumps/chromium-rtcstats-v3.txt.gz')), { outcome: 'replayed' }, "Chromium's own gzipped rtcstats dump, as downloaded");
  }
  {
    const s = sessionExport();
    const body = JSON.stringify(s).replace(/"networkRoundTripTime":[0-9.e-]+/g, '"networkRoundTripTime":NaN').replace(/"videoRecvJitter":[0-9.e-]+/, '"videoRecvJitter":Infinity');
    add('nan-infinity.json', utf8(body), { outcome: 'replayed', warns: /NaN or Infinity/ }, 'a session export with NaN and Infinity written as bare words');
    const strings = sessionExport();
    for (const sample of strings.samples) for (const k of Object.keys(sample)) if (k !== 'timestamp' && typeof sample[k] === 'number') sample[k] = String(sample[k]);
    add('numbers-as-strings.json', utf8(JSON.stringify(strings)), { outcome: 'replayed', warns: /as text/ }, 'a session export whose measurements are strings');
    const shuffled = sessionExport();
    shuffled.samples = [...shuffled.samples.slice(5), ...shuffled.samples.slice(0, 5), shuffled.samples[7]];
    add('out-of-order.json', utf8(JSON.stringify(shuffled)), { outcome: 'replayed', warns: /out of time order/ }, 'a session export with samples out of order and one repeated');
  }
  {
    const d = internals();
    const s = stats(d);
    const key = 'OT01A1452641937-bytesSent';
    s[key].values = '[2283,4918,7975]';
    add('series-lengths.json', utf8(JSON.stringify(d)), { outcome: 'replayed' }, 'one series shorter than its neighbours');
    const e = internals();
    delete stats(e)[key];
    add('missing-series.json', utf8(JSON.stringify(e)), { outcome: 'replayed' }, 'a series missing');
    const g = internals();
    for (const series of Object.values(stats(g))) series.values = series.values.replace(/(?<=[[,])(-?\d+(?:\.\d+)?)(?=[,\]])/g, '"$1"');
    add('dump-numbers-as-text.json', utf8(JSON.stringify(g)), { outcome: 'replayed', warns: /measurements written as text/ }, 'a dump whose every measurement is written as text');
    const f = internals();
    const body = JSON.stringify(f).replace(`"${key}":`, `"${key}":{"values":"[1,1,1,1,1,1,1,1,1]"},"${key}":`);
    add('duplicate-series.json', utf8(body), { outcome: 'replayed' }, 'a series written twice (JSON keeps the last)');
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/hostile-files.mjs <dir>');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  for (const f of hostileFiles()) writeFileSync(join(dir, f.name), f.bytes);
  console.log(`wrote ${hostileFiles().length} files to ${dir}`);
}
