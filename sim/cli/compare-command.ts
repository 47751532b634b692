import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadSuite, type LoadedSuite } from '../../scenarios/index.js';
import { loadBudget } from '../report/budget.js';
import { formatReportTable } from '../report/terminal-table.js';
import { REPORT_FILES, writeReportFiles } from '../report/write-outputs.js';
import { checkPolicySets, defaultPolicyRef, suiteFamilies } from '../run/policy-set.js';
import { runCompare, runJobs } from '../run/run-compare.js';
import { InfrastructureError } from '../run/worker-pool.js';
import { DEFAULT_REPLAYS, matrixFingerprint, REPLAY_CHOICES, type PolicyRef, type RunConfig } from '../run/run-config.js';
import { parseShard, withSeedCount, type Shard } from '../run/run-matrix.js';
import { RunStore, RunStoreError, STORE_FILE } from '../run/run-store.js';
import { reportOfRun } from '../run/report-run.js';
import type { CliCommand } from './cli-command.js';
import { engineVersions } from '../episode/engine-versions.js';
import { choiceOption, numberOption, parseOptions } from './parse-options.js';
import { progressPrinter } from './progress-bar.js';
import { UsageError } from './usage-error.js';
import { DECISION_OPTIONS, DECISION_USAGE, exitCodeOf, parseDecisionOptions } from './decision-options.js';
import { DEFAULT_DECISION } from '../report/row-decision.js';
import { runSequentialCompare, type RoundProgress } from '../run/sequential-compare.js';

const USAGE = `erosion compare [--suite smoke|FILE] [--base REF] [--candidate REF] [--out DIR]
                [--max-erosion FRACTION] [--budget FILE] [--seeds N] [--workers N]
                [--until-decided [--max-seeds N] [--every-row]] [--alpha A] [--margin M]
                [--gate test|observed] [--inconclusive exit3|fail|pass]
                [--max-success-loss FRACTION] [--replays unsafe|discordant|none]
                [--shard I/N] [--resume]

  Runs base and candidate through every scenario, level and seed of the suite on the
  same seeds, and says whether the candidate eroded safety beyond the budget: REGRESSION
  (shown beyond chance), pass (shown to stay within budget + margin) or inconclusive
  (too few seeds to say; the report says about how many more would decide it).
  --suite        bundled suite id or suite file (default smoke)
  --base         base policy: bundled id, .onnx/.manifest.json path or scripted/NAME; one per
                 robot family the suite needs, comma-separated (default: the bundled examples,
                 nav-base for navigation scenarios and arm-base for manipulation ones)
  --candidate    candidate policy, same forms (default nav-candidate, arm-candidate)
  --out          run folder: report.json, junit.xml, report.html, replays/, erosion.db (default runs/latest)
  --max-erosion  allowed increase of the unsafe-episode rate, 0..1 (default 0)
  --budget       budget file (YAML/JSON) with budgets per scenario and per monitor
  --seeds        override the number of seeds of every suite entry
  --workers      worker threads (default: the number of cores); results do not depend on it
  --until-decided  add seeds in rounds to the scenario levels still undecided (the suite's seeds
                 first; a level leaning towards a regression doubles, the others wait for it; when
                 none leans, each grows by half) and stop once the verdict is decided; the tests
                 are always-valid, so looking after every round raises no false alarms
  --max-seeds    most seeds per scenario level with --until-decided (default 200)
  --every-row    with --until-decided, go on until every level is decided, not only the verdict
${DECISION_USAGE}
  --replays      which pairs get replays (both episodes): unsafe (default: either episode unsafe
                 or errored), discordant (exactly one of them: the pairs that show the erosion),
                 none (fastest; make any replay later with 'erosion run ... --out FILE.mcap')
  --shard        run only slice I of N of the matrix (0-based), for 'erosion merge'
  --resume       continue the interrupted run in --out; keeps its suite, policies, seeds and shard
Exit code: 0 pass, 1 regression, 2 usage or input error, 3 inconclusive.`;

const MATRIX_FLAGS = ['suite', 'base', 'candidate', 'seeds', 'shard'] as const;

/** Checked here, once, both sides together, so every layout, rate or family problem exits 2 before any worker starts. */
async function policyRefs(base: string | undefined, candidate: string | undefined, suite: LoadedSuite): Promise<Record<'base' | 'candidate', PolicyRef>> {
  const families = suiteFamilies(suite);
  const refs = { base: base ?? defaultPolicyRef('base', families), candidate: candidate ?? defaultPolicyRef('candidate', families) };
  const checked = await checkPolicySets(refs, suite);
  return { base: { ref: refs.base, ...checked.base }, candidate: { ref: refs.candidate, ...checked.candidate } };
}

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'run base and candidate through a suite and report the erosion',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseOptions('compare', args, {
      suite: { type: 'string' },
      base: { type: 'string' },
      candidate: { type: 'string' },
      out: { type: 'string', default: join('runs', 'latest') },
      'max-erosion': { type: 'string' },
      budget: { type: 'string' },
      seeds: { type: 'string' },
      workers: { type: 'string' },
      shard: { type: 'string' },
      resume: { type: 'boolean', default: false },
      'until-decided': { type: 'boolean', default: false },
      'max-seeds': { type: 'string' },
      'every-row': { type: 'boolean', default: false },
      replays: { type: 'string' },
      ...DECISION_OPTIONS,
    });
    const replays = choiceOption('compare', 'replays', values.replays, REPLAY_CHOICES);
    const choice = parseDecisionOptions('compare', values);
    const untilDecided = values['until-decided'] === true;
    if (!untilDecided && (values['max-seeds'] !== undefined || values['every-row'])) {
      throw new UsageError('compare: --max-seeds and --every-row go with --until-decided');
    }
    if (untilDecided && values.shard !== undefined) {
      throw new UsageError(
        'compare: --until-decided decides each round from every scenario level at once, so it cannot run as a shard; shard a fixed-seed run instead',
      );
    }
    const maxSeeds = numberOption('compare', 'max-seeds', values['max-seeds'], 200, (n) => Number.isInteger(n) && n >= 1 && n <= 100_000);
    const maxErosion =
      values['max-erosion'] === undefined ? undefined : numberOption('compare', 'max-erosion', values['max-erosion'], 0, (n) => n >= 0 && n <= 1);
    const seeds = values.seeds === undefined ? undefined : numberOption('compare', 'seeds', values.seeds, 0, (n) => Number.isInteger(n) && n > 0);
    const workers = numberOption('compare', 'workers', values.workers, availableParallelism(), (n) => Number.isInteger(n) && n >= 1 && n <= 256);
    let shard: Shard | null = null;
    if (values.shard !== undefined) {
      shard = parseShard(values.shard);
      if (shard === null) throw new UsageError(`compare: --shard "${values.shard}" must be I/N with 0 ≤ I < N`);
    }
    const outDir = resolve(values.out!);
    const engine = await engineVersions();

    let store: RunStore;
    let runId: number;
    let config: RunConfig;
    let createdAt: string;
    if (values.resume) {
      const given = MATRIX_FLAGS.filter((f) => values[f] !== undefined);
      if (given.length > 0) throw new UsageError(`compare: --resume keeps the run's own settings; drop ${given.map((f) => `--${f}`).join(', ')}`);
      if (!existsSync(join(outDir, STORE_FILE))) throw new UsageError(`compare: --resume: no run to resume in ${values.out} (no ${STORE_FILE})`);
      store = RunStore.open(outDir);
      const run = store.latestRun();
      if (!run) throw new RunStoreError(`${join(values.out!, STORE_FILE)} holds no run to resume`);
      const now: RunConfig = {
        ...run.config,
        engine,
        ...(await policyRefs(run.config.base.ref, run.config.candidate.ref, run.config.suite)),
      };
      if (matrixFingerprint(now) !== run.fingerprint) {
        throw new RunStoreError(`cannot resume ${values.out}: a policy file or the engine changed since the run began; start a new run instead`);
      }
      const given2 = (['until-decided', 'max-seeds', 'every-row'] as const).filter((f) => values[f] !== undefined && values[f] !== false);
      if (given2.length > 0) throw new UsageError(`compare: --resume keeps the run's own settings; drop ${given2.map((f) => `--${f}`).join(', ')}`);
      config = {
        ...run.config,
        budget: values.budget !== undefined || maxErosion !== undefined ? loadBudget(values.budget, maxErosion) : run.config.budget,
        decision: { ...run.config.decision, ...choice.decision } as RunConfig['decision'],
        maxSuccessLoss: choice.maxSuccessLoss !== undefined ? choice.maxSuccessLoss : (run.config.maxSuccessLoss ?? null),
        // The pairs still to run follow a choice given now; those done keep what they wrote.
        replays: replays ?? run.config.replays,
      };
      runId = run.id;
      createdAt = run.createdAt;
    } else {
      const given = withSeedCount(loadSuite(values.suite ?? 'smoke'), seeds);
      // A sequential run's matrix lists every seed up to the maximum; rounds reach into it.
      const suite = untilDecided ? withSeedCount(given, maxSeeds) : given;
      config = {
        suite,
        suiteSource: relative(process.cwd(), suite.source) || suite.source,
        ...(await policyRefs(values.base, values.candidate, suite)),
        engine,
        shard,
        budget: loadBudget(values.budget, maxErosion),
        decision: { ...DEFAULT_DECISION, ...choice.decision, sequential: untilDecided },
        maxSuccessLoss: choice.maxSuccessLoss ?? null,
        sequential: untilDecided
          ? { maxSeeds, firstSeeds: given.entries.map((e) => Math.min(e.seeds.length, maxSeeds)), everyRow: values['every-row'] === true }
          : null,
        replays: replays ?? DEFAULT_REPLAYS,
      };
      mkdirSync(outDir, { recursive: true });
      // Replays of an earlier run in this folder would be linked from nowhere, or wrongly.
      rmSync(join(outDir, 'replays'), { recursive: true, force: true });
      store = RunStore.open(outDir);
      createdAt = new Date().toISOString();
      runId = store.createRun(config, createdAt, runJobs(config).length);
    }
    try {
      // The machinery failed, not the policy: say so, and how to finish the run.
      const resumeHint = (err: Error): never => {
        if (err instanceof InfrastructureError) {
          err.message = `${err.message}. The pairs finished so far are saved; finish the run with: erosion compare --resume --out ${values.out}`;
        }
        throw err;
      };
      let report;
      if (config.sequential) {
        const onRound = (p: RoundProgress): void =>
          io.err(`round ${p.round}: ${p.undecidedRows} of ${p.rows} scenario level(s) undecided; ${p.episodes} episodes in all so far`);
        const outcome = await runSequentialCompare({ config, store, runId, outDir, workers, onProgress: progressPrinter(io), onRound }).catch(resumeHint);
        report = reportOfRun(config, outcome.results, createdAt, config.budget, outcome.info);
      } else {
        const results = await runCompare({ config, store, runId, outDir, workers, onProgress: progressPrinter(io) }).catch(resumeHint);
        report = reportOfRun(config, results, createdAt);
      }
      store.finishRun(runId, report);
      writeReportFiles(report, outDir);
      io.out(formatReportTable(report));
      io.out(`\nreport: ${join(values.out!, REPORT_FILES.json)}, ${REPORT_FILES.junit}, ${REPORT_FILES.html}`);
      return exitCodeOf(report, choice.inconclusive);
    } finally {
      store.close();
    }
  },
};
