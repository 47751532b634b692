// The viewer is a static build; `erosion view` builds it with vite's JS API the first time.

import { access } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const VIEWER_DIR = fileURLToPath(new URL('..', import.meta.url));
export const PROJECT_DIR = join(VIEWER_DIR, '..');
export const DIST_DIR = join(VIEWER_DIR, 'dist');

/** Builds the viewer when there is no build yet, or always with `rebuild` (the benchmark). */
export async function ensureViewerBuild(log: (line: string) => void = () => undefined, options: { rebuild?: boolean } = {}): Promise<string> {
  const index = join(DIST_DIR, 'index.html');
  const built = await access(index).then(() => true, () => false);
  if (!built || options.rebuild) {
    log(built ? 'building the viewer…' : 'building the viewer (first run)…');
    const { build } = await import('vite');
    await build({ configFile: join(PROJECT_DIR, 'vite.config.ts'), logLevel: 'warn' });
  }
  return DIST_DIR;
}
