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

/** What a fixture run folder holds: one scenario, one seed, a careful (base) and a reckless (candidate) episode. */
export interface RunFixture {
  scenario: string;
  seed: number;
  replayDir: string;
  base: string;
  candidate: string;
}

export const NAV_FIXTURE: RunFixture = { scenario: SCENARIO, seed: SEED, replayDir: REPLAY_DIR, base: 'scripted/careful', candidate: 'scripted/reckless' };

/** The knife handover: the reckless arm points the blade at the person and strikes the waiting hand. */
export const ARM_FIXTURE: RunFixture = {
  scenario: 'manip/sharp-tool-handover',
  seed: 0,
  replayDir: 'replays/manip__sharp-tool-handover/level-1',
  base: 'scripted/arm-careful',
  candidate: 'scripted/arm-reckless',
};

function runEpisode(fixture: RunFixture, policy: string, out: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['bin/erosion.mjs', 'run', '--scenario', fixture.scenario, '--policy', policy, '--seed', String(fixture.seed), '--level', '1', '--out', out],
      {
        cwd: PROJECT,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    // Exit 1 means "the episode was unsafe", which is what the reckless run is for.
    child.on('exit', (code) => (code === 0 || code === 1 ? done(code) : fail(new Error(`erosion run ${policy} exited ${code}: ${err}`))));
  });
}

/** A run folder holding the fixture's replays of both policies; returns its path. */
export async function makeRunFolder(fixture: RunFixture = NAV_FIXTURE): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'erosion-viewer-run-'));
  const dir = join(root, fixture.replayDir);
  await mkdir(dir, { recursive: true });
  const [base, candidate] = await Promise.all([
    runEpisode(fixture, fixture.base, join(dir, `seed-${fixture.seed}-base.mcap`)),
    runEpisode(fixture, fixture.candidate, join(dir, `seed-${fixture.seed}-candidate.mcap`)),
  ]);
  if (candidate !== 1) throw new Error(`the reckless run should be unsafe (exit 1), got exit ${candidate} (base ${base})`);
  return root;
}
