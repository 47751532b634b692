// Module hooks that run the TypeScript sources from their compiled copies in dist/node/ (see
// bin/build.mjs). A module keeps its source's URL, so files found next to a module (scenarios,
// example policies, URDFs) are found as from source. A source newer than its copy, or one with
// no copy, is compiled here in memory: an edited checkout never runs stale code.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'node');
let esbuild;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    // Sources import each other as ./name.js; the file on disk is ./name.ts.
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.endsWith('.js') || !context.parentURL?.endsWith('.ts')) throw err;
    return next(specifier.slice(0, -3) + '.ts', context);
  }
}

export async function load(url, context, next) {
  // Sources import JSON schemas without an import attribute, as TypeScript's bundler mode allows.
  if (url.startsWith('file:') && url.endsWith('.json') && !context.importAttributes?.type) {
    return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const rel = relative(ROOT, path);
  if (rel.startsWith('..') || rel.split(sep).includes('node_modules')) return next(url, context);
  const compiled = join(OUT, rel.replace(/\.ts$/, '.js'));
  try {
    if (statSync(compiled).mtimeMs >= statSync(path).mtimeMs) {
      return { format: 'module', source: readFileSync(compiled, 'utf8'), shortCircuit: true };
    }
  } catch {
    // no compiled copy: compile below
  }
  esbuild ??= await import('esbuild');
  const { code } = await esbuild.transform(readFileSync(path, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: path,
    sourcemap: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
