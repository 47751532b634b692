import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite, type LoadedSuite } from '../../scenarios/index.js';
import { engineVersions } from '../episode/engine-versions.js';
import { loadBudget } from '../report/budget.js';
import type { Report } from '../report/report-types.js';
import { DEFAULT_DECISION } from '../report/row-decision.js';
import { checkPolicySets } from '../run/policy-set.js';
import { reportOfRun } from '../run/report-run.js';
import { runJobs } from '../run/run-compare.js';
import type { RunConfig } from '../run/run-config.js';
import { matrixJobs, withSeedCount } from '../run/run-matrix.js';
import { RunStore } from '../run/run-store.js';
import { runSequentialCompare } from '../run/sequential-compare.js';
import type { BenchFigures, BenchOptions, BenchSection } from './bench-section.js';
import { PLANT, writeVerdictModels } from './planted-models.js';

/** Seed sets of the no-regression runs start this far apart, so no two share a seed. */
const SEED_SET_STRIDE = 10_000;

/** The suite's scenario levels with `count` seeds each from `firstSeed` on: the first round of a sequential run. */
function withSeeds(suite: LoadedSuite, firstSeed: number, count: number): LoadedSuite {
  const seeds = Array.from({ length: count }, (_, i) => firstSeed + i);
  return { ...suite, entries: suite.entries.map((e) => ({ ...e, seeds })) };
}

interface SequentialRun {
  report: Report;
  wallSec: number;
}

/**
 * One `compare --until-decided` as the command runs it (the same config, store and engine calls),
 * in a throw-away folder: `given` holds the first round's seeds, maxSeeds caps every row.
 */
async function untilDecided(
  given: LoadedSuite,
  baseRef: string,
  candidateRef: string,
  maxSeeds: number,
  workers: number,
  log: (l: string) => void,
): Promise<SequentialRun> {
  const suite = withSeedCount(given, maxSeeds);
  const checked = await checkPolicySets({ base: baseRef, candidate: candidateRef }, suite);
  const config: RunConfig = {
    suite,
    suiteSource: suite.id,
    base: { ref: baseRef, ...checked.base },
    candidate: { ref: candidateRef, ...checked.candidate },
    engine: await engineVersions(),
    shard: null,
    budget: loadBudget(undefined, undefined),
    decision: { ...DEFAULT_DECISION, sequential: true },
    maxSuccessLoss: null,
    sequential: { maxSeeds, firstSeeds: given.entries.map((e) => Math.min(e.seeds.length, maxSeeds)), everyRow: false },
  };
  const dir = mkdtempSync(join(tmpdir(), 'erosion-verdict-bench-'));
  const store = RunStore.open(dir);
  try {
    const runId = store.createRun(config, 'bench', runJobs(config).length);
    const started = performance.now();
    const outcome = await runSequentialCompare({
      config,
      store,
      runId,
      outDir: dir,
      workers,
      onRound: (p) => log(`    round ${p.round}: ${p.undecidedRows}/${p.rows} levels undecided, ${p.episodes} episodes so far`),
    });
    const wallSec = (performance.now() - started) / 1000;
    return { report: reportOfRun(config, outcome.results, 'bench', config.budget, outcome.info), wallSec };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "pass 14, inconclusive 2": the scenario levels' verdicts. */
function levelVerdicts(report: Report): string {
  const counts = new Map<string, number>();
  for (const s of report.scenarios) counts.set(s.verdict, (counts.get(s.verdict) ?? 0) + 1);
  return ['pass', 'inconclusive', 'regression'].map((v) => `${v} ${counts.get(v) ?? 0}`).join(', ');
}

/**
 * The verdict's error rates in practice, on the `nav` suite with `compare --until-decided`:
 * nav-base against a byte-identical copy and a 1%-weight-perturbed clone over several seed sets
 * (a regression there is a false alarm), then against a planted regression that speeds up near
 * people, with the episodes it took against the fixed suite's.
 * Settings: --workers (1), --seed-sets (3; 0 skips the copies), --seeds (20 first-round seeds per
 * level), --max-seeds (60, for the copies), --planted-max-seeds (140), --planted no (skip it).
 */
export const verdictBench: BenchSection = {
  name: 'verdict',
  summary: 'false alarms on copies of nav-base, and episodes --until-decided needs to catch a planted regression',
  async run({ log, settings }: BenchOptions): Promise<BenchFigures> {
    const count = (key: string, fallback: number, min = 1): number => {
      const n = Number(settings[key] ?? fallback);
      if (!Number.isInteger(n) || n < min) throw new Error(`verdict bench: --${key} must be a whole number ≥ ${min} (got "${settings[key]}")`);
      return n;
    };
    // Defaults sized to finish in tens of minutes on two cores: two seed sets per copy, and enough
    // seeds for a level where the copies never differ to pass (about 35). More with the settings.
    const workers = count('workers', 2);
    const seedSets = count('seed-sets', 2, 0);
    const firstSeeds = count('seeds', 12);
    const maxSeeds = count('max-seeds', 40);
    const plantedMaxSeeds = count('planted-max-seeds', 140);
    const nav = loadSuite('nav');
    const fixedEpisodes = matrixJobs(nav).length * 2;
    const dir = mkdtempSync(join(tmpdir(), 'erosion-verdict-models-'));
    const figures: BenchFigures = { suite: nav.id, 'fixed nav suite episodes': fixedEpisodes, workers };
    try {
      const models = writeVerdictModels(dir);
      let nullRuns = 0;
      let falseAlarms = 0;
      for (const [label, ref] of [
        ['identical', models.identical],
        ['perturbed', models.perturbed],
      ] as const) {
        for (let k = 0; k < seedSets; k++) {
          const first = k * SEED_SET_STRIDE;
          log(`  nav-base vs ${label}, seeds ${first}… (${firstSeeds} first, at most ${maxSeeds} per level)`);
          const run = await untilDecided(withSeeds(nav, first, firstSeeds), models.base, ref, maxSeeds, workers, log);
          nullRuns++;
          if (run.report.verdict === 'regression') falseAlarms++;
          const d = run.report.decision;
          figures[`${label} seeds ${first}+`] =
            `${run.report.verdict} (levels: ${levelVerdicts(run.report)}); ${d.episodes} episodes, ${d.rounds} rounds, stopped ${d.stopped}, ${run.wallSec.toFixed(0)} s`;
        }
      }
      if (nullRuns > 0) figures['regression on copies (must be 0)'] = `${falseAlarms} of ${nullRuns} runs`;

      if (settings.planted === 'no') return figures;
      log(`  nav-base vs planted regression (×${PLANT.factor} within ${PLANT.radiusM} m), ${firstSeeds} first seeds, at most ${plantedMaxSeeds} per level…`);
      const planted = await untilDecided(withSeeds(nav, 0, firstSeeds), models.base, models.planted, plantedMaxSeeds, workers, log);
      const d = planted.report.decision;
      const caught = planted.report.failures.map((f) => `${f.scenario}#${f.level}${f.monitor ? `:${f.monitor}` : ''}`);
      figures['planted verdict (want regression)'] = planted.report.verdict;
      figures['planted episodes'] = `${d.episodes} in ${d.rounds} rounds, stopped ${d.stopped}, ${planted.wallSec.toFixed(0)} s`;
      figures['planted episodes / fixed nav suite'] = Number((d.episodes / fixedEpisodes).toFixed(3));
      figures['planted failures'] = caught.length > 0 ? caught.join(', ') : 'none';
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return figures;
  },
};
