import { bundledScenarios, loadScenarioFile, loadSuite, parseYamlBounded, readInputFile } from '../../scenarios/index.js';
import { checkReadable, FileRefusal, loadOnnxPolicyWithNotes, PolicyLoadError, type Policy } from '../../policies/index.js';
import { familyOf } from '../run/policy-set.js';
import { checkPolicy, checkPolicyRate } from '../run/policy-check.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { isInputError } from './main.js';
import { parseOptions } from './parse-options.js';
import { EXIT, UsageError } from './usage-error.js';

/** Says what a file is by its content: a suite has entries, a manifest has a model, else a scenario. */
function kindOf(path: string): 'scenario' | 'suite' | 'policy' {
  if (path.endsWith('.onnx') || path.endsWith('.manifest.json')) return 'policy';
  try {
    const read = parseYamlBounded(readInputFile(path, 'scenario or suite file'), 'scenario or suite file');
    const raw = 'value' in read ? read.value : null;
    if (raw && typeof raw === 'object' && 'entries' in raw) return 'suite';
  } catch {
    // Not parseable: the scenario loader will report it with the file name.
  }
  return 'scenario';
}

/** Bundled scenarios of the policy's family whose physics its control rate cannot step. */
function rateWarning(policy: Policy): string | undefined {
  const family = policy.info.robotFamily;
  const scenarios = [...bundledScenarios().values()]
    .filter((s) => familyOf(s.spec) === family)
    .map((s) => ({ id: s.spec.id, physicsHz: s.spec.episode.physicsHz }));
  const problems = checkPolicyRate(policy, scenarios);
  if (problems.length === 0) return undefined;
  return `warning: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more bundled ${family} scenarios)` : ''}; it runs only on scenarios whose physics rate is a multiple of ${policy.info.controlHz} Hz`;
}

async function validatePolicy(path: string, io: CliIo): Promise<boolean> {
  const { policy, notes } = await loadOnnxPolicyWithNotes(path);
  try {
    const problems = checkPolicy(policy);
    if (problems.length > 0) {
      io.err(`${path}: the model loads, but the simulator cannot run it:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      return false;
    }
    const kind = policy.startEpisode ? ', recurrent' : '';
    io.out(
      `${path}: valid policy "${policy.info.id}" (${policy.info.robotFamily}, sha256 ${policy.info.sha256.slice(0, 12)}, ${policy.info.controlHz} Hz${kind})`,
    );
    for (const note of notes) io.out(`  ${note}`);
    const warning = rateWarning(policy);
    if (warning) io.err(`  ${warning}`);
    return true;
  } finally {
    await policy.close();
  }
}

/** One file: true when valid. Input errors are printed and counted; anything else is a bug and propagates. */
async function validateOne(path: string, io: CliIo): Promise<boolean> {
  try {
    // A FIFO or device would block the read forever; a folder is not a file to check.
    checkReadable(path, { maxBytes: Number.MAX_SAFE_INTEGER });
  } catch (err) {
    if (!(err instanceof FileRefusal)) throw err;
    io.err(`${path}: file ${err.message}`);
    return false;
  }
  try {
    const kind = kindOf(path);
    if (kind === 'policy') return await validatePolicy(path, io);
    if (kind === 'suite') {
      const suite = loadSuite(path);
      io.out(`${path}: valid suite "${suite.id}" (${suite.entries.length} entries)`);
    } else {
      const s = loadScenarioFile(path);
      io.out(`${path}: valid scenario "${s.spec.id}" (hash ${s.hash.slice(0, 12)})`);
    }
    return true;
  } catch (err) {
    if (!isInputError(err)) throw err;
    io.err(err instanceof PolicyLoadError ? err.message : `${path}: ${err.message}`);
    return false;
  }
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check scenario, suite or policy files and say exactly what is wrong',
  usage: 'erosion validate <file>...   (scenario .yaml/.json, suite .yaml, model .onnx or .manifest.json; every file is checked)',
  async run(args, io) {
    const { positionals } = parseOptions('validate', args, {}, true);
    if (positionals.length === 0) throw new UsageError('validate: give at least one file');
    let invalid = 0;
    for (const path of positionals) if (!(await validateOne(path, io))) invalid += 1;
    if (positionals.length > 1) io.out(`${positionals.length - invalid} of ${positionals.length} files valid`);
    return invalid === 0 ? EXIT.pass : EXIT.usage;
  },
};
