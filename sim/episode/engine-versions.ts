import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onnxRuntimeVersion } from '../../policies/index.js';
import type { EngineVersions } from './run-episode.js';
import { rapierVersion } from '../rapier/index.js';

export function erosionVersion(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

export async function engineVersions(): Promise<EngineVersions> {
  return { erosion: erosionVersion(), rapier: await rapierVersion(), onnxruntime: onnxRuntimeVersion() };
}
