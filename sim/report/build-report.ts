import type { LoadedSuite } from '../../scenarios/index.js';
import type { EpisodeResult } from '../run/episode-result.js';
import { monitorBudget, scenarioBudget, type Budget } from './budget.js';
import { hasRefusal, pairedChange, policyStats, rate, type EpisodePair } from './paired-stats.js';
import {
  DISCLAIMER,
  EROSION_UNITS,
  REPORT_SCHEMA_VERSION,
  type Failure,
  type MonitorReport,
  type OverallReport,
  type ReplayRef,
  type Report,
  type ScenarioReport,
} from './report-types.js';
import { holmAdjust, minDetectableErosion } from './stats.js';

export interface ReportInput {
  suite: LoadedSuite;
  /** Shown as the suite's source; given by the caller so a report does not depend on where it is built. */
  suiteSource: string;
  results: EpisodeResult[];
  policies: Report['policies'];
  budget: Budget;
  version: string;
  engine: Report['engine'];
  createdAt: string;
}

/** Monitor ids in the order the episodes recorded them; the spec's kinds when nothing ran. */
function monitorIdsOf(pairs: EpisodePair[], fallback: string[]): string[] {
  const first = pairs[0];
  return first ? Object.keys(first.base.worst) : fallback;
}

function monitorReport(id: string, pairs: EpisodePair[], budget: number): MonitorReport {
  const violated = (r: EpisodeResult): boolean => (r.violations[id] ?? 0) > 0;
  const erosion = pairedChange(pairs, violated);
  let worst: MonitorReport['worstCandidate'] = null;
  for (const p of pairs) {
    const w = p.candidate.worst[id];
    if (w && (worst === null || w.margin < worst.margin)) worst = { seed: p.candidate.seed, value: w.value, limit: w.limit, margin: w.margin };
  }
  const first = pairs.find((p) => violated(p.candidate) && !violated(p.base));
  return {
    id,
    units: pairs[0]?.base.worst[id]?.units ?? '',
    base: rate(pairs.filter((p) => violated(p.base)).length, pairs.length),
    candidate: rate(pairs.filter((p) => violated(p.candidate)).length, pairs.length),
    erosion,
    budget,
    verdict: erosion.diff > budget ? 'regression' : 'pass',
    worstCandidate: worst,
    firstReplay: first?.candidate.replay ?? null,
  };
}

function pairsOf(results: EpisodeResult[], scenarioId: string, level: number, seeds: number[]): EpisodePair[] {
  const of = (role: 'base' | 'candidate'): Map<number, EpisodeResult> =>
    new Map(results.filter((r) => r.scenarioId === scenarioId && r.level === level && r.role === role).map((r) => [r.seed, r]));
  const base = of('base');
  const cand = of('candidate');
  return seeds.filter((s) => base.has(s) && cand.has(s)).map((s) => ({ base: base.get(s)!, candidate: cand.get(s)! }));
}

function overallOf(pairs: EpisodePair[]): OverallReport {
  const base = policyStats(pairs.map((p) => p.base));
  const candidate = policyStats(pairs.map((p) => p.candidate));
  return {
    pairs: pairs.length,
    base,
    candidate,
    erosion: pairedChange(pairs, (r) => r.unsafe),
    successChange: pairedChange(pairs, (r) => r.success),
    refusalChange: hasRefusal(pairs) ? pairedChange(pairs, (r) => r.refused) : null,
    severityChange: candidate.meanSeverity - base.meanSeverity,
    minDetectableErosion: minDetectableErosion(pairs.length, base.unsafe.rate),
  };
}

/**
 * Builds report.json from episode results, pairing base and candidate by seed. The verdict is a
 * regression when the observed erosion of a scenario level, or of one of its monitors, exceeds
 * its budget; p-values and intervals say how much that observation can be trusted.
 */
export function buildReport(input: ReportInput): Report {
  const scenarios: ScenarioReport[] = [];
  const allPairs: EpisodePair[] = [];
  for (const entry of input.suite.entries) {
    const spec = entry.scenario.spec;
    for (const level of entry.levels) {
      const pairs = pairsOf(input.results, spec.id, level, entry.seeds);
      allPairs.push(...pairs);
      const base = policyStats(pairs.map((p) => p.base));
      const candidate = policyStats(pairs.map((p) => p.candidate));
      const budget = scenarioBudget(input.budget, spec.id);
      const erosion = pairedChange(pairs, (r) => r.unsafe);
      const monitors = monitorIdsOf(pairs, spec.monitors.map((m) => m.kind)).map((id) =>
        monitorReport(id, pairs, monitorBudget(input.budget, spec.id, id)),
      );
      const replays: ReplayRef[] = [];
      for (const p of pairs) {
        for (const r of [p.base, p.candidate]) {
          if (r.replay) replays.push({ seed: r.seed, role: r.role as 'base' | 'candidate', path: r.replay, unsafe: r.unsafe });
        }
      }
      const failed = erosion.diff > budget || monitors.some((m) => m.verdict === 'regression');
      scenarios.push({
        id: spec.id,
        level,
        title: spec.title,
        levelDescription: spec.levels.find((l) => l.level === level)?.description ?? '',
        hash: entry.scenario.hash,
        seeds: pairs.length,
        base,
        candidate,
        erosion: { ...erosion, pHolm: 1 },
        successChange: pairedChange(pairs, (r) => r.success),
        refusalChange: hasRefusal(pairs) ? pairedChange(pairs, (r) => r.refused) : null,
        severityChange: candidate.meanSeverity - base.meanSeverity,
        minDetectableErosion: minDetectableErosion(pairs.length, base.unsafe.rate),
        budget,
        monitors,
        verdict: failed ? 'regression' : 'pass',
        limits: spec.monitors.map((m) => ({ ...m })),
        replays,
      });
    }
  }
  // Every scenario level is its own test of the same question; Holm keeps the family-wise error at 5%.
  const adjusted = holmAdjust(scenarios.map((s) => s.erosion.pValue));
  scenarios.forEach((s, i) => (s.erosion.pHolm = adjusted[i]!));
  const failures = scenarios.flatMap((s) => failuresOf(s, input.results));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'erosion', version: input.version },
    createdAt: input.createdAt,
    engine: input.engine,
    suite: { id: input.suite.id, source: input.suiteSource },
    policies: input.policies,
    budget: { maxErosion: input.budget.maxErosion, file: input.budget.file },
    verdict: failures.length > 0 ? 'regression' : 'pass',
    failures,
    overall: overallOf(allPairs),
    disclaimer: DISCLAIMER,
    scenarios,
  };
}

function failuresOf(s: ScenarioReport, results: EpisodeResult[]): Failure[] {
  const out: Failure[] = [];
  if (s.erosion.diff > s.budget) {
    const first = results.find(
      (r) => r.scenarioId === s.id && r.level === s.level && r.role === 'candidate' && r.unsafe && r.replay &&
        !results.some((b) => b.role === 'base' && b.scenarioId === s.id && b.level === s.level && b.seed === r.seed && b.unsafe),
    );
    out.push({ scenario: s.id, level: s.level, monitor: null, erosion: s.erosion.diff, budget: s.budget, units: EROSION_UNITS, pValue: s.erosion.pValue, firstReplay: first?.replay ?? null });
  }
  for (const m of s.monitors) {
    if (m.verdict !== 'regression') continue;
    out.push({ scenario: s.id, level: s.level, monitor: m.id, erosion: m.erosion.diff, budget: m.budget, units: EROSION_UNITS, pValue: m.erosion.pValue, firstReplay: m.firstReplay });
  }
  return out;
}
