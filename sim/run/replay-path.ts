import { join } from 'node:path';

/** Replay path inside the run folder, stable so links in reports keep working. */
export function replayPath(scenarioId: string, level: number, seed: number, role: string): string {
  return join('replays', scenarioId.replace(/\//g, '__'), `level-${level}`, `seed-${seed}-${role}.mcap`);
}
