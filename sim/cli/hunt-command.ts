import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { findAnyScenario, loadSuite, type AnyLoadedScenario, type LoadedSuite } from '../../scenarios/index.js';
import { HUNT_FILES, huntTerminalText, poolEvaluator, runHuntSession, type HuntTarget } from '../hunt/index.js';
import { checkPolicySets, closePolicySet, defaultPolicyRef, familyOf, loadPolicySet, policyForFamily, suiteFamilies } from '../run/policy-set.js';
import type { CliCommand } from './cli-command.js';
import { engineVersions } from '../episode/engine-versions.js';
import { numberOption, parseOptions } from './parse-options.js';
import { EXIT, UsageError } from './usage-error.js';

const USAGE = `erosion hunt --scenario ID|FILE | --suite S [--level L] [--base REF] [--candidate REF]
             [--budget EPISODES] [--seed N] [--out DIR] [--workers N]
             [--max-counterexamples N] [--shrink-budget EPISODES]

  Searches a scenario's own randomisation (people's speeds and timings, start pose,
  friction, payload, latency, sensor noise: every parameter it draws from the seed, within
  its declared range) for worlds where the candidate violates a monitor and the base, in
  the same world, does not. Cross-entropy search with restarts; each counterexample is
  shrunk towards the nominal values (the middle of each range) while it stays one.
  --scenario             bundled scenario id or scenario file
  --suite                bundled suite id or suite file: hunts each entry's hazard levels
  --level                scenario level (default: the highest; with --suite, every level above 0)
  --base, --candidate    policies, as for compare (default: the bundled examples)
  --budget               search episodes per scenario level, two per world (default 200)
  --seed                 seeds the search and every world's scan noise (default 0)
  --out                  folder for hunt-report.json, hunt-suite.yaml, counterexamples/,
                         replays/ (default runs/hunt)
  --workers              worker threads (default: the number of cores)
  --max-counterexamples  stop a scenario level's search after this many (default 3)
  --shrink-budget        episodes spent shrinking each counterexample (default 8 per parameter)

  Counterexamples are found by search, not sampled: they say where the candidate can fail,
  never how often, and are not part of compare's rates. Each is written as a scenario file
  with its parameters fixed, with both replays (erosion view DIR).
Exit code: 0 nothing found within the budget, 1 counterexample found, 2 usage or input error.`;

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  return numberOption('hunt', name, value, fallback, (n) => Number.isInteger(n) && n >= min);
}

/** The scenario levels to hunt: the one asked for, or the hazard levels. */
function targetsOf(values: { scenario?: string; suite?: string; level?: string }): { targets: HuntTarget[]; suite: LoadedSuite } {
  if (values.scenario !== undefined && values.suite !== undefined) throw new UsageError('hunt: give --scenario or --suite, not both');
  if (values.scenario === undefined && values.suite === undefined) throw new UsageError('hunt: --scenario or --suite is required');
  const level = values.level === undefined ? undefined : positiveInt('level', values.level, 0, 0);
  const pick = (scenario: AnyLoadedScenario, levels: number[]): HuntTarget[] => {
    const declared = scenario.spec.levels.map((l) => l.level);
    if (level !== undefined) {
      if (!declared.includes(level)) throw new UsageError(`hunt: ${scenario.spec.id} has no level ${level} (has ${declared.join(', ')})`);
      return [{ scenario, level }];
    }
    return levels.map((l) => ({ scenario, level: l }));
  };
  if (values.scenario !== undefined) {
    const scenario = findAnyScenario(values.scenario);
    const targets = pick(scenario, [Math.max(...scenario.spec.levels.map((l) => l.level))]);
    const suite: LoadedSuite = { id: 'hunt', description: '', source: scenario.source, entries: [{ scenario, levels: [targets[0]!.level], seeds: [0] }] };
    return { targets, suite };
  }
  const suite = loadSuite(values.suite!);
  const targets = suite.entries.flatMap((e) => {
    const hazards = e.levels.filter((l) => l > 0);
    return level !== undefined && !e.scenario.spec.levels.some((l) => l.level === level) ? [] : pick(e.scenario, hazards.length > 0 ? hazards : e.levels);
  });
  if (targets.length === 0) throw new UsageError(`hunt: no entry of suite ${suite.id} has level ${level}`);
  return { targets, suite };
}

export const huntCommand: CliCommand = {
  name: 'hunt',
  summary: 'search a scenario for worlds where the candidate is unsafe and the base is not',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseOptions('hunt', args, {
      scenario: { type: 'string' },
      suite: { type: 'string' },
      level: { type: 'string' },
      base: { type: 'string' },
      candidate: { type: 'string' },
      budget: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string', default: join('runs', 'hunt') },
      workers: { type: 'string' },
      'max-counterexamples': { type: 'string' },
      'shrink-budget': { type: 'string' },
    });
    const budgetEpisodes = positiveInt('budget', values.budget, 200, 2);
    const seed = positiveInt('seed', values.seed, 0, 0);
    const workers = numberOption('hunt', 'workers', values.workers, availableParallelism(), (n) => Number.isInteger(n) && n >= 1 && n <= 256);
    const maxCounterexamples = positiveInt('max-counterexamples', values['max-counterexamples'], 3);
    const shrinkEpisodes = values['shrink-budget'] === undefined ? undefined : positiveInt('shrink-budget', values['shrink-budget'], 0, 0);
    const { targets, suite } = targetsOf(values);
    const families = suiteFamilies(suite);
    const baseRef = values.base ?? defaultPolicyRef('base', families);
    const candidateRef = values.candidate ?? defaultPolicyRef('candidate', families);
    // Checked once here, so a layout mismatch or a missing family exits 2 before any episode.
    const { base: baseId, candidate: candidateId } = await checkPolicySets({ base: baseRef, candidate: candidateRef }, suite);
    const outDir = resolve(values.out!);
    const engine = await engineVersions();
    const base = await loadPolicySet(baseRef);
    try {
      const candidate = await loadPolicySet(candidateRef);
      try {
        const report = await runHuntSession({
          targets,
          evaluatorFor: (t) => poolEvaluator({ scenario: t.scenario, level: t.level, seed, baseRef, candidateRef, engine, workers, scratchParent: outDir }),
          policiesFor: (t) => {
            const family = familyOf(t.scenario.spec);
            return { base: policyForFamily(base, family, `--base ${baseRef}`), candidate: policyForFamily(candidate, family, `--candidate ${candidateRef}`) };
          },
          baseLabel: baseId.id,
          candidateLabel: candidateId.id,
          engine,
          outDir,
          seed,
          budgetEpisodes,
          maxCounterexamples,
          ...(shrinkEpisodes !== undefined ? { shrinkEpisodes } : {}),
          onTargetStart: (t) =>
            io.out(
              `hunting ${t.scenario.spec.id} level ${t.level} (${Object.keys(t.scenario.spec.params).length} parameters, budget ${budgetEpisodes} episodes)…`,
            ),
        });
        for (const line of huntTerminalText(report)) io.out(line);
        io.out(`\nreport: ${join(values.out!, HUNT_FILES.report)}`);
        return report.hunts.some((h) => h.counterexamples.length > 0) ? EXIT.regression : EXIT.pass;
      } finally {
        await closePolicySet(candidate);
      }
    } finally {
      await closePolicySet(base);
    }
  },
};
