// After `tsc -p tsconfig.build.json`: makes the emitted declarations resolve under every moduleResolution a
// consumer may use. tsc copies our extensionless relative specifiers ('./core/window') into the .d.ts files;
// under `node16`/`nodenext` those don't resolve and the whole API silently becomes `any`. This rewrites each
// relative specifier to the file it means ('./core/window.js', or './dir/index.js' for a directory), drops
// side-effect CSS imports (`import './call-health.css'` — a type checker without Vite's types can't read it),
// and fails when a declaration still imports something a consumer may not have installed.
//
//   node scripts/fix-dts.mjs [dir]   (default dist/types)
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist/types');
if (!existsSync(root)) throw new Error(`fix-dts: ${root} not found (run tsc -p tsconfig.build.json first)`);

/** Packages a .d.ts may import: our peer dependencies that consumers of the typed entries have. */
const ALLOWED_BARE = [/^preact(\/|$)/, /^@preact\/signals(\/|$)/, /^react(\/|$)/, /^uplot(\/|$)/];

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.d.ts')) files.push(path);
  }
})(root);

// `import x from '…'`, `export … from '…'`, `import '…'`, `import('…')` (tsc writes the last with double quotes).
const SPECIFIER = /(\bfrom\s*|\bimport\s*|\bimport\s*\(\s*)(['"])([^'"\n]+)\2/g;
const CSS_SIDE_EFFECT = /^\s*import\s*(['"])[^'"\n]+\.css\1\s*;?[ \t]*\r?\n?/gm;

const problems = [];
let rewritten = 0;
let cssDropped = 0;
for (const file of files) {
  const before = readFileSync(file, 'utf8');
  let text = before.replace(CSS_SIDE_EFFECT, () => {
    cssDropped++;
    return '';
  });
  text = text.replace(SPECIFIER, (all, lead, quote, spec) => {
    const where = `${relative(root, file)}: '${spec}'`;
    if (!spec.startsWith('.')) {
      if (!ALLOWED_BARE.some((re) => re.test(spec))) problems.push(`${where} (a package consumers may not have)`);
      return all;
    }
    if (/\.(m?js|json)$/.test(spec)) return all;
    if (/\.css$/.test(spec)) {
      problems.push(`${where} (a CSS import that is not a side-effect import)`);
      return all;
    }
    const target = resolve(dirname(file), spec);
    let fixed;
    if (existsSync(`${target}.d.ts`)) fixed = `${spec}.js`;
    else if (existsSync(join(target, 'index.d.ts'))) fixed = `${spec.replace(/\/$/, '')}/index.js`;
    else {
      problems.push(`${where} (no declaration file for it)`);
      return all;
    }
    rewritten++;
    return `${lead}${quote}${fixed}${quote}`;
  });
  if (text !== before) writeFileSync(file, text);
}

if (problems.length) {
  console.error(`fix-dts: ${problems.length} specifier(s) a consumer could not resolve:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`[dts] ${files.length} declaration files: ${rewritten} relative specifiers given extensions, ${cssDropped} CSS imports removed`);
