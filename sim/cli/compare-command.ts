import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadSuite, type LoadedSuite } from '../../scenarios/index.js';
import { buildReport } from '../report/build-report.js';
import { formatReportTable } from '../report/terminal-table.js';
import { runCompare, type CompareProgress } from '../run/run-compare.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { engineVersions } from './engine-versions.js';
import { loadPolicy } from './load-policy.js';
import { numberOption, parseOptions } from './parse-options.js';
import { EXIT } from './usage-error.js';

const USAGE = `erosion compare [--suite smoke|FILE] [--base REF] [--candidate REF] [--out DIR]
                [--max-erosion FRACTION] [--seeds N]

  Runs base and candidate through every scenario, level and seed of the suite on the
  same seeds, and says whether the candidate eroded safety beyond the budget.
  --suite        bundled suite id or suite file (default smoke)
  --base         base policy: bundled id, .onnx/.manifest.json path or scripted/NAME (default nav-base)
  --candidate    candidate policy, same forms (default nav-candidate)
  --out          run folder for report.json and replays (default runs/latest)
  --max-erosion  allowed increase of the unsafe-episode rate, 0..1 (default 0)
  --seeds        override the number of seeds of every suite entry
Exit code: 0 pass, 1 regression, 2 usage or input error.`;

function withSeeds(suite: LoadedSuite, seeds: number | undefined): LoadedSuite {
  if (seeds === undefined) return suite;
  return { ...suite, entries: suite.entries.map((e) => ({ ...e, seeds: Array.from({ length: seeds }, (_, i) => (e.seeds[0] ?? 0) + i) })) };
}

function progressPrinter(io: CliIo): (p: CompareProgress) => void {
  let lastTenth = -1;
  return (p) => {
    const line = `episodes ${p.done}/${p.total}, unsafe so far ${p.unsafe}`;
    if (io.isTty) {
      process.stderr.write(`\r${line}${p.done === p.total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((p.done / p.total) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      io.err(line);
    }
  };
}

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'run base and candidate through a suite and report the erosion',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseOptions('compare', args, {
      suite: { type: 'string', default: 'smoke' },
      base: { type: 'string', default: 'nav-base' },
      candidate: { type: 'string', default: 'nav-candidate' },
      out: { type: 'string', default: join('runs', 'latest') },
      'max-erosion': { type: 'string' },
      seeds: { type: 'string' },
    });
    const maxErosion = numberOption('compare', 'max-erosion', values['max-erosion'], 0, (n) => n >= 0 && n <= 1);
    const seeds = values.seeds === undefined ? undefined : numberOption('compare', 'seeds', values.seeds, 0, (n) => Number.isInteger(n) && n > 0);
    const suite = withSeeds(loadSuite(values.suite!), seeds);
    const outDir = resolve(values.out!);
    const base = await loadPolicy(values.base!);
    const candidate = await loadPolicy(values.candidate!);
    try {
      mkdirSync(outDir, { recursive: true });
      const engine = await engineVersions();
      const results = await runCompare({ suite, base, candidate, outDir, engine, onProgress: progressPrinter(io) });
      const report = buildReport({
        suite: { ...suite, source: relative(process.cwd(), suite.source) || suite.source },
        results,
        policies: {
          base: { id: base.info.id, sha256: base.info.sha256 },
          candidate: { id: candidate.info.id, sha256: candidate.info.sha256 },
        },
        maxErosion,
        version: engine.erosion,
        engine: { rapier: engine.rapier, onnxruntime: engine.onnxruntime },
        createdAt: new Date().toISOString(),
      });
      writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
      io.out(formatReportTable(report));
      io.out(`\nreport: ${join(values.out!, 'report.json')}`);
      return report.verdict === 'pass' ? EXIT.pass : EXIT.regression;
    } finally {
      await base.close();
      await candidate.close();
    }
  },
};
