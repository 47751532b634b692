import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Policy } from '../../policies/policy.js';
import { loadSuite } from '../../scenarios/index.js';
import { engineVersions } from '../cli/engine-versions.js';
import { loadPolicy } from '../cli/load-policy.js';
import { loadBudget } from '../report/budget.js';
import type { EpisodeResult } from '../run/episode-result.js';
import type { PairTiming } from '../run/pair-worker.js';
import { runCompare } from '../run/run-compare.js';
import type { RunConfig } from '../run/run-config.js';
import { withSeedCount } from '../run/run-matrix.js';
import { RunStore } from '../run/run-store.js';
import { bareCostMs } from './bare-cost.js';
import type { BenchFigures, BenchOptions, BenchSection } from './bench-section.js';

async function tryLoad(ref: string, fallback: string, log: (l: string) => void): Promise<{ ref: string; policy: Policy }> {
  try {
    return { ref, policy: await loadPolicy(ref) };
  } catch (err) {
    log(`  ${ref} unavailable (${(err as Error).message.split('\n')[0]}); using ${fallback}`);
    return { ref: fallback, policy: await loadPolicy(fallback) };
  }
}

interface TimedRun {
  ms: number;
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
    const onTiming = (t: PairTiming): void => {
      episodesMs += t.episodesMs;
      replaysMs += t.replaysMs;
    };
    const results = await runCompare({ config, store, runId, outDir: dir, workers, onTiming });
    return { ms: performance.now() - started, results, episodesMs, replaysMs };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `compare` throughput on the default suite with 1 and 2 workers, against the bare cost of the
 * same physics steps and policy calls on one thread.
 */
export const compareBench: BenchSection = {
  name: 'compare',
  summary: 'episodes per minute, simulated seconds per wall second, overhead and worker speed-up',
  async run({ log, settings }: BenchOptions): Promise<BenchFigures> {
    const suite = withSeedCount(loadSuite(settings.suite ?? 'smoke'), settings.seeds ? Number(settings.seeds) : undefined);
    const base = await tryLoad(settings.base ?? 'nav-base', 'scripted/careful', log);
    const candidate = await tryLoad(settings.candidate ?? 'nav-candidate', 'scripted/reckless', log);
    const config: RunConfig = {
      suite,
      suiteSource: suite.id,
      base: { ref: base.ref, id: base.policy.info.id, sha256: base.policy.info.sha256 },
      candidate: { ref: candidate.ref, id: candidate.policy.info.id, sha256: candidate.policy.info.sha256 },
      engine: await engineVersions(),
      shard: null,
      budget: loadBudget(undefined, 0),
    };
    const figures: BenchFigures = { suite: suite.id, base: base.ref, candidate: candidate.ref };
    const runs: Record<number, TimedRun> = {};
    for (const workers of [1, 2]) {
      log(`  running ${suite.id} with ${workers} worker(s)…`);
      runs[workers] = await timedRun(config, workers);
    }
    const results = runs[1]!.results;
    const simSec = results.reduce((s, r) => s + r.simulatedSec, 0);
    log('  measuring the bare cost (physics steps + policy calls only, one thread)…');
    const bareMs = await bareCostMs(suite, results, { base: base.policy, candidate: candidate.policy });
    await base.policy.close();
    await candidate.policy.close();
    figures.episodes = results.length;
    figures.simulatedSec = Number(simSec.toFixed(1));
    for (const w of [1, 2]) {
      const ms = runs[w]!.ms;
      figures[`episodesPerMin@${w}`] = Number(((results.length / ms) * 60_000).toFixed(1));
      figures[`simSecPerWallSec@${w}`] = Number(((simSec / ms) * 1000).toFixed(2));
      figures[`wallSec@${w}`] = Number((ms / 1000).toFixed(1));
    }
    figures.bareWallSec = Number((bareMs / 1000).toFixed(1));
    figures['overhead@1 (×bare, aim ≤ 1.25)'] = Number((runs[1]!.ms / bareMs).toFixed(2));
    // Where the single-worker run's time went beyond the bare cost.
    const r1 = runs[1]!;
    figures['@1 episode loop (×bare)'] = Number((r1.episodesMs / bareMs).toFixed(2));
    figures['@1 replay writing (×bare)'] = Number((r1.replaysMs / bareMs).toFixed(2));
    figures['@1 startup, store, rest (×bare)'] = Number(((r1.ms - r1.episodesMs - r1.replaysMs) / bareMs).toFixed(2));
    figures['speedup 1→2 (aim ≥ 1.8)'] = Number((runs[1]!.ms / runs[2]!.ms).toFixed(2));
    return figures;
  },
};
