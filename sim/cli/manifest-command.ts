import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { draftManifest } from '../../policies/draft-manifest.js';
import { formatManifest, MANIFEST_SUFFIX } from '../../policies/manifest.js';
import { inspectOnnxModel } from '../../policies/onnx/inspect-model.js';
import type { RobotFamily } from '../../policies/policy.js';
import { ROBOT_FAMILIES } from '../run/policy-set.js';
import type { CliCommand } from './cli-command.js';
import { numberOption, parseOptions } from './parse-options.js';
import { EXIT, UsageError } from './usage-error.js';

const USAGE = `erosion manifest MODEL.onnx --family mobile-base|arm [--out FILE] [--input NAME]
                 [--action-output NAME] [--control-hz HZ] [--force]

  Reads the model's inputs and outputs (names, shapes, types) and its sha256, and writes a
  manifest with the family's full observation and action layout, a meaning per field, for you
  to confirm or trim; then check it with erosion validate. What cannot work is refused with why.
  --out            manifest file (default MODEL's folder, <stem>${MANIFEST_SUFFIX}); must be in the model's folder
  --input          the observation input, when the model has several inputs
  --action-output  the action output, when the model has several outputs
  --control-hz     the rate the policy was trained at (default 20 for mobile-base, 50 for arm)
  --force          overwrite an existing manifest`;

export const manifestCommand: CliCommand = {
  name: 'manifest',
  summary: "draft a model's manifest from its inputs and outputs and a robot family",
  usage: USAGE,
  async run(args, io) {
    const { positionals, values } = parseOptions(
      'manifest',
      args,
      {
        family: { type: 'string' },
        out: { type: 'string' },
        input: { type: 'string' },
        'action-output': { type: 'string' },
        'control-hz': { type: 'string' },
        force: { type: 'boolean', default: false },
      },
      true,
    );
    if (positionals.length !== 1 || !positionals[0]!.endsWith('.onnx')) throw new UsageError('manifest: give one model file (.onnx)');
    const family = values.family;
    if (family === undefined || !(ROBOT_FAMILIES as readonly string[]).includes(family)) {
      throw new UsageError(`manifest: --family must be ${ROBOT_FAMILIES.join(' or ')}${family === undefined ? '' : ` (got "${family}")`}`);
    }
    const modelPath = resolve(positionals[0]!);
    const stem = basename(modelPath, '.onnx');
    const out = resolve(values.out ?? resolve(dirname(modelPath), `${stem}${MANIFEST_SUFFIX}`));
    if (dirname(out) !== dirname(modelPath))
      throw new UsageError(`manifest: --out must be in the model's folder (${dirname(modelPath)}): a manifest names its model by file name`);
    if (!basename(out).endsWith(MANIFEST_SUFFIX)) throw new UsageError(`manifest: --out must end in ${MANIFEST_SUFFIX}`);
    const id = basename(out).slice(0, -MANIFEST_SUFFIX.length);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
      throw new UsageError(`manifest: "${id}" cannot be a policy id: use letters, digits, '.', '_' or '-' in the file name`);
    if (existsSync(out) && !values.force) throw new UsageError(`manifest: ${values.out ?? out} exists; pass --force to overwrite it`);
    const controlHz =
      values['control-hz'] === undefined ? undefined : numberOption('manifest', 'control-hz', values['control-hz'], 0, (n) => n >= 1 && n <= 1000);

    const signature = await inspectOnnxModel(modelPath);
    const draft = draftManifest(signature, {
      family: family as RobotFamily,
      id,
      modelFile: basename(modelPath),
      inputName: values.input,
      actionOutput: values['action-output'],
      controlHz,
    });
    writeFileSync(out, formatManifest(draft.manifest));
    io.out(`wrote ${values.out ?? out}: ${family} policy "${id}", input "${draft.manifest.input.name}", action output "${draft.manifest.output.name}"`);
    for (const note of draft.notes) io.out(`  - ${note}`);
    io.out(`then: erosion validate ${values.out ?? out}`);
    return EXIT.pass;
  },
};
