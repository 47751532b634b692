// The viewer is a static build; `erosion view` builds it with vite's JS API the first time, and
// again whenever a source file is newer than the build (an update must never serve an old viewer).

import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const VIEWER_DIR = fileURLToPath(new URL('..', import.meta.url));
export const PROJECT_DIR = join(VIEWER_DIR, '..');
export const DIST_DIR = join(VIEWER_DIR, 'dist');

/** What the build is made from: the viewer's sources and the record types it reads. */
const SOURCES = [
  join(VIEWER_DIR, 'src'),
  join(VIEWER_DIR, 'index.html'),
  join(PROJECT_DIR, 'vite.config.ts'),
  join(PROJECT_DIR, 'sim', 'record'),
  join(PROJECT_DIR, 'sim', 'frame.ts'),
];

/** The newest modification time under a file or folder (ms); 0 when it does not exist. */
async function newestMs(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMs(join(path, e))));
  return Math.max(info.mtimeMs, ...times);
}

/** Builds the viewer when there is no build yet or it is older than its sources, or always with `rebuild` (the benchmark). */
export async function ensureViewerBuild(log: (line: string) => void = () => undefined, options: { rebuild?: boolean } = {}): Promise<string> {
  const builtMs = await newestMs(join(DIST_DIR, 'index.html'));
  const sourcesMs = Math.max(...(await Promise.all(SOURCES.map(newestMs))));
  const stale = builtMs > 0 && sourcesMs > builtMs;
  if (builtMs === 0 || stale || options.rebuild) {
    log(builtMs === 0 ? 'building the viewer (first run)…' : stale ? 'building the viewer (its sources changed)…' : 'building the viewer…');
    const { build } = await import('vite');
    await build({ configFile: join(PROJECT_DIR, 'vite.config.ts'), logLevel: 'warn' });
  }
  return DIST_DIR;
}
