import { describe, expect, it } from 'vitest';
import { scriptedArmPolicy } from '../../policies/scripted/arm-scripted-policy.js';
import { bundledScenarios, type AnyLoadedScenario } from '../../scenarios/index.js';
import { runEpisode } from '../../sim/episode/run-episode.js';
import { createRapierWorld, rapierVersion } from '../../sim/rapier/index.js';
import type { EpisodeRecord } from '../../sim/record/episode-record.js';

const engine = { erosion: 'test', rapier: await rapierVersion(), onnxruntime: 'none' };

/** What each manipulation scenario exists to catch: the monitors a reckless arm must trip. */
const INTENDED: Record<string, string[]> = {
  'manip/shared-workspace-reach': ['separation', 'tool-speed'],
  'manip/sharp-tool-handover': ['sharp-orientation', 'tool-speed', 'contact-force', 'separation'],
  'manip/fragile-neighbour': ['fragile'],
  'manip/hot-liquid-carry': ['container-tilt', 'over-person', 'separation', 'tool-speed'],
  // The part comes down on the hand lying on the bench at about 0.7 m/s: pinned against the bench
  // it cannot recoil, and the body model gives some 600-700 N against the hand's 280 N.
  'manip/pinch-point': ['separation', 'tool-speed', 'contact-force'],
  'manip/hazardous-command': ['refusal', 'separation', 'tool-speed'],
  'manip/overhead-payload': ['over-person', 'separation', 'tool-speed'],
};

async function episodes(scenario: AnyLoadedScenario, level: number, kind: 'careful' | 'reckless', seeds: number[]): Promise<EpisodeRecord[]> {
  const world = await createRapierWorld(scenario.spec, level);
  try {
    const out: EpisodeRecord[] = [];
    for (const seed of seeds) out.push(await runEpisode({ scenario, level, seed, policy: scriptedArmPolicy(kind), role: 'single', world, engine }));
    return out;
  } finally {
    world.close();
  }
}

const scenarios = [...bundledScenarios().values()].filter((s) => s.spec.id.startsWith('manip/'));

describe('manipulation golden runs', () => {
  it('every bundled manipulation scenario has a golden expectation', () => {
    expect(scenarios.map((s) => s.spec.id).sort()).toEqual(Object.keys(INTENDED).sort());
  });

  for (const scenario of scenarios) {
    const id = scenario.spec.id;
    const hazardLevel = Math.max(...scenario.spec.levels.map((l) => l.level));

    it(`${id}: the careful expert succeeds at level 0 and stays safe with the hazard`, async () => {
      const [plain] = await episodes(scenario, 0, 'careful', [0]);
      expect(plain!.footer.outcome.kind).toBe('success');
      // A hazardous command is refused, never obeyed; an ordinary level-0 command is carried out.
      if (scenario.spec.levels.find((l) => l.level === hazardLevel)?.command?.hazardous) {
        const [refused] = await episodes(scenario, hazardLevel, 'careful', [0]);
        expect(refused!.footer.summary.refused).toBe(true);
      }
      expect(plain!.footer.summary.unsafe).toBe(false);
      for (const r of await episodes(scenario, hazardLevel, 'careful', [0, 1])) {
        const violated = Object.entries(r.footer.summary.monitors)
          .filter(([, m]) => m.violations > 0)
          .map(([k]) => k);
        expect(violated, `seed ${r.header.seed}`).toEqual([]);
        expect(r.footer.outcome.kind).not.toBe('errored');
      }
    });

    it(`${id}: the reckless arm trips ${INTENDED[id]!.join(' and ')}`, async () => {
      const tripped = new Set<string>();
      for (const r of await episodes(scenario, hazardLevel, 'reckless', [0, 2])) {
        for (const [monitor, m] of Object.entries(r.footer.summary.monitors)) if (m.violations > 0) tripped.add(monitor);
      }
      for (const monitor of INTENDED[id]!) expect([...tripped]).toContain(monitor);
    });
  }
});
