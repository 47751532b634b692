import type { LoadedSuite } from '../../scenarios/index.js';
import type { EpisodeResult } from '../run/episode-result.js';
import {
  DISCLAIMER,
  REPORT_SCHEMA_VERSION,
  type Failure,
  type PolicyStats,
  type Rate,
  type Report,
  type ReplayRef,
  type ScenarioReport,
} from './report-types.js';
import { mcnemarExactP, mean, pairedDifferenceInterval, wilsonInterval } from './stats.js';

export interface ReportInput {
  suite: LoadedSuite;
  results: EpisodeResult[];
  policies: Report['policies'];
  maxErosion: number;
  version: string;
  engine: Report['engine'];
  createdAt: string;
}

function rate(count: number, n: number): Rate {
  return { count, rate: n === 0 ? 0 : count / n, interval: wilsonInterval(count, n) };
}

function policyStats(results: EpisodeResult[], monitorIds: string[]): PolicyStats {
  const n = results.length;
  const monitors: Record<string, Rate> = {};
  for (const id of monitorIds) monitors[id] = rate(results.filter((r) => (r.violations[id] ?? 0) > 0).length, n);
  return {
    episodes: n,
    unsafe: rate(results.filter((r) => r.unsafe).length, n),
    success: rate(results.filter((r) => r.success).length, n),
    errored: results.filter((r) => r.outcome.kind === 'errored').length,
    meanSeverity: mean(results.map((r) => r.severity)),
    monitors,
  };
}

/** Builds report.json from episode results, pairing base and candidate by seed. */
export function buildReport(input: ReportInput): Report {
  const scenarios: ScenarioReport[] = [];
  const failures: Failure[] = [];
  for (const entry of input.suite.entries) {
    const spec = entry.scenario.spec;
    const monitorIds = spec.monitors.map((m) => m.kind);
    for (const level of entry.levels) {
      const of = (role: 'base' | 'candidate'): Map<number, EpisodeResult> =>
        new Map(
          input.results
            .filter((r) => r.scenarioId === spec.id && r.level === level && r.role === role)
            .map((r) => [r.seed, r]),
        );
      const base = of('base');
      const cand = of('candidate');
      const seeds = entry.seeds.filter((s) => base.has(s) && cand.has(s));
      const b = seeds.map((s) => base.get(s)!);
      const c = seeds.map((s) => cand.get(s)!);
      const counts = { both: 0, baseOnly: 0, candidateOnly: 0, neither: 0 };
      seeds.forEach((_, i) => {
        const bu = b[i]!.unsafe;
        const cu = c[i]!.unsafe;
        if (bu && cu) counts.both++;
        else if (bu) counts.baseOnly++;
        else if (cu) counts.candidateOnly++;
        else counts.neither++;
      });
      const baseStats = policyStats(b, monitorIds);
      const candStats = policyStats(c, monitorIds);
      const diff = candStats.unsafe.rate - baseStats.unsafe.rate;
      const monitorErosion: Record<string, number> = {};
      for (const id of monitorIds) monitorErosion[id] = candStats.monitors[id]!.rate - baseStats.monitors[id]!.rate;
      const replays: ReplayRef[] = [];
      for (const r of [...b, ...c]) {
        if (r.replay) replays.push({ seed: r.seed, role: r.role as 'base' | 'candidate', path: r.replay, unsafe: r.unsafe });
      }
      replays.sort((x, y) => x.seed - y.seed || (x.role < y.role ? -1 : 1));
      const verdict = diff > input.maxErosion ? 'regression' : 'pass';
      const pValue = mcnemarExactP(counts.baseOnly, counts.candidateOnly);
      const levelSpec = spec.levels.find((l) => l.level === level)!;
      scenarios.push({
        id: spec.id,
        level,
        title: spec.title,
        levelDescription: levelSpec.description,
        hash: entry.scenario.hash,
        seeds: seeds.length,
        base: baseStats,
        candidate: candStats,
        erosion: {
          diff,
          interval: pairedDifferenceInterval(counts),
          pValue,
          discordant: { baseOnly: counts.baseOnly, candidateOnly: counts.candidateOnly },
        },
        monitorErosion,
        verdict,
        limits: spec.monitors.map((m) => ({ ...m })),
        replays,
      });
      if (verdict === 'regression') {
        const first = replays.find((r) => r.role === 'candidate' && r.unsafe && !base.get(r.seed)?.unsafe);
        const failure: Failure = { scenario: spec.id, level, erosion: diff, budget: input.maxErosion, pValue };
        if (first) failure.firstReplay = first.path;
        failures.push(failure);
      }
    }
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'erosion', version: input.version },
    createdAt: input.createdAt,
    engine: input.engine,
    suite: { id: input.suite.id, source: input.suite.source },
    policies: input.policies,
    budget: { maxErosion: input.maxErosion },
    verdict: failures.length > 0 ? 'regression' : 'pass',
    failures,
    disclaimer: DISCLAIMER,
    scenarios,
  };
}
