import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { Policy } from '../../../policies/policy.js';
import { BUNDLED_SCENARIO_DIR, loadScenarioFile, loadSuite, paramSpace, validateAnyScenario } from '../../../scenarios/index.js';
import { plantedSpeedUpPolicy } from '../../../sim/bench/planted-speedup-policy.js';
import { loadPolicy } from '../../../policies/index.js';
import { HUNT_FILES, inProcessEvaluator, runHuntSession, SEARCH_NOT_SAMPLING, type HuntReport } from '../../../sim/hunt/index.js';
import { readEpisodeFile } from '../../../sim/record/index.js';
import { tempDir } from '../run/run-helpers.js';

// A real base (nav-base, ONNX) and a copy with a planted regression: it drives on at 1 m/s
// instead of yielding while a person crosses at 1.2-1.6 m/s. The hunt runs the real simulator on
// a crossing scenario cut to 8 s, with a budget of 12 episodes (six worlds, one generation).
const BAND = { minMps: 1.2, maxMps: 1.6, cruiseMps: 1.0 };
const engine = { erosion: 'test', rapier: 'r', onnxruntime: 'o' };

let dir: string;
let base: Policy;
let candidate: Policy;
let report: HuntReport;

beforeAll(async () => {
  dir = tempDir('erosion-hunt-');
  // The bundled file with a shorter episode, as a user's own scenario file.
  const doc = parseDocument(readFileSync(join(BUNDLED_SCENARIO_DIR, 'nav/crossing-pedestrian.yaml'), 'utf8'));
  doc.setIn(['episode', 'durationSec'], 8);
  doc.set('id', 'nav/crossing-short');
  writeFileSync(join(dir, 'crossing-short.yaml'), doc.toString());
  const scenario = loadScenarioFile(join(dir, 'crossing-short.yaml'));
  base = await loadPolicy('nav-base');
  candidate = plantedSpeedUpPolicy(await loadPolicy('nav-base'), BAND);
  report = await runHuntSession({
    targets: [{ scenario, level: 1 }],
    evaluatorFor: (t) => inProcessEvaluator({ scenario: t.scenario, level: t.level, seed: 0, base, candidate, engine }),
    policiesFor: () => ({ base, candidate }),
    baseLabel: 'nav-base',
    candidateLabel: 'nav-base+planted',
    engine,
    outDir: join(dir, 'out'),
    seed: 0,
    budgetEpisodes: 12,
    maxCounterexamples: 1,
    // Only the all-nominal try: nominal humanSpeedMps (1.05 m/s) is outside the band, so it fails.
    shrinkEpisodes: 2,
  });
}, 300_000);

afterAll(async () => {
  await base?.close();
  await candidate?.close();
});

describe('hunting a planted regression in the simulator', () => {
  it('finds a world where only the candidate is unsafe, with a person crossing inside the planted band', () => {
    const hunt = report.hunts[0]!;
    expect(hunt.counterexamples).toHaveLength(1);
    expect(hunt.episodesToFirstCounterexample).not.toBeNull();
    expect(hunt.episodesToFirstCounterexample!).toBeLessThanOrEqual(12);
    const ce = hunt.counterexamples[0]!;
    expect(ce.found.candidate.unsafe).toBe(true);
    expect(ce.found.base.unsafe).toBe(false);
    // The tracker sees the crossing speed across the robot's heading; the walking speed is within a few cm/s of it.
    expect(ce.found.params.humanSpeedMps).toBeGreaterThan(BAND.minMps - 0.1);
    expect(ce.found.params.humanSpeedMps).toBeLessThan(BAND.maxMps + 0.1);
    expect(ce.shrinking.find((s) => s.name === 'humanSpeedMps')!.result).not.toBe('to-nominal');
  });

  it('writes the counterexample as a valid scenario file with every parameter pinned, which reproduces it, with both replays', async () => {
    const out = join(dir, 'out');
    const ce = report.hunts[0]!.counterexamples[0]!;
    expect(ce.reproduced).toBe(true);
    const text = readFileSync(join(out, ce.scenarioFile), 'utf8');
    expect(text).toContain('Found by erosion hunt (search, not sampling)');
    const spec = validateAnyScenario(parseDocument(text).toJS(), ce.scenarioFile);
    expect(spec.id).toBe(ce.scenarioId);
    const space = paramSpace(spec);
    space.names.forEach((n, i) => {
      expect(space.lower[i]).toBe(space.upper[i]);
      expect(space.lower[i]).toBe(ce.shrunk.params[n]);
    });
    const candidateReplay = await readEpisodeFile(join(out, ce.replays.candidate));
    const baseReplay = await readEpisodeFile(join(out, ce.replays.base));
    expect(candidateReplay.footer.summary.unsafe).toBe(true);
    expect(baseReplay.footer.summary.unsafe).toBe(false);
    expect(candidateReplay.header.scenarioId).toBe(ce.scenarioId);
  });

  it('reports that counterexamples are searched for, not sampled, and lists them in a suite', () => {
    const out = join(dir, 'out');
    const json = JSON.parse(readFileSync(join(out, HUNT_FILES.report), 'utf8')) as HuntReport;
    expect(json.note).toBe(SEARCH_NOT_SAMPLING);
    expect(json.note).toMatch(/never mixed into the rates compare reports/);
    expect(existsSync(join(out, HUNT_FILES.suite))).toBe(true);
    const suite = loadSuite(join(out, HUNT_FILES.suite));
    expect(suite.entries.map((e) => e.scenario.spec.id)).toEqual([report.hunts[0]!.counterexamples[0]!.scenarioId]);
    expect(suite.entries[0]!.levels).toEqual([1]);
  });
});
