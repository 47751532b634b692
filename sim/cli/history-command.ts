import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunStore, STORE_FILE, type StoredRun } from '../run/run-store.js';
import { signedPp } from '../report/terminal-table.js';
import type { CliCommand } from './cli-command.js';
import { parseOptions } from './parse-options.js';
import { EXIT, UsageError } from './usage-error.js';

const USAGE = `erosion history [run-dir...]

  Lists the runs stored in the run folders (default runs/latest), oldest first, and how the
  overall erosion moved from one candidate version to the next on the same suite and base.`;

interface Row {
  dir: string;
  run: StoredRun;
}

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'list past runs and how erosion moved between policy versions',
  usage: USAGE,
  async run(args, io) {
    const { positionals } = parseOptions('history', args, {}, true);
    const dirs = positionals.length > 0 ? positionals : [join('runs', 'latest')];
    const rows: Row[] = [];
    for (const dir of dirs) {
      if (!existsSync(join(resolve(dir), STORE_FILE))) throw new UsageError(`history: ${dir} is not a run folder (no ${STORE_FILE})`);
      const store = RunStore.open(resolve(dir));
      try {
        for (const run of store.allRuns()) rows.push({ dir, run });
      } finally {
        store.close();
      }
    }
    rows.sort((a, b) => a.run.createdAt.localeCompare(b.run.createdAt));
    if (rows.length === 0) {
      io.out('no runs stored yet');
      return EXIT.pass;
    }
    const table: string[][] = [['started', 'folder', 'run', 'suite', 'base', 'candidate', 'erosion', 'change', 'verdict']];
    // The previous erosion of the same suite and base, so a candidate version is compared with the last one.
    const last = new Map<string, number>();
    for (const { dir, run } of rows) {
      const short = (p: { id: string; sha256: string }): string => `${p.id}@${p.sha256.slice(0, 8)}`;
      const key = `${run.config.suite.id}|${run.config.base.sha256}`;
      const erosion = run.report?.overall.erosion.diff;
      const before = last.get(key);
      table.push([
        run.createdAt.replace('T', ' ').slice(0, 19),
        dir,
        String(run.id),
        run.config.suite.id + (run.config.shard ? ` (shard ${run.config.shard.index}/${run.config.shard.count})` : ''),
        short(run.config.base),
        short(run.config.candidate),
        erosion === undefined ? '—' : signedPp(erosion),
        erosion === undefined || before === undefined ? '' : signedPp(erosion - before),
        run.report ? run.report.verdict : 'unfinished',
      ]);
      if (erosion !== undefined) last.set(key, erosion);
    }
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => [...r[i]!].length)));
    io.out(
      table
        .map((r) =>
          r
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
        )
        .join('\n'),
    );
    return EXIT.pass;
  },
};
