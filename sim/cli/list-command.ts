import { bundledScenarios, bundledSuiteIds, loadSuite } from '../../scenarios/index.js';
import { listBundledPolicies, listPolicyDir } from '../../policies/index.js';
import { scriptedArmPolicyIds } from '../../policies/scripted/arm-scripted-policy.js';
import { scriptedPolicyIds } from '../../policies/scripted/nav-scripted-policy.js';
import { monitorKinds } from '../monitors/index.js';
import type { CliCommand } from './cli-command.js';
import { parseOptions } from './parse-options.js';
import { UsageError } from './usage-error.js';

const WHAT = ['scenarios', 'monitors', 'suites', 'policies'] as const;

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'list scenarios, monitors, suites and policies',
  usage: `erosion list [${WHAT.join('|')}] [--dir DIR]   (all of them when none is given)\n\n  --dir  list the policies (model manifests) in a folder of your own instead of the bundled ones`,
  async run(args, io) {
    const { positionals, values } = parseOptions('list', args, { dir: { type: 'string' } }, true);
    const what = positionals.length === 0 ? (values.dir !== undefined ? ['policies'] : [...WHAT]) : positionals;
    for (const w of what) {
      if (!(WHAT as readonly string[]).includes(w)) throw new UsageError(`list: unknown kind "${w}"; expected one of ${WHAT.join(', ')}`);
    }
    if (values.dir !== undefined) {
      if (positionals.some((w) => w !== 'policies')) throw new UsageError('list: --dir lists policies only');
      const found = listPolicyDir(values.dir);
      io.out(`policies in ${values.dir}:`);
      for (const p of found) {
        if ('error' in p) io.out(`  ${p.id.padEnd(24)} ${'?'.padEnd(12)} cannot be read: ${p.error}`);
        else io.out(`  ${p.id.padEnd(24)} ${p.robotFamily.padEnd(12)} ${p.description}`);
      }
      io.out(`check one against its model and the simulator with: erosion validate ${values.dir}/<id>.onnx`);
      return 0;
    }
    if (what.includes('scenarios')) {
      io.out('scenarios:');
      for (const s of bundledScenarios().values()) {
        io.out(`  ${s.spec.id.padEnd(32)} ${s.spec.title} (levels ${s.spec.levels.map((l) => l.level).join(', ')}; robot ${s.spec.robot})`);
      }
    }
    if (what.includes('monitors')) {
      io.out('monitors:');
      for (const m of monitorKinds()) io.out(`  ${m.kind.padEnd(32)} ${m.describe}`);
    }
    if (what.includes('suites')) {
      io.out('suites:');
      for (const id of bundledSuiteIds()) {
        const suite = loadSuite(id);
        const episodes = suite.entries.reduce((n, e) => n + e.levels.length * e.seeds.length * 2, 0);
        io.out(`  ${id.padEnd(32)} ${suite.description} (${episodes} episodes)`);
      }
    }
    if (what.includes('policies')) {
      io.out('policies:');
      for (const p of listBundledPolicies()) io.out(`  ${p.id.padEnd(24)} ${p.robotFamily.padEnd(12)} ${p.description}`);
      for (const id of scriptedPolicyIds()) io.out(`  ${id.padEnd(24)} ${'mobile-base'.padEnd(12)} scripted reference policy (no model file)`);
      for (const id of scriptedArmPolicyIds()) io.out(`  ${id.padEnd(24)} ${'arm'.padEnd(12)} scripted reference policy (no model file)`);
    }
    return 0;
  },
};
