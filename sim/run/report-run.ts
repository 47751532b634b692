import { buildReport, type SequentialInfo } from '../report/build-report.js';
import type { Budget } from '../report/budget.js';
import type { Report } from '../report/report-types.js';
import { DEFAULT_DECISION } from '../report/row-decision.js';
import type { EpisodeResult } from '../record/episode-result.js';
import type { RunConfig } from './run-config.js';

/** The report of a run from its stored config and results; the same call for a run, a resume and a merge. */
export function reportOfRun(
  config: RunConfig,
  results: EpisodeResult[],
  createdAt: string,
  budget: Budget = config.budget,
  sequential: SequentialInfo | null = null,
): Report {
  return buildReport({
    suite: config.suite,
    suiteSource: config.suiteSource,
    results,
    policies: {
      base: { id: config.base.id, sha256: config.base.sha256 },
      candidate: { id: config.candidate.id, sha256: config.candidate.sha256 },
    },
    budget,
    version: config.engine.erosion,
    engine: { rapier: config.engine.rapier, onnxruntime: config.engine.onnxruntime },
    createdAt,
    decision: { ...DEFAULT_DECISION, ...config.decision, sequential: Boolean(config.sequential) },
    maxSuccessLoss: config.maxSuccessLoss ?? null,
    sequential,
  });
}
