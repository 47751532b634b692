import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { BUNDLED_SCENARIO_DIR } from '../../../scenarios/index.js';
import type { HuntReport } from '../../../sim/hunt/index.js';
import { cli, tempDir } from '../run/run-helpers.js';

// The command end to end on the compare worker pool: scripted careful (base) against scripted
// reckless (candidate) on a crossing scenario cut to 6 s, which the reckless driver fails.
let dir: string;
let scenarioFile: string;

beforeAll(() => {
  dir = tempDir('erosion-hunt-cli-');
  const doc = parseDocument(readFileSync(join(BUNDLED_SCENARIO_DIR, 'nav/crossing-pedestrian.yaml'), 'utf8'));
  doc.setIn(['episode', 'durationSec'], 6);
  doc.set('id', 'nav/crossing-six');
  scenarioFile = join(dir, 'crossing-six.yaml');
  writeFileSync(scenarioFile, doc.toString());
});

describe('erosion hunt', () => {
  it('exits 1 with a counterexample file and replays when the candidate is unsafe where the base is not', async () => {
    const out = join(dir, 'found');
    const { code, out: text } = await cli(
      'hunt',
      '--scenario',
      scenarioFile,
      '--base',
      'scripted/careful',
      '--candidate',
      'scripted/reckless',
      '--budget',
      '4',
      '--workers',
      '2',
      '--shrink-budget',
      '0',
      '--max-counterexamples',
      '1',
      '--out',
      out,
    );
    expect(code).toBe(1);
    expect(text).toMatch(/found by search, not sampled/);
    const report = JSON.parse(readFileSync(join(out, 'hunt-report.json'), 'utf8')) as HuntReport;
    const ce = report.hunts[0]!.counterexamples[0]!;
    expect(report.hunts[0]!.searchEpisodes).toBeLessThanOrEqual(4);
    expect(ce.reproduced).toBe(true);
    expect(existsSync(join(out, ce.scenarioFile))).toBe(true);
    expect(existsSync(join(out, ce.replays.base))).toBe(true);
    expect(existsSync(join(out, ce.replays.candidate))).toBe(true);
    // The file is a scenario erosion accepts as it is.
    expect((await cli('validate', join(out, ce.scenarioFile))).code).toBe(0);
  }, 300_000);

  it('exits 0 when nothing separates the two policies within the budget', async () => {
    const { code, out: text } = await cli(
      'hunt',
      '--scenario',
      scenarioFile,
      '--base',
      'scripted/careful',
      '--candidate',
      'scripted/careful',
      '--budget',
      '2',
      '--workers',
      '1',
      '--out',
      join(dir, 'none'),
    );
    expect(code).toBe(0);
    expect(text).toMatch(/0 counterexample\(s\), none found/);
  }, 300_000);

  it('exits 2 on usage errors, saying what is wrong', async () => {
    expect((await cli('hunt')).err).toMatch(/--scenario or --suite is required/);
    const both = await cli('hunt', '--scenario', 'nav/crossing-pedestrian', '--suite', 'smoke');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/not both/);
    const level = await cli('hunt', '--scenario', 'nav/crossing-pedestrian', '--level', '7');
    expect(level.code).toBe(2);
    expect(level.err).toMatch(/has no level 7/);
    const budget = await cli('hunt', '--scenario', 'nav/crossing-pedestrian', '--budget', 'lots');
    expect(budget.code).toBe(2);
    expect(budget.err).toMatch(/--budget "lots"/);
    const unknown = await cli('hunt', '--scenario', 'nav/no-such-thing');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown scenario "nav\/no-such-thing"/);
  });
});
