// Real replays for the viewer tests, made by the real pipeline: `erosion run` of the careful and
// the reckless scripted policy on the same scenario and seed (the reckless one is unsafe), laid
// out as a run folder.

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
export const SCENARIO = 'nav/crossing-pedestrian';
export const SEED = 5;
export const REPLAY_DIR = 'replays/nav__crossing-pedestrian/level-1';

function runEpisode(policy: string, out: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bin/erosion.mjs', 'run', '--scenario', SCENARIO, '--policy', policy, '--seed', String(SEED), '--level', '1', '--out', out], {
      cwd: PROJECT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    // Exit 1 means "the episode was unsafe", which is what the reckless run is for.
    child.on('exit', (code) => (code === 0 || code === 1 ? done(code) : fail(new Error(`erosion run ${policy} exited ${code}: ${err}`))));
  });
}

/** A run folder holding seed-5 replays of both policies; returns its path. */
export async function makeRunFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'erosion-viewer-run-'));
  await mkdir(join(root, REPLAY_DIR), { recursive: true });
  const [base, candidate] = await Promise.all([
    runEpisode('scripted/careful', join(root, REPLAY_DIR, `seed-${SEED}-base.mcap`)),
    runEpisode('scripted/reckless', join(root, REPLAY_DIR, `seed-${SEED}-candidate.mcap`)),
  ]);
  if (candidate !== 1) throw new Error(`the reckless run should be unsafe (exit 1), got exit ${candidate} (base ${base})`);
  return root;
}
