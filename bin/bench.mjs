#!/usr/bin/env node
// Launcher for `npm run bench`: loads TypeScript (compiled copies when present), then runs the sections.
import { useTypeScript } from './typescript-loader.mjs';

await useTypeScript();
const { bench } = await import('./bench.ts');
process.exitCode = await bench(process.argv.slice(2));
