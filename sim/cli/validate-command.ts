import { loadScenarioFile, loadSuite, parseYamlBounded, readInputFile } from '../../scenarios/index.js';
import { loadOnnxPolicy } from '../../policies/index.js';
import { checkPolicy } from '../run/policy-check.js';
import type { CliCommand } from './cli-command.js';
import { parseOptions } from './parse-options.js';
import { UsageError } from './usage-error.js';

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

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a scenario, suite or policy file and say exactly what is wrong',
  usage: 'erosion validate <file>...   (scenario .yaml/.json, suite .yaml, model .onnx or .manifest.json)',
  async run(args, io) {
    const { positionals } = parseOptions('validate', args, {}, true);
    if (positionals.length === 0) throw new UsageError('validate: give at least one file');
    for (const path of positionals) {
      const kind = kindOf(path);
      if (kind === 'suite') {
        const suite = loadSuite(path);
        io.out(`${path}: valid suite "${suite.id}" (${suite.entries.length} entries)`);
      } else if (kind === 'policy') {
        const policy = await loadOnnxPolicy(path);
        try {
          const problems = checkPolicy(policy);
          if (problems.length > 0) {
            io.err(`${path}: the model loads, but the simulator cannot run it:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
            return 2;
          }
          io.out(`${path}: valid policy "${policy.info.id}" (${policy.info.robotFamily}, sha256 ${policy.info.sha256.slice(0, 12)}, ${policy.info.controlHz} Hz)`);
        } finally {
          await policy.close();
        }
      } else {
        const s = loadScenarioFile(path);
        io.out(`${path}: valid scenario "${s.spec.id}" (hash ${s.hash.slice(0, 12)})`);
      }
    }
    return 0;
  },
};
