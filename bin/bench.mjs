#!/usr/bin/env node
// Launcher for `npm run bench`: registers the TypeScript loader, then runs the sections from source.
import { register } from 'tsx/esm/api';

register();
const { bench } = await import('./bench.ts');
process.exitCode = await bench(process.argv.slice(2));
