import type { LoadedSuite } from '../../scenarios/index.js';

/** One seed of one scenario level: base and candidate run it back to back in one worker. */
export interface PairJob {
  /** Position in the full matrix; the key results are stored and ordered by. */
  index: number;
  entry: number;
  level: number;
  seed: number;
}

export interface Shard {
  index: number;
  count: number;
}

/** suite entries × levels × seeds, in suite order: the same list on every machine. */
export function matrixJobs(suite: LoadedSuite): PairJob[] {
  const jobs: PairJob[] = [];
  suite.entries.forEach((entry, e) => {
    for (const level of entry.levels) for (const seed of entry.seeds) jobs.push({ index: jobs.length, entry: e, level, seed });
  });
  return jobs;
}

/**
 * Shard i of n takes every n-th pair starting at i: slices are disjoint, cover the matrix, and
 * each gets its share of every scenario, so shards finish at about the same time.
 */
export function shardJobs(jobs: PairJob[], shard: Shard | null): PairJob[] {
  return shard === null ? jobs : jobs.filter((j) => j.index % shard.count === shard.index);
}

/** "i/n" with 0 ≤ i < n; null when the text is not one. */
export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index < count ? { index, count } : null;
}

/** A suite with every entry's seed count replaced, keeping each entry's first seed. */
export function withSeedCount(suite: LoadedSuite, seeds: number | undefined): LoadedSuite {
  if (seeds === undefined) return suite;
  return { ...suite, entries: suite.entries.map((e) => ({ ...e, seeds: Array.from({ length: seeds }, (_, i) => (e.seeds[0] ?? 0) + i) })) };
}
