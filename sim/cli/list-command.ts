import { bundledScenarios, bundledSuiteIds, loadSuite } from '../../scenarios/index.js';
import { FIELD_CATALOG, listBundledPolicies, listPolicyDir, loadOnnxPolicy, NORMALISATION_DOC, type RobotFamily } from '../../policies/index.js';
import { scriptedArmPolicyIds } from '../../policies/scripted/arm-scripted-policy.js';
import { scriptedPolicyIds } from '../../policies/scripted/nav-scripted-policy.js';
import { monitorKinds } from '../monitors/index.js';
import { checkPolicy } from '../run/policy-check.js';
import { ROBOT_FAMILIES } from '../run/policy-set.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { isInputError } from './main.js';
import { parseOptions } from './parse-options.js';
import { UsageError } from './usage-error.js';

const WHAT = ['scenarios', 'monitors', 'suites', 'policies', 'fields'] as const;

/** Every observation and action field of a family: order, size, units, frame, meaning. */
function listFields(family: RobotFamily, io: CliIo): void {
  const c = FIELD_CATALOG[family];
  io.out(`${family} observation fields (a manifest lists those its model reads, in the model's order):`);
  c.observation.forEach((f, i) => {
    const size = f.size === 'chosen' ? `N (default ${f.defaultSize})` : String(f.size);
    io.out(`  ${String(i + 1).padStart(2)}. ${f.name.padEnd(22)} size ${size.padEnd(15)} ${f.units.padEnd(6)} frame ${f.frame}`);
    io.out(`      ${f.meaning}`);
  });
  io.out(`${family} actions (in this order; optional ones may be left off the end):`);
  c.action.forEach((a, i) =>
    io.out(`  ${String(i + 1).padStart(2)}. ${a.name.padEnd(22)} ${a.units.padEnd(6)} ${a.required ? 'required' : 'optional'}  ${a.meaning}`),
  );
  for (const note of c.notes) io.out(`  ${note}`);
}

/** A folder's manifests, each marked by whether its model loads and the simulator can run it. */
async function listDir(dir: string, io: CliIo): Promise<void> {
  const found = listPolicyDir(dir);
  io.out(`policies in ${dir}:`);
  for (const p of found) {
    if ('error' in p) {
      io.out(`  ${p.id.padEnd(24)} ${'?'.padEnd(12)} BROKEN: cannot be read: ${p.error}`);
      continue;
    }
    let broken: string | undefined;
    try {
      const policy = await loadOnnxPolicy(p.manifestPath);
      try {
        const problems = checkPolicy(policy);
        if (problems.length > 0) broken = `the simulator cannot run it: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`;
      } finally {
        await policy.close();
      }
    } catch (err) {
      if (!isInputError(err)) throw err;
      const problems = (err as { problems?: string[] }).problems ?? [err.message];
      broken = `cannot load: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`;
    }
    io.out(`  ${p.id.padEnd(24)} ${p.robotFamily.padEnd(12)} ${broken ? `BROKEN: ${broken}` : p.description}`);
  }
  io.out(`details for one: erosion validate ${dir}/<id>.manifest.json`);
}

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'list scenarios, monitors, suites and policies',
  usage: `erosion list [${WHAT.join('|')}] [--dir DIR] [--family mobile-base|arm]   (all of them when none is given)

  --dir     list the policies (model manifests) in a folder of your own instead of the bundled ones,
            marking each that cannot load or run (BROKEN: why)
  --family  list the observation and action fields of one robot family only`,
  async run(args, io) {
    const { positionals, values } = parseOptions('list', args, { dir: { type: 'string' }, family: { type: 'string' } }, true);
    if (values.family !== undefined && !(ROBOT_FAMILIES as readonly string[]).includes(values.family)) {
      throw new UsageError(`list: --family "${values.family}" is not a robot family; expected ${ROBOT_FAMILIES.join(' or ')}`);
    }
    const what = positionals.length === 0 ? (values.dir !== undefined ? ['policies'] : [...WHAT]) : positionals;
    for (const w of what) {
      if (!(WHAT as readonly string[]).includes(w)) throw new UsageError(`list: unknown kind "${w}"; expected one of ${WHAT.join(', ')}`);
    }
    if (values.family !== undefined && positionals.some((w) => w !== 'fields')) throw new UsageError('list: --family lists fields only');
    if (values.dir !== undefined) {
      if (positionals.some((w) => w !== 'policies')) throw new UsageError('list: --dir lists policies only');
      await listDir(values.dir, io);
      return 0;
    }
    if (values.family !== undefined) {
      listFields(values.family as RobotFamily, io);
      io.out(NORMALISATION_DOC);
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
    if (what.includes('fields')) {
      for (const family of ROBOT_FAMILIES) listFields(family, io);
      io.out(NORMALISATION_DOC);
    }
    return 0;
  },
};
