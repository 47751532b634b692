import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Policy } from '../../policies/policy.js';
import type { AnyLoadedScenario } from '../../scenarios/index.js';
import type { EngineVersions } from '../episode/run-episode.js';
import { HUNT_REPORT_SCHEMA, huntEntryReport, SEARCH_NOT_SAMPLING, type HuntReport } from './hunt-report.js';
import type { PairEvaluator } from './pair-evaluator.js';
import { runHunt, type HuntProgress } from './run-hunt.js';
import { writeCounterexample, type WrittenCounterexample } from './write-counterexample.js';

export const HUNT_FILES = { report: 'hunt-report.json', suite: 'hunt-suite.yaml' } as const;

export interface HuntTarget {
  scenario: AnyLoadedScenario;
  level: number;
}

export interface HuntSessionOptions {
  targets: HuntTarget[];
  /** The evaluator for one target; closed by the session. */
  evaluatorFor: (target: HuntTarget) => PairEvaluator;
  /** The policies that replay a counterexample file (the same ones the evaluator runs). */
  policiesFor: (target: HuntTarget) => { base: Policy; candidate: Policy };
  baseLabel: string;
  candidateLabel: string;
  engine: EngineVersions;
  outDir: string;
  seed: number;
  budgetEpisodes: number;
  maxCounterexamples?: number;
  shrinkEpisodes?: number;
  onTargetStart?: (target: HuntTarget) => void;
  onProgress?: (target: HuntTarget, p: HuntProgress) => void;
}

/**
 * Hunts each scenario level in turn, writes every counterexample as a scenario file with both
 * replays, then the report (hunt-report.json) and a suite of the counterexample files
 * (hunt-suite.yaml) ready to run with compare or to copy into a regression corpus.
 */
export async function runHuntSession(opts: HuntSessionOptions): Promise<HuntReport> {
  mkdirSync(opts.outDir, { recursive: true });
  const report: HuntReport = { schema: HUNT_REPORT_SCHEMA, note: SEARCH_NOT_SAMPLING, base: opts.baseLabel, candidate: opts.candidateLabel, hunts: [] };
  for (const target of opts.targets) {
    opts.onTargetStart?.(target);
    const evaluator = opts.evaluatorFor(target);
    let result;
    try {
      result = await runHunt({
        evaluator,
        budgetEpisodes: opts.budgetEpisodes,
        searchSeed: opts.seed,
        ...(opts.maxCounterexamples !== undefined ? { maxCounterexamples: opts.maxCounterexamples } : {}),
        ...(opts.shrinkEpisodes !== undefined ? { shrinkEpisodes: opts.shrinkEpisodes } : {}),
        onProgress: (p) => opts.onProgress?.(target, p),
      });
    } finally {
      await evaluator.close();
    }
    const written: WrittenCounterexample[] = [];
    const { base, candidate } = opts.policiesFor(target);
    for (const c of result.counterexamples) {
      const header = [
        ` Found by erosion hunt (search, not sampling): ${opts.candidateLabel} violates a monitor here and ${opts.baseLabel} does not.`,
        ` From ${target.scenario.spec.id} level ${target.level}, episode seed ${opts.seed}; every parameter fixed (min = max).`,
        " A regression case for a suite; never part of compare's sampled rates.",
      ].join('\n');
      written.push(
        await writeCounterexample({
          scenario: target.scenario,
          vector: c.shrunk.vector,
          level: target.level,
          seed: opts.seed,
          base,
          candidate,
          engine: opts.engine,
          outDir: opts.outDir,
          header,
        }),
      );
    }
    report.hunts.push(huntEntryReport(result, written));
  }
  writeFileSync(join(opts.outDir, HUNT_FILES.report), `${JSON.stringify(report, null, 2)}\n`);
  const entries = report.hunts.flatMap((h) =>
    h.counterexamples.map((c) => ({ scenario: c.scenarioFile, levels: [h.level], seeds: 1, firstSeed: h.episodeSeed })),
  );
  if (entries.length > 0) {
    const suite = {
      id: 'hunt-counterexamples',
      description: `Counterexamples found by erosion hunt for ${opts.candidateLabel} against ${opts.baseLabel}.`,
      entries,
    };
    writeFileSync(join(opts.outDir, HUNT_FILES.suite), stringify(suite, { lineWidth: 0 }));
  }
  return report;
}
