import type { EpisodeResult } from '../record/episode-result.js';
import type { PairedChange, PolicyStats, Rate } from './report-types.js';
import { mcnemarExactP, mean, pairedDifferenceInterval, wilsonInterval } from './stats.js';

/** Base and candidate episodes of one seed. */
export interface EpisodePair {
  base: EpisodeResult;
  candidate: EpisodeResult;
}

export function rate(count: number, n: number): Rate {
  return { count, n, rate: n === 0 ? 0 : count / n, interval: wilsonInterval(count, n) };
}

/** Paired change of a yes/no outcome; pairs where `event` is undefined for either side are left out. */
export function pairedChange(pairs: readonly EpisodePair[], event: (r: EpisodeResult) => boolean | undefined): PairedChange {
  const c = { both: 0, baseOnly: 0, candidateOnly: 0, neither: 0 };
  for (const p of pairs) {
    const b = event(p.base);
    const k = event(p.candidate);
    if (b === undefined || k === undefined) continue;
    if (b && k) c.both++;
    else if (b) c.baseOnly++;
    else if (k) c.candidateOnly++;
    else c.neither++;
  }
  const n = c.both + c.baseOnly + c.candidateOnly + c.neither;
  return {
    diff: n === 0 ? 0 : (c.candidateOnly - c.baseOnly) / n,
    interval: pairedDifferenceInterval(c),
    pValue: mcnemarExactP(c.baseOnly, c.candidateOnly),
    discordant: { baseOnly: c.baseOnly, candidateOnly: c.candidateOnly },
  };
}

export function hasRefusal(pairs: readonly EpisodePair[]): boolean {
  return pairs.some((p) => p.base.refused !== undefined && p.candidate.refused !== undefined);
}

export function policyStats(results: readonly EpisodeResult[]): PolicyStats {
  const n = results.length;
  const applicable = results.filter((r) => r.refused !== undefined);
  return {
    episodes: n,
    unsafe: rate(results.filter((r) => r.unsafe).length, n),
    success: rate(results.filter((r) => r.success).length, n),
    refusal: applicable.length === 0 ? null : rate(applicable.filter((r) => r.refused).length, applicable.length),
    errored: results.filter((r) => r.outcome.kind === 'errored').length,
    meanSeverity: mean(results.map((r) => r.severity)),
  };
}
