import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(ts|tsx|css|html)$/.test(name) ? [p] : [];
  });
}

// Spelled in pieces so this file does not match itself.
const SINKS = ['inner' + 'HTML', 'dangerously' + 'SetInnerHTML', 'outer' + 'HTML', 'insertAdjacent' + 'HTML', 'document.' + 'write', 'new ' + 'Function(', 'eval' + '('];

describe('no HTML sinks', () => {
  it('nothing in src/ or index.html writes HTML from strings or evaluates code', () => {
    const offenders: string[] = [];
    for (const file of [...filesUnder(join(ROOT, 'src')), join(ROOT, 'index.html')]) {
      const text = readFileSync(file, 'utf8');
      for (const sink of SINKS) if (text.includes(sink)) offenders.push(`${relative(ROOT, file)}: ${sink}`);
    }
    expect(offenders).toEqual([]);
  });
});
