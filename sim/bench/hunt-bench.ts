// `npm run bench -- --only hunt`: does searching find a narrow erosion sooner than sampling?
// A regression is planted in a copy of nav-base: it drives on instead of yielding only while
// a crossing person's speed across its heading lies in a narrow band. Hunt and random sampling
// (worlds drawn from consecutive seeds, as compare draws them) get the same episode budget on
// the same scenario, over several search seeds; the figure is episodes to the first
// counterexample. Counts of episodes, not wall time: the machine's load changes nothing here.

import type { Policy } from '../../policies/policy.js';
import { findAnyScenario, scenarioHash, type AnyLoadedScenario } from '../../scenarios/index.js';
import { engineVersions } from '../episode/engine-versions.js';
import { loadPolicy } from '../../policies/index.js';
import { inProcessEvaluator, runHunt, sampleUntilCounterexample } from '../hunt/index.js';
import type { BenchSection } from './bench-section.js';
import { plantedSpeedUpPolicy, type PlantedBand } from './planted-speedup-policy.js';

const SCENARIO = 'nav/crossing-pedestrian';

/** The bundled scenario cut to the part where robot and pedestrian meet, so each episode is short. */
export function shortenedScenario(id: string, durationSec: number): AnyLoadedScenario {
  const loaded = findAnyScenario(id);
  const spec = { ...loaded.spec, episode: { ...loaded.spec.episode, durationSec } };
  return { spec, hash: scenarioHash(spec), source: loaded.source };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const huntBench: BenchSection = {
  name: 'hunt',
  summary: 'episodes to the first counterexample of a planted narrow regression: hunt vs random sampling, same budget',
  async run({ log, settings }) {
    const budget = Number(settings['hunt-budget'] ?? 60);
    const seeds = Number(settings['hunt-seeds'] ?? 4);
    const durationSec = Number(settings['hunt-duration'] ?? 12);
    const band: PlantedBand = { minMps: Number(settings['band-min'] ?? 1.3), maxMps: Number(settings['band-max'] ?? 1.34), cruiseMps: 1.0 };
    const scenario = shortenedScenario(SCENARIO, durationSec);
    const engine = await engineVersions();
    const base: Policy = await loadPolicy('nav-base');
    const candidate = plantedSpeedUpPolicy(await loadPolicy('nav-base'), band);
    log(
      `  ${SCENARIO} level 1 cut to ${durationSec} s; candidate = nav-base driving on at ${band.cruiseMps} m/s while a person crosses at ${band.minMps}-${band.maxMps} m/s`,
    );
    log(`  (humanSpeedMps is drawn from 0.5-1.6 m/s, one of ${Object.keys(scenario.spec.params).length} parameters); budget ${budget} episodes per run`);
    log('  search seed | hunt: episodes to first | random sampling: episodes to first');
    const hunt: Array<number | undefined> = [];
    const random: Array<number | undefined> = [];
    try {
      for (let s = 1; s <= seeds; s++) {
        // Seed 0 of the worlds for both, so each method meets the same world for the same values.
        const evaluator = inProcessEvaluator({ scenario, level: 1, seed: 0, base, candidate, engine });
        const h = await runHunt({ evaluator, budgetEpisodes: budget, searchSeed: s, maxCounterexamples: 1, shrinkEpisodes: 0 });
        const r = await sampleUntilCounterexample(evaluator, budget, 1000 * s);
        hunt.push(h.episodesToFirst);
        random.push(r.episodesToFirst);
        const cell = (n: number | undefined): string => (n === undefined ? `not found in ${budget}` : String(n));
        log(`  ${String(s).padStart(11)} | ${cell(h.episodesToFirst).padStart(22)} | ${cell(r.episodesToFirst).padStart(30)}`);
      }
    } finally {
      await base.close();
      await candidate.close();
    }
    const found = (xs: Array<number | undefined>): number => xs.filter((x) => x !== undefined).length;
    // A run that found nothing counts as the whole budget plus one, so the median stays honest.
    const cost = (xs: Array<number | undefined>): number[] => xs.map((x) => x ?? budget + 1);
    return {
      'budget (episodes per run)': budget,
      'hunt: runs that found it': `${found(hunt)}/${seeds}`,
      'random sampling: runs that found it': `${found(random)}/${seeds}`,
      'hunt: median episodes to first': median(cost(hunt)),
      'random sampling: median episodes to first': median(cost(random)),
      'hunt/random: total episodes to first (unfound = budget+1)': (cost(hunt).reduce((a, b) => a + b, 0) / cost(random).reduce((a, b) => a + b, 0)).toFixed(2),
    };
  },
};
