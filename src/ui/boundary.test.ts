import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Components read the store's model (src/ui/store.ts), not the engine: no component imports the monitor,
// the window or the poller, so a change in how the engine keeps its samples can't reach a component.
const UI = import.meta.dirname;

describe('the UI boundary', () => {
  const components = readdirSync(UI).filter((f) => f.endsWith('.tsx'));

  it('there are components to check', () => {
    expect(components.length).toBeGreaterThan(8);
  });

  it.each(components.map((f) => [f]))('%s imports nothing from the live engine', (file) => {
    const code = readFileSync(join(UI, file), 'utf8');
    const engine = [...code.matchAll(/^import (type )?[^;]*from '\.\.\/core\/live\/[^']+';/gm)];
    // A type is a model's shape (a Snapshot the store hands over); a value would be the engine itself.
    expect(engine.filter((m) => m[1] === undefined).map((m) => m[0])).toEqual([]);
    expect(code).not.toMatch(/\bstore\.monitor\b|\.window\.(thresholds|windowMs|count)\b/);
  });
});
