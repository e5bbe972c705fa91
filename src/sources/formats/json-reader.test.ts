import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { readJson, type JsonLimits } from './json-reader';
import { describeJsonFault } from './json-fault';
import { runToEnd } from './dumps/pacing';
import { FILE_LIMITS } from './file-limits';

const read = (text: string, limits: JsonLimits = FILE_LIMITS) => runToEnd(readJson(text, limits));
/** Longer than the length JSON.parse is trusted with, so the sliced reader itself is what runs. */
const padded = (json: string) => json + ' '.repeat(70 * 1024);

describe('the sliced JSON reader', () => {
  it('reads any JSON value as JSON.parse does (hostile keys aside), long or short', () => {
    const noHostile = fc.jsonValue().filter((v) => !/"(__proto__|constructor|prototype)"/.test(JSON.stringify(v)));
    fc.assert(
      fc.property(noHostile, (value) => {
        const json = JSON.stringify(value);
        for (const text of [json, padded(json)]) {
          const out = read(text);
          expect(out).toMatchObject({ ok: true });
          if (out.ok) expect(out.value).toEqual(JSON.parse(json));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads the real webrtc-internals dump exactly as JSON.parse does', () => {
    const text = readFileSync('src/sources/fixtures/dumps/webrtc-internals-chromium.json', 'utf8');
    expect(text.length).toBeGreaterThan(64 * 1024);
    const out = read(text);
    expect(out.ok && out.value).toEqual(JSON.parse(text));
  });

  it('yields while it reads a long document, so a driver can hand the page back', () => {
    const text = JSON.stringify(Array.from({ length: 50_000 }, (_, i) => ({ i })));
    const reading = readJson(text);
    let yields = 0;
    for (let step = reading.next(); !step.done; step = reading.next()) yields++;
    expect(yields).toBeGreaterThan(10);
  });

  it('drops keys that reach a prototype, at any depth, and counts them', () => {
    const json = '{"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"polluted":1}},"b":[{"prototype":1,"c":2}]}}';
    for (const text of [json, padded(json)]) {
      const out = read(text);
      expect(out).toEqual({ ok: true, value: { a: { b: [{ c: 2 }] } }, nonFinite: 0, hostileKeys: 4 });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads bare NaN and Infinity as missing values and counts them', () => {
    const out = read('{"a":NaN,"b":[Infinity,-Infinity,1]}');
    expect(out).toEqual({ ok: true, value: { a: null, b: [null, null, 1] }, nonFinite: 3, hostileKeys: 0 });
  });

  it('tells a cut-off document from a wrong one, and says where', () => {
    const cut = read('{"a":[1,2,{"b":"text');
    expect(cut).toEqual({ ok: false, fault: { kind: 'truncated', at: 20 } });
    expect(read('{"a":tru')).toMatchObject({ ok: false, fault: { kind: 'truncated' } });
    const wrong = read('{"a":1,\n "b":}');
    expect(wrong).toEqual({ ok: false, fault: { kind: 'syntax', at: 13 } });
    if (!wrong.ok) expect(describeJsonFault('{"a":1,\n "b":}', wrong.fault)).toBe('the file is not valid JSON: unexpected “}” at line 2, column 6');
    expect(read('[1]\n[2]')).toMatchObject({ ok: false, fault: { kind: 'trailing', at: 4 } });
    expect(read(padded('["a\\x"]'))).toMatchObject({ ok: false, fault: { kind: 'syntax', at: 1 } });
  });

  it('refuses nesting and value counts past its limits, long or short', () => {
    const limits = { maxDepth: 3, maxValues: 5 };
    expect(read('[[[1]]]', limits)).toMatchObject({ ok: true });
    expect(read('[[[[1]]]]', limits)).toMatchObject({ ok: false, fault: { kind: 'too-deep', at: 3 } });
    expect(read(padded('[[[[1]]]]'), limits)).toMatchObject({ ok: false, fault: { kind: 'too-deep', at: 3 } });
    expect(read('[1,2,3,4]', limits)).toMatchObject({ ok: true });
    expect(read(padded('[1,2,3,4,5]'), limits)).toMatchObject({ ok: false, fault: { kind: 'too-many-values' } });
  });
});
