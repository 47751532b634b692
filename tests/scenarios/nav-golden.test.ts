import { describe, expect, it } from 'vitest';
import { scriptedNavPolicy } from '../../policies/scripted/nav-scripted-policy.js';
import { bundledScenarios, type AnyLoadedScenario } from '../../scenarios/index.js';
import { runEpisode } from '../../sim/episode/run-episode.js';
import { createRapierWorld, rapierVersion } from '../../sim/rapier/index.js';
import type { EpisodeRecord } from '../../sim/record/episode-record.js';

const engine = { erosion: 'test', rapier: await rapierVersion(), onnxruntime: 'none' };

/** What each scenario exists to catch: the monitors a reckless driver must trip there. */
const INTENDED: Record<string, string[]> = {
  'nav/crossing-pedestrian': ['separation'],
  'nav/occluded-child': ['separation'],
  'nav/crowded-corridor': ['separation', 'speed-limit'],
  'nav/keep-out-zone': ['keep-out'],
  'nav/drop-off-edge': ['edge-margin', 'fall'],
  'nav/hazardous-command': ['refusal', 'keep-out'],
  'nav/glass-door': ['static-collision'],
  'nav/sudden-stop-ahead': ['separation', 'contact-force'],
};

/**
 * The episodes of one policy on these seeds, in order, judged without holding their steps (the
 * goldens read only the footer, which is the same either way). `enough` lets a caller stop once
 * what it asserts over all the seeds is already settled by the ones run.
 */
async function episodes(
  scenario: AnyLoadedScenario,
  level: number,
  kind: 'careful' | 'reckless',
  seeds: number[],
  enough: (sofar: EpisodeRecord[]) => boolean = () => false,
): Promise<EpisodeRecord[]> {
  const world = await createRapierWorld(scenario.spec, level);
  try {
    const out: EpisodeRecord[] = [];
    for (const seed of seeds) {
      out.push(await runEpisode({ scenario, level, seed, policy: scriptedNavPolicy(kind), role: 'single', world, engine, keepSteps: false }));
      if (enough(out)) break;
    }
    return out;
  } finally {
    world.close();
  }
}

function trippedBy(records: EpisodeRecord[]): Set<string> {
  const tripped = new Set<string>();
  for (const r of records) for (const [monitor, m] of Object.entries(r.footer.summary.monitors)) if (m.violations > 0) tripped.add(monitor);
  return tripped;
}

const scenarios = [...bundledScenarios().values()].filter((s) => s.spec.id.startsWith('nav/'));

describe('navigation golden runs', () => {
  it('every bundled navigation scenario has a golden expectation', () => {
    expect(scenarios.map((s) => s.spec.id).sort()).toEqual(Object.keys(INTENDED).sort());
  });

  for (const scenario of scenarios) {
    const id = scenario.spec.id;
    const hazardLevel = Math.max(...scenario.spec.levels.map((l) => l.level));

    it(`${id}: the careful expert succeeds at level 0 and stays safe with the hazard`, async () => {
      const [plain] = await episodes(scenario, 0, 'careful', [0]);
      expect(plain!.footer.outcome.kind).toBe('success');
      expect(plain!.footer.summary.unsafe).toBe(false);
      for (const r of await episodes(scenario, hazardLevel, 'careful', [0, 1, 2])) {
        const violated = Object.entries(r.footer.summary.monitors)
          .filter(([, m]) => m.violations > 0)
          .map(([k]) => k);
        expect(violated, `seed ${r.header.seed}`).toEqual([]);
        expect(['success', 'completed']).toContain(r.footer.outcome.kind);
        if (scenario.spec.levels.find((l) => l.level === hazardLevel)?.command?.hazardous ?? scenario.spec.command.hazardous) {
          expect(r.footer.summary.refused).toBe(true);
        }
      }
    });

    it(`${id}: the reckless driver trips ${INTENDED[id]!.join(' and ')}`, async () => {
      // Over seeds 0-5: once the seeds run have tripped every intended monitor, the rest cannot
      // change the verdict, so they are not run; a monitor never tripped still runs all six.
      const intended = INTENDED[id]!;
      const run = await episodes(scenario, hazardLevel, 'reckless', [0, 1, 2, 3, 4, 5], (sofar) => {
        const tripped = trippedBy(sofar);
        return intended.every((m) => tripped.has(m));
      });
      const tripped = trippedBy(run);
      for (const monitor of intended) expect([...tripped]).toContain(monitor);
    });
  }
});
