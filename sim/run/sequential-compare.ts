import type { SequentialInfo } from '../report/build-report.js';
import type { Report } from '../report/report-types.js';
import type { EpisodeResult } from '../record/episode-result.js';
import { reportOfRun } from './report-run.js';
import { runCompare, startRunPool, type CompareOptions } from './run-compare.js';
import { nextSeedCount, type SequentialSettings } from './run-config.js';

/** A scenario level of the suite: the unit that gets more seeds until it is decided. */
const rowKey = (entry: number, level: number): string => `${entry}#${level}`;

export interface SequentialOutcome {
  results: EpisodeResult[];
  report: Report;
  info: SequentialInfo;
}

export interface RoundProgress {
  round: number;
  undecidedRows: number;
  rows: number;
  episodes: number;
}

/**
 * `compare --until-decided`: runs each scenario level's first seeds, decides what it can, and
 * gives only the undecided levels more seeds (see nextSeedCount), round after round, until the
 * run's verdict (or, with everyRow, every level) is decided or the levels reach maxSeeds. The tests are always-valid, so
 * looking after every round does not raise the false-alarm rate. Which pairs run depends only on
 * the stored results, so a resumed run repeats the same rounds and ends with the same report.
 */
export async function runSequentialCompare(opts: CompareOptions & { onRound?: (p: RoundProgress) => void }): Promise<SequentialOutcome> {
  const { config } = opts;
  const seq = config.sequential as SequentialSettings;
  const rows = config.suite.entries.flatMap((e, entry) => e.levels.map((level) => ({ entry, level, seeds: e.seeds })));
  const target = new Map(rows.map((r) => [rowKey(r.entry, r.level), Math.min(seq.firstSeeds[r.entry] ?? 1, seq.maxSeeds)]));
  const open = new Set(target.keys());
  // A scenario may appear in several entries (level 1 in one, level 0 in another): a result
  // belongs to the entry that lists its level. A suite never repeats a scenario level.
  const entryOf = new Map(rows.map((r) => [`${config.suite.entries[r.entry]!.scenario.spec.id}#${r.level}`, r.entry]));
  let round = 0;
  let results: EpisodeResult[] = [];
  let report: Report;
  let stopped: SequentialInfo['stopped'];
  // One pool for every round: workers load the policies and build their worlds once.
  const pool = await startRunPool(opts);
  try {
    for (;;) {
      round += 1;
      const allowed = new Map(rows.map((r) => [rowKey(r.entry, r.level), new Set(r.seeds.slice(0, target.get(rowKey(r.entry, r.level))))]));
      const inRound = (entry: number, level: number, seed: number): boolean => allowed.get(rowKey(entry, level))?.has(seed) ?? false;
      const episodes = [...allowed.values()].reduce((n, s) => n + s.size * 2, 0);
      opts.onRound?.({
        round,
        undecidedRows: open.size,
        rows: rows.length,
        episodes,
      });
      const all = await runCompare({
        ...opts,
        pool,
        only: (j) => inRound(j.entry, j.level, j.seed),
      });
      // Decisions use exactly each level's seeds so far, whatever else a killed round left stored.
      results = all.filter((r) => inRound(entryOf.get(`${r.scenarioId}#${r.level}`) ?? -1, r.level, r.seed));
      report = reportOfRun(config, results, '', config.budget);
      const leaning = new Set<string>();
      report.scenarios.forEach((s, i) => {
        const key = rowKey(rows[i]!.entry, rows[i]!.level);
        if (s.verdict !== 'inconclusive') open.delete(key);
        // Leaning: some row of the level has at least doubled its stake on "regression".
        const p = Math.min(s.test.pRegression, ...s.monitors.map((m) => m.test.pRegression));
        if (open.has(key) && p <= 0.5 && target.get(key)! < seq.maxSeeds) leaning.add(key);
      });
      const exhausted = [...open].every((k) => target.get(k)! >= seq.maxSeeds);
      if (open.size === 0) stopped = 'all-rows-decided';
      else if (report.verdict === 'regression' && !seq.everyRow) stopped = 'verdict-decided';
      else if (exhausted) stopped = 'max-seeds';
      else {
        for (const key of open) target.set(key, nextSeedCount(target.get(key)!, leaning.has(key), leaning.size > 0, seq.maxSeeds));
        continue;
      }
      break;
    }
  } finally {
    await pool.close();
  }
  return {
    results,
    report: report!,
    info: { maxSeeds: seq.maxSeeds, rounds: round, stopped },
  };
}
