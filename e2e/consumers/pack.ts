import { expect } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, timed } from './checks';
import { run, tail } from './commands';

/** `npm pack`s the package at `root` into `work`; returns the tarball's path. */
export async function packTarball(root: string, work: string): Promise<string> {
  // The tarball, from the library build `npm run build` (test:e2e) wrote.
  if (!existsSync(join(root, 'dist/call-health.js'))) {
    const built = await timed('build (dist was missing)', () => run('npm', ['run', 'build'], root, 300_000));
    expect(built.code, tail(built.out)).toBe(0);
  }
  const packed = await timed('npm pack', () => run('npm', ['pack', '--pack-destination', work, '--json', '--loglevel=error'], root, 120_000));
  expect(packed.code, tail(packed.out)).toBe(0);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
  expect(existsSync(tarball), `no tarball in ${work}: ${tail(packed.out)}`).toBe(true);
  // Every file package.json's exports point at is in the tarball (a dist/ half-rebuilt when packing shows here).
  const packedFiles = new Set((JSON.parse(packed.out.slice(packed.out.indexOf('['))) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports?: unknown };
  const targets = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') targets.add(v.replace(/^\.\//, ''));
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(manifest.exports);
  const missing = [...targets].filter((t) => !packedFiles.has(t));
  check('tarball', 'every exports target is packed', missing.length === 0, `missing: ${missing.join(', ')}`);
  return tarball;
}
