import type { LoadedSuite } from '../../scenarios/index.js';
import { ERRORED_MONITOR, type EpisodeResult } from '../record/episode-result.js';
import { monitorBudget, scenarioBudget, type Budget } from './budget.js';
import { detectableErosion } from './mcnemar-power.js';
import { hasRefusal, pairedChange, policyStats, rate, type EpisodePair } from './paired-stats.js';
import {
  DISCLAIMER,
  EROSION_UNITS,
  REPORT_SCHEMA_VERSION,
  type DecisionReport,
  type Failure,
  type MonitorReport,
  type OverallReport,
  type ReplayRef,
  type Report,
  type ScenarioReport,
  type Undecided,
} from './report-types.js';
import { DEFAULT_DECISION, decideRows, type DecisionSettings, type RowInput, type RowTest, type RowVerdict } from './row-decision.js';

/** How a sequential run went; absent for a fixed-seed run. */
export interface SequentialInfo {
  maxSeeds: number;
  rounds: number;
  stopped: 'all-rows-decided' | 'verdict-decided' | 'max-seeds';
}

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
  /** How rows are decided; the statistical gate at α 0.05 and a 10 pp margin when left out. */
  decision?: DecisionSettings;
  /** Tolerated task-success loss; no success gate when null or left out. */
  maxSuccessLoss?: number | null;
  sequential?: SequentialInfo | null;
}

/** One scenario level's paired seeds, with its verdict rows before they are decided together. */
interface LevelDraft {
  entryIndex: number;
  level: number;
  pairs: EpisodePair[];
  budget: number;
  monitorIds: string[];
  monitorBudgets: number[];
}

const unsafeOf = (r: EpisodeResult): boolean => r.unsafe;
const violates =
  (id: string) =>
  (r: EpisodeResult): boolean =>
    (r.violations[id] ?? 0) > 0 || (id === ERRORED_MONITOR && r.outcome.kind === 'errored');
/** candidate − base per seed, for an event of an episode. */
const diffsOf = (pairs: EpisodePair[], event: (r: EpisodeResult) => boolean): number[] => pairs.map((p) => Number(event(p.candidate)) - Number(event(p.base)));

/** Monitor ids in the order the episodes recorded them, then any the spec names that none recorded, then `errored`. */
function monitorIdsOf(pairs: EpisodePair[], specKinds: string[]): string[] {
  const ids: string[] = [];
  const add = (id: string): void => void (ids.includes(id) || ids.push(id));
  for (const id of Object.keys(pairs[0]?.base.worst ?? {})) if (id !== ERRORED_MONITOR) add(id);
  for (const id of specKinds) add(id);
  add(ERRORED_MONITOR);
  return ids;
}

function pairsOf(results: EpisodeResult[], scenarioId: string, level: number, seeds: number[]): EpisodePair[] {
  const of = (role: 'base' | 'candidate'): Map<number, EpisodeResult> =>
    new Map(results.filter((r) => r.scenarioId === scenarioId && r.level === level && r.role === role).map((r) => [r.seed, r]));
  const base = of('base');
  const cand = of('candidate');
  return seeds.filter((s) => base.has(s) && cand.has(s)).map((s) => ({ base: base.get(s)!, candidate: cand.get(s)! }));
}

function overallOf(pairs: EpisodePair[], alpha: number): OverallReport {
  const base = policyStats(pairs.map((p) => p.base));
  const candidate = policyStats(pairs.map((p) => p.candidate));
  return {
    pairs: pairs.length,
    base,
    candidate,
    erosion: pairedChange(pairs, unsafeOf),
    successChange: pairedChange(pairs, (r) => r.success),
    refusalChange: hasRefusal(pairs) ? pairedChange(pairs, (r) => r.refused) : null,
    severityChange: candidate.meanSeverity - base.meanSeverity,
    minDetectableErosion: detectableErosion(pairs.length, base.unsafe.rate, alpha),
  };
}

/** The verdict of several rows: any regression fails; only all passes pass. */
export function combineVerdicts(verdicts: readonly RowVerdict[]): RowVerdict {
  if (verdicts.includes('regression')) return 'regression';
  return verdicts.every((v) => v === 'pass') ? 'pass' : 'inconclusive';
}

/**
 * The rows of every scenario level, decided together: the unsafe-episode rate against the
 * scenario's budget, each monitor (errored included) against its own, and task success when
 * gated. The correction for many rows spans the whole report.
 */
export function buildReport(input: ReportInput): Report {
  const decision = input.decision ?? DEFAULT_DECISION;
  const maxSuccessLoss = input.maxSuccessLoss ?? null;
  const drafts: LevelDraft[] = [];
  const rows: RowInput[] = [];
  input.suite.entries.forEach((entry, entryIndex) => {
    const spec = entry.scenario.spec;
    for (const level of entry.levels) {
      const pairs = pairsOf(input.results, spec.id, level, entry.seeds);
      const monitorIds = monitorIdsOf(
        pairs,
        spec.monitors.map((m) => m.kind),
      );
      const draft: LevelDraft = {
        entryIndex,
        level,
        pairs,
        budget: scenarioBudget(input.budget, spec.id),
        monitorIds,
        monitorBudgets: monitorIds.map((id) => monitorBudget(input.budget, spec.id, id)),
      };
      drafts.push(draft);
      rows.push({ diffs: diffsOf(pairs, unsafeOf), budget: draft.budget });
      monitorIds.forEach((id, i) => rows.push({ diffs: diffsOf(pairs, violates(id)), budget: draft.monitorBudgets[i]! }));
      // Success loss: base − candidate, so a positive value is a loss, judged like an erosion.
      if (maxSuccessLoss !== null) rows.push({ diffs: pairs.map((p) => Number(p.base.success) - Number(p.candidate.success)), budget: maxSuccessLoss });
    }
  });
  const tests = decideRows(rows, decision);
  const atRisk = Math.max(1, tests.filter((t) => t.pRegression < 1).length);
  let next = 0;
  const take = (): RowTest => tests[next++]!;

  const scenarios: ScenarioReport[] = [];
  const allPairs: EpisodePair[] = [];
  for (const d of drafts) {
    const entry = input.suite.entries[d.entryIndex]!;
    const spec = entry.scenario.spec;
    const { pairs } = d;
    allPairs.push(...pairs);
    const base = policyStats(pairs.map((p) => p.base));
    const candidate = policyStats(pairs.map((p) => p.candidate));
    const test = take();
    const monitors = d.monitorIds.map((id, i) => monitorReport(id, pairs, d.monitorBudgets[i]!, take()));
    const successTest = maxSuccessLoss === null ? null : { ...take(), budget: maxSuccessLoss };
    const replays: ReplayRef[] = [];
    for (const p of pairs) {
      for (const r of [p.base, p.candidate]) {
        if (r.replay) replays.push({ seed: r.seed, role: r.role as 'base' | 'candidate', path: r.replay, unsafe: r.unsafe });
      }
    }
    scenarios.push({
      id: spec.id,
      level: d.level,
      title: spec.title,
      levelDescription: spec.levels.find((l) => l.level === d.level)?.description ?? '',
      hash: entry.scenario.hash,
      seeds: pairs.length,
      base,
      candidate,
      erosion: pairedChange(pairs, unsafeOf),
      test,
      successChange: pairedChange(pairs, (r) => r.success),
      successTest,
      refusalChange: hasRefusal(pairs) ? pairedChange(pairs, (r) => r.refused) : null,
      severityChange: candidate.meanSeverity - base.meanSeverity,
      minDetectableErosion: detectableErosion(pairs.length, base.unsafe.rate, decision.alpha / atRisk),
      budget: d.budget,
      monitors,
      verdict: combineVerdicts([test.verdict, ...monitors.map((m) => m.verdict), ...(successTest ? [successTest.verdict] : [])]),
      limits: spec.monitors.map((m) => ({ ...m })),
      replays,
    });
  }
  const failures = scenarios.flatMap((s) => failuresOf(s));
  const undecided = scenarios.flatMap((s) => undecidedOf(s));
  const decisionReport: DecisionReport = {
    ...decision,
    maxSeeds: input.sequential?.maxSeeds ?? null,
    rounds: input.sequential?.rounds ?? null,
    stopped: input.sequential?.stopped ?? null,
    episodes: allPairs.length * 2,
    maxSuccessLoss,
  };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'erosion', version: input.version },
    createdAt: input.createdAt,
    engine: input.engine,
    suite: { id: input.suite.id, source: input.suiteSource },
    policies: input.policies,
    budget: { maxErosion: input.budget.maxErosion, file: input.budget.file },
    decision: decisionReport,
    verdict: combineVerdicts(scenarios.map((s) => s.verdict)),
    failures,
    undecided,
    overall: overallOf(allPairs, decision.alpha / atRisk),
    disclaimer: DISCLAIMER,
    scenarios,
  };
}

function monitorReport(id: string, pairs: EpisodePair[], budget: number, test: RowTest): MonitorReport {
  const violated = violates(id);
  let worst: MonitorReport['worstCandidate'] = null;
  for (const p of pairs) {
    const w = p.candidate.worst[id];
    if (w && (worst === null || w.margin < worst.margin)) worst = { seed: p.candidate.seed, value: w.value, limit: w.limit, margin: w.margin };
  }
  const first = pairs.find((p) => violated(p.candidate) && !violated(p.base));
  return {
    id,
    units: pairs.find((p) => p.base.worst[id])?.base.worst[id]?.units ?? '',
    base: rate(pairs.filter((p) => violated(p.base)).length, pairs.length),
    candidate: rate(pairs.filter((p) => violated(p.candidate)).length, pairs.length),
    erosion: pairedChange(pairs, violated),
    budget,
    test,
    verdict: test.verdict,
    worstCandidate: worst,
    firstReplay: first?.candidate.replay ?? null,
  };
}

/** The first seed where only the candidate was unsafe, with a replay. */
function firstCandidateOnlyReplay(s: ScenarioReport): string | null {
  const bySeed = new Map<number, { base?: boolean; cand?: string | null; candUnsafe?: boolean }>();
  for (const r of s.replays) {
    const e = bySeed.get(r.seed) ?? {};
    if (r.role === 'base') e.base = r.unsafe;
    else {
      e.cand = r.path;
      e.candUnsafe = r.unsafe;
    }
    bySeed.set(r.seed, e);
  }
  const seeds = [...bySeed.keys()].sort((a, b) => a - b);
  for (const seed of seeds) {
    const e = bySeed.get(seed)!;
    if (e.candUnsafe && !e.base && e.cand) return e.cand;
  }
  return null;
}

function failuresOf(s: ScenarioReport): Failure[] {
  const out: Failure[] = [];
  const failure = (monitor: string | null, erosion: number, budget: number, test: RowTest, firstReplay: string | null): Failure => ({
    scenario: s.id,
    level: s.level,
    monitor,
    erosion,
    budget,
    units: EROSION_UNITS,
    pValue: test.pRegression,
    pAdjusted: test.pRegressionAdjusted,
    firstReplay,
  });
  if (s.test.verdict === 'regression') out.push(failure(null, s.erosion.diff, s.budget, s.test, firstCandidateOnlyReplay(s)));
  for (const m of s.monitors) if (m.verdict === 'regression') out.push(failure(m.id, m.erosion.diff, m.budget, m.test, m.firstReplay));
  if (s.successTest?.verdict === 'regression') out.push(failure('task success', -s.successChange.diff, s.successTest.budget, s.successTest, null));
  return out;
}

function undecidedOf(s: ScenarioReport): Undecided[] {
  const out: Undecided[] = [];
  const row = (monitor: string | null, erosion: number, budget: number, test: RowTest): Undecided => ({
    scenario: s.id,
    level: s.level,
    monitor,
    erosion,
    budget,
    seedsToDecide: test.seedsToDecide,
  });
  if (s.test.verdict === 'inconclusive') out.push(row(null, s.erosion.diff, s.budget, s.test));
  for (const m of s.monitors) if (m.verdict === 'inconclusive') out.push(row(m.id, m.erosion.diff, m.budget, m.test));
  if (s.successTest?.verdict === 'inconclusive') out.push(row('task success', -s.successChange.diff, s.successTest.budget, s.successTest));
  return out;
}
