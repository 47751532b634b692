import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadBudget } from '../report/budget.js';
import { DEFAULT_DECISION } from '../report/row-decision.js';
import { DECISION_OPTIONS, DECISION_USAGE, exitCodeOf, parseDecisionOptions } from './decision-options.js';
import { formatReportTable } from '../report/terminal-table.js';
import { REPORT_FILES, writeReportFiles } from '../report/write-outputs.js';
import type { EpisodeResult } from '../record/episode-result.js';
import { runJobs } from '../run/run-compare.js';
import { matrixJobs } from '../run/run-matrix.js';
import { RunStore, RunStoreError, STORE_FILE, type StoredRun } from '../run/run-store.js';
import { reportOfRun } from '../run/report-run.js';
import type { CliCommand } from './cli-command.js';
import { numberOption, parseOptions } from './parse-options.js';
import { UsageError } from './usage-error.js';

const USAGE = `erosion merge <run-dir>... --out DIR [--max-erosion FRACTION] [--budget FILE]

  Combines the shards of one run (compare --shard I/N, each in its own folder) into the
  report the unsharded run gives: report.json, junit.xml, report.html, replays and erosion.db.
  Every shard must be complete and all must share the suite, seeds, policies and engines.
  --out          folder for the merged run
  --max-erosion  --budget  judge against another budget than the shards' own
${DECISION_USAGE}
Exit code: 0 pass, 1 regression, 2 usage or input error.`;

function readShard(dir: string): StoredRun {
  if (!existsSync(join(dir, STORE_FILE))) throw new RunStoreError(`${dir}: not a run folder (no ${STORE_FILE})`);
  const store = RunStore.open(dir);
  try {
    const run = store.latestRun();
    if (!run) throw new RunStoreError(`${dir}: holds no run`);
    if (run.status !== 'complete') throw new RunStoreError(`${dir}: the run is not finished; resume it with compare --resume --out ${dir}`);
    return run;
  } finally {
    store.close();
  }
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: 'combine the shards of a run into one report',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(
      'merge',
      args,
      { out: { type: 'string' }, 'max-erosion': { type: 'string' }, budget: { type: 'string' }, ...DECISION_OPTIONS },
      true,
    );
    if (positionals.length === 0) throw new UsageError('merge: give the run folders of the shards');
    if (values.out === undefined) throw new UsageError('merge: --out DIR is required');
    const maxErosion =
      values['max-erosion'] === undefined ? undefined : numberOption('merge', 'max-erosion', values['max-erosion'], 0, (n) => n >= 0 && n <= 1);
    const dirs = positionals.map((d) => resolve(d));
    const choice = parseDecisionOptions('merge', values);
    const runs = dirs.map(readShard);
    const first = runs[0]!;
    runs.forEach((r, i) => {
      if (r.config.sequential) {
        throw new RunStoreError(
          `${positionals[i]}: a --until-decided run; its rounds were decided from every scenario level at once, so it is complete on its own and is not merged`,
        );
      }
    });
    runs.forEach((r, i) => {
      if (r.fingerprint !== first.fingerprint)
        throw new RunStoreError(`${positionals[i]}: another suite, seed set, policy or engine than ${positionals[0]}; these runs cannot be merged`);
    });
    // Each pair must come from exactly one shard: overlapping or missing slices are refused.
    const owner = new Map<number, number>();
    runs.forEach((r, i) => {
      for (const job of runJobs(r.config)) {
        const had = owner.get(job.index);
        if (had !== undefined) throw new RunStoreError(`${positionals[i]} and ${positionals[had]} both ran pair ${job.index}; give each shard once`);
        owner.set(job.index, i);
      }
    });
    const total = matrixJobs(first.config.suite).length;
    if (owner.size !== total) throw new RunStoreError(`the shards cover ${owner.size} of ${total} pairs; a shard is missing`);

    const outDir = resolve(values.out);
    mkdirSync(outDir, { recursive: true });
    rmSync(join(outDir, 'replays'), { recursive: true, force: true });
    rmSync(join(outDir, STORE_FILE), { force: true });
    const results: Array<{ pair: number; results: EpisodeResult[] }> = [];
    dirs.forEach((dir, i) => {
      const store = RunStore.open(dir);
      try {
        for (const [pair, rs] of store.resultsByPair(runs[i]!.id)) results.push({ pair, results: rs });
      } finally {
        store.close();
      }
      if (existsSync(join(dir, 'replays'))) cpSync(join(dir, 'replays'), join(outDir, 'replays'), { recursive: true });
    });
    results.sort((a, b) => a.pair - b.pair);
    const config = {
      ...first.config,
      shard: null,
      budget: values.budget !== undefined || maxErosion !== undefined ? loadBudget(values.budget, maxErosion) : first.config.budget,
      decision: { ...DEFAULT_DECISION, ...first.config.decision, ...choice.decision },
      maxSuccessLoss: choice.maxSuccessLoss !== undefined ? choice.maxSuccessLoss : (first.config.maxSuccessLoss ?? null),
    };
    // The merged run is dated by its earliest shard, like an unsharded run by its start.
    const createdAt = runs.map((r) => r.createdAt).sort()[0]!;
    const store = RunStore.open(outDir);
    try {
      const runId = store.createRun(config, createdAt, total);
      for (const r of results) store.savePair(runId, r.pair, r.results);
      const report = reportOfRun(config, store.results(runId), createdAt);
      store.finishRun(runId, report);
      writeReportFiles(report, outDir);
      io.out(formatReportTable(report));
      io.out(`\nmerged ${runs.length} shard(s); report: ${join(values.out, REPORT_FILES.json)}, ${REPORT_FILES.junit}, ${REPORT_FILES.html}`);
      return exitCodeOf(report, choice.inconclusive);
    } finally {
      store.close();
    }
  },
};
