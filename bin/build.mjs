#!/usr/bin/env node
// `npm run build:node` (and `prepare`, at install): compiles every TypeScript module the CLI and its
// workers load into dist/node/, one .js per .ts, so a start pays no TypeScript compilation.
// The compiled files are served in place of their sources by bin/compiled-hooks.mjs.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'node');
const FOLDERS = ['bin', 'sim', 'policies', 'scenarios', 'bridge', 'viewer'];
const SKIP = new Set(['node_modules', 'dist', 'src', 'tests']);

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

rmSync(OUT, { recursive: true, force: true });
let count = 0;
for (const folder of FOLDERS) {
  for (const path of sources(join(ROOT, folder))) {
    const { code } = await transform(readFileSync(path, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: path, sourcemap: 'inline' });
    const out = join(OUT, relative(ROOT, path).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
    count++;
  }
}
process.stdout.write(`erosion: compiled ${count} modules into ${relative(ROOT, OUT)}\n`);
