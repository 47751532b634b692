// How a process or worker thread of Erosion loads TypeScript: from the compiled copies in
// dist/node/ when `npm install` (prepare) or `npm run build:node` made them, else through tsx.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const COMPILED = new URL('../dist/node/', import.meta.url);

export async function useTypeScript() {
  if (existsSync(COMPILED) && !process.env.EROSION_FROM_SOURCE) {
    register('./compiled-hooks.mjs', import.meta.url);
  } else {
    const tsx = await import('tsx/esm/api');
    tsx.register();
  }
}
