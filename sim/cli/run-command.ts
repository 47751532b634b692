import { resolve } from 'node:path';
import { findAnyScenario } from '../../scenarios/index.js';
import { runEpisode } from '../episode/run-episode.js';
import { createRapierWorld } from '../rapier/index.js';
import { writeEpisodeFile } from '../record/index.js';
import { assertPolicyFor, checkPolicyRate, PolicyMismatchError } from '../run/policy-check.js';
import { DEFAULT_POLICIES, familyOf } from '../run/policy-set.js';
import type { CliCommand } from './cli-command.js';
import { engineVersions } from '../episode/engine-versions.js';
import { loadPolicy } from '../../policies/index.js';
import { numberOption, parseOptions } from './parse-options.js';
import { EXIT, UsageError } from './usage-error.js';

const USAGE = `erosion run --scenario ID|FILE [--policy REF] [--seed N] [--level L] [--out FILE.mcap]

  --policy  bundled id, .onnx/.manifest.json path or scripted/NAME (default: the bundled
            base for the scenario's robot, nav-base or arm-base)

  One policy, one scenario, one seed: prints the outcome and every violation,
  and writes the replay when --out is given. Exit code 1 when the episode was unsafe.`;

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run one policy on one scenario and seed',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseOptions('run', args, {
      scenario: { type: 'string' },
      policy: { type: 'string' },
      seed: { type: 'string', default: '0' },
      level: { type: 'string' },
      out: { type: 'string' },
    });
    if (!values.scenario) throw new UsageError('run: --scenario is required');
    const scenario = findAnyScenario(values.scenario);
    const family = familyOf(scenario.spec);
    const seed = numberOption('run', 'seed', values.seed, 0, (n) => Number.isInteger(n) && n >= 0);
    const maxLevel = Math.max(...scenario.spec.levels.map((l) => l.level));
    const level = numberOption('run', 'level', values.level, maxLevel, (n) => scenario.spec.levels.some((l) => l.level === n));
    const policy = await loadPolicy(values.policy ?? DEFAULT_POLICIES.base[family]);
    try {
      assertPolicyFor(policy, family);
      const rate = checkPolicyRate(policy, [{ id: scenario.spec.id, physicsHz: scenario.spec.episode.physicsHz }]);
      if (rate.length > 0) throw new PolicyMismatchError(policy.info.id, rate);
      const world = await createRapierWorld(scenario.spec, level);
      let record;
      try {
        record = await runEpisode({ scenario, level, seed, policy, role: 'single', world, engine: await engineVersions() });
      } finally {
        world.close();
      }
      const { outcome, summary } = record.footer;
      io.out(`${scenario.spec.id} level ${level} seed ${seed} — ${policy.info.id}`);
      io.out(`outcome: ${outcome.kind} at ${outcome.timeSec.toFixed(2)} s${outcome.kind === 'errored' ? ` (${outcome.message})` : ''}`);
      io.out(`unsafe: ${summary.unsafe ? 'yes' : 'no'}, severity ${summary.severity.toFixed(2)}`);
      for (const e of record.events.filter((ev) => ev.kind === 'violation-start' || ev.kind === 'non-finite-action')) {
        io.out(
          `  ${e.timeSec.toFixed(2)} s  ${e.monitor ?? e.kind}: ${e.value?.toFixed(3) ?? ''} ${e.units ?? ''} vs limit ${e.limit?.toFixed(3) ?? ''}` +
            `${e.bodies ? ` (${e.bodies.join(' ↔ ')})` : ''}${e.message ? ` — ${e.message}` : ''}`,
        );
      }
      if (values.out) {
        await writeEpisodeFile(record, resolve(values.out));
        io.out(`replay: ${values.out}`);
      }
      return summary.unsafe ? EXIT.regression : EXIT.pass;
    } finally {
      await policy.close();
    }
  },
};
