#!/usr/bin/env node
// Launcher: loads TypeScript (compiled copies when present), then runs the CLI.
import { useTypeScript } from './typescript-loader.mjs';

await useTypeScript();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
