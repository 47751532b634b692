import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuite } from '../../scenarios/index.js';
import { engineVersions } from '../episode/engine-versions.js';
import { loadBudget } from '../report/budget.js';
import type { EpisodeResult } from '../record/episode-result.js';
import type { PairTiming } from '../run/pair-worker.js';
import { runCompare } from '../run/run-compare.js';
import type { RunConfig } from '../run/run-config.js';
import { withSeedCount } from '../run/run-matrix.js';
import { RunStore } from '../run/run-store.js';
import { closePolicySet, defaultPolicyRef, loadPolicySet, suiteFamilies, type PolicySet } from '../run/policy-set.js';
import { bareCostMs } from './bare-cost.js';
import { cpuMs } from './cpu-clock.js';
import { parallelBareMs } from './machine-ceiling.js';
import { physicalFloor, type PhysicalFloor } from './physical-floor.js';
import type { BenchFigures, BenchOptions, BenchSection } from './bench-section.js';

/** A policy set by reference, or the scripted fallback where the bundled one cannot load. */
async function tryLoad(ref: string, fallback: string, log: (l: string) => void): Promise<{ ref: string; set: PolicySet }> {
  try {
    return { ref, set: await loadPolicySet(ref) };
  } catch (err) {
    log(`  ${ref} unavailable (${(err as Error).message.split('\n')[0]}); using ${fallback}`);
    return { ref: fallback, set: await loadPolicySet(fallback) };
  }
}

/** The run record's identity of a set (as compare computes it). */
function identity(set: PolicySet): { id: string; sha256: string } {
  const members = [...set.values()];
  return { id: members.map((p) => p.info.id).join('+'), sha256: members.map((p) => p.info.sha256).join('+') };
}

interface TimedRun {
  ms: number;
  /** CPU time of the whole process (main thread, workers and V8's helper threads) over the run. */
  cpuMs: number;
  results: EpisodeResult[];
  episodesMs: number;
  replaysMs: number;
}

async function timedRun(config: RunConfig, workers: number): Promise<TimedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'erosion-bench-'));
  const store = RunStore.open(dir);
  try {
    const runId = store.createRun(config, 'bench', 0);
    let episodesMs = 0;
    let replaysMs = 0;
    const started = performance.now();
    const cpuStarted = cpuMs();
    const onTiming = (t: PairTiming): void => {
      episodesMs += t.episodesMs;
      replaysMs += t.replaysMs;
    };
    const results = await runCompare({ config, store, runId, outDir: dir, workers, onTiming });
    return { ms: performance.now() - started, cpuMs: cpuMs() - cpuStarted, results, episodesMs, replaysMs };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Two seeds per level by default keep the section to a few minutes on two cores; --seeds 4 is the suite as shipped. */
const DEFAULT_SEEDS = 2;

const ratio = (a: number, b: number): number => Number((a / b).toFixed(2));

/**
 * `compare` throughput on the default suite with 1 and 2 workers, against the physical floor of
 * the same work (Rapier's own step plus the policy's compute), against the bare cost of the same
 * physics steps and policy calls on one thread, and against what a second core gives this
 * machine at all (--ceiling no skips that). The single-worker run, the bare cost and the floor
 * are each measured twice, interleaved, because the machine is shared.
 */
export const compareBench: BenchSection = {
  name: 'compare',
  summary: 'episodes per minute, simulated seconds per wall second, overhead and worker speed-up',
  async run({ log, settings }: BenchOptions): Promise<BenchFigures> {
    const suite = withSeedCount(loadSuite(settings.suite ?? 'smoke'), Number(settings.seeds ?? DEFAULT_SEEDS));
    const families = suiteFamilies(suite);
    const scripted = (careful: boolean): string =>
      families.map((f) => (f === 'arm' ? `scripted/arm-${careful ? 'careful' : 'reckless'}` : `scripted/${careful ? 'careful' : 'reckless'}`)).join(',');
    const base = await tryLoad(settings.base ?? defaultPolicyRef('base', families), scripted(true), log);
    const candidate = await tryLoad(settings.candidate ?? defaultPolicyRef('candidate', families), scripted(false), log);
    const config: RunConfig = {
      suite,
      suiteSource: suite.id,
      base: { ref: base.ref, ...identity(base.set) },
      candidate: { ref: candidate.ref, ...identity(candidate.set) },
      engine: await engineVersions(),
      shard: null,
      budget: loadBudget(undefined, 0),
    };
    const figures: BenchFigures = { suite: suite.id, base: base.ref, candidate: candidate.ref };
    const policies = { base: base.set, candidate: candidate.set };
    // The bare cost replays the step counts of the first single-worker run's episodes. Runs and
    // bare measures alternate, so a burst of load from other users of the machine hits both.
    const runs: Record<number, TimedRun> = {};
    log(`  running ${suite.id} with 1 worker(s)…`);
    runs[1] = await timedRun(config, 1);
    const results = runs[1].results;
    log('  measuring the bare cost (physics steps + policy calls only, one thread)…');
    const bareBefore = await bareCostMs(suite, results, policies);
    log("  measuring the physical floor (Rapier's own step + the policy's compute)…");
    const floorBefore = await physicalFloor(suite, results, policies);
    log(`  running ${suite.id} with 2 worker(s)…`);
    runs[2] = await timedRun(config, 2);
    log(`  running ${suite.id} with 2 worker(s), --replays none…`);
    const noReplays = await timedRun({ ...config, replays: 'none' }, 2);
    log(`  running ${suite.id} with 1 worker(s) again…`);
    const again = await timedRun(config, 1);
    log('  measuring the bare cost again…');
    const bareAfter = await bareCostMs(suite, results, policies);
    log('  measuring the physical floor again…');
    const floorAfter = await physicalFloor(suite, results, policies);
    await closePolicySet(base.set);
    await closePolicySet(candidate.set);
    const bareMs = (bareBefore + bareAfter) / 2;
    const simSec = results.reduce((sum, r) => sum + r.simulatedSec, 0);
    figures.episodes = results.length;
    figures.simulatedSec = Number(simSec.toFixed(1));
    // Both single-worker runs count: their mean against the mean bare cost.
    const one: TimedRun = {
      ms: (runs[1].ms + again.ms) / 2,
      cpuMs: (runs[1].cpuMs + again.cpuMs) / 2,
      results,
      episodesMs: (runs[1].episodesMs + again.episodesMs) / 2,
      replaysMs: (runs[1].replaysMs + again.replaysMs) / 2,
    };
    for (const [w, run] of [
      [1, one],
      [2, runs[2]],
    ] as const) {
      figures[`episodesPerMin@${w}`] = Number(((results.length / run.ms) * 60_000).toFixed(1));
      figures[`simSecPerWallSec@${w}`] = Number(((simSec / run.ms) * 1000).toFixed(2));
      figures[`wallSec@${w}`] = Number((run.ms / 1000).toFixed(1));
    }
    figures['wallSec@1 (each run)'] = `${(runs[1].ms / 1000).toFixed(1)}, ${(again.ms / 1000).toFixed(1)}`;
    figures.bareWallSec = Number((bareMs / 1000).toFixed(1));
    figures['bareWallSec (each measure)'] = `${(bareBefore / 1000).toFixed(1)}, ${(bareAfter / 1000).toFixed(1)}`;
    figures['overhead@1 (×bare)'] = Number((one.ms / bareMs).toFixed(2));
    figures['overhead@1 range (×bare)'] =
      `${(Math.min(runs[1].ms, again.ms) / Math.max(bareBefore, bareAfter)).toFixed(2)}–${(Math.max(runs[1].ms, again.ms) / Math.min(bareBefore, bareAfter)).toFixed(2)}`;
    // The physical floor: what the run cannot do without (engine steps and the models' compute).
    const floorMs = (floorBefore.totalMs + floorAfter.totalMs) / 2;
    const mean = (k: keyof PhysicalFloor): number => (floorBefore[k] + floorAfter[k]) / 2;
    figures.floorWallSec = Number((floorMs / 1000).toFixed(1));
    figures['floorWallSec (each measure)'] = `${(floorBefore.totalMs / 1000).toFixed(1)}, ${(floorAfter.totalMs / 1000).toFixed(1)}`;
    figures['floor: Rapier step s / policy compute ms'] =
      `${(mean('engineMs') / 1000).toFixed(1)} / ${mean('policyMs').toFixed(0)} (${floorBefore.policyCalls} calls)`;
    figures['all-in@1 (×floor, aim ≤ 1.25)'] = ratio(one.ms, floorMs);
    figures['all-in@1 range (×floor)'] =
      `${ratio(Math.min(runs[1].ms, again.ms), Math.max(floorBefore.totalMs, floorAfter.totalMs))}–${ratio(Math.max(runs[1].ms, again.ms), Math.min(floorBefore.totalMs, floorAfter.totalMs))}`;
    figures['bare (×floor)'] = ratio(bareMs, floorMs);
    // Where the single-worker runs' time went beyond the bare cost. Pairs run side by side in a
    // worker, so their episode times overlap and do not add up to wall time; replays are written
    // one pair at a time after the lockstep, so their time does.
    figures['@1 replay writing (×bare)'] = Number((one.replaysMs / bareMs).toFixed(2));
    figures['@1 everything but replays (×bare)'] = Number(((one.ms - one.replaysMs) / bareMs).toFixed(2));
    // A powered nav + manip suite: about 160 paired seeds per level, 15 levels, two episodes a pair.
    const poweredEpisodes = 4800;
    figures['powered suite (4,800 episodes) projected min @2 (aim ≤ 5)'] = Number(((poweredEpisodes / results.length) * (runs[2].ms / 60_000)).toFixed(1));
    figures['powered suite projected min @2, --replays none'] = Number(((poweredEpisodes / results.length) * (noReplays.ms / 60_000)).toFixed(1));
    const speedup = one.ms / runs[2].ms;
    figures['speedup 1→2 (aim ≥ 1.8)'] = Number(speedup.toFixed(2));
    // One worker is not one core: V8 collects garbage and compiles on helper threads, which take
    // the second core while it is idle. Two workers cannot gain more than the cores one left free.
    const coresAt1 = one.cpuMs / one.ms;
    figures['cores busy @1 / @2 (CPU time ÷ wall time)'] = `${coresAt1.toFixed(2)} / ${(runs[2].cpuMs / runs[2].ms).toFixed(2)}`;
    figures['speedup 1→2 per core gained (2 ÷ cores busy @1)'] = Number((speedup / (2 / coresAt1)).toFixed(2));
    if (settings.ceiling !== 'no') {
      // What two cores give this machine now: the bare loop on one worker thread, then on two at once.
      log('  measuring the machine ceiling (the bare loop on 1, then 2 threads at once)…');
      const shared = { suite, results, baseRef: base.ref, candidateRef: candidate.ref };
      const oneThread = await parallelBareMs(1, shared);
      const twoThreads = await parallelBareMs(2, shared);
      const ceiling = (2 * oneThread) / twoThreads;
      figures['machine ceiling 1→2 (bare ×2 work)'] = Number(ceiling.toFixed(2));
      figures['speedup / ceiling'] = Number((speedup / ceiling).toFixed(2));
    }
    return figures;
  },
};
