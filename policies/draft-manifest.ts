// A first manifest for a model, from its signature and the robot family: the family's full
// observation and action layouts with a meaning per field, the observation input, the action
// output, recurrent state pairs and ignored outputs found by name and shape. Pure; what cannot
// work is refused with the reason, what the user must confirm is said in notes.

import { FIELD_CATALOG } from './field-catalog.js';
import { MANIFEST_SCHEMA_VERSION } from './manifest-schema.js';
import type { PolicyManifest } from './manifest.js';
import type { ModelSignature, TensorSignature } from './onnx/inspect-model.js';
import { PolicyLoadError } from './policy-load-error.js';
import { layoutSize, type RobotFamily } from './policy.js';

/** The control rate of the bundled scenarios of each family: a draft's default. */
export const DEFAULT_CONTROL_HZ: Record<RobotFamily, number> = { 'mobile-base': 20, arm: 50 };

export interface DraftOptions {
  family: RobotFamily;
  id: string;
  /** The model's file name, relative to the manifest's folder. */
  modelFile: string;
  inputName?: string;
  actionOutput?: string;
  controlHz?: number;
}

export interface Draft {
  manifest: PolicyManifest;
  /** What the user must confirm or change before the manifest is right. */
  notes: string[];
  /** The observation layout's size differs from the model's input width: trim before validating. */
  needsTrim: boolean;
}

const shapeText = (t: TensorSignature): string => `[${t.shape.join(',')}]`;
const fixed = (d: number | string): d is number => typeof d === 'number';

/** What an output that is not the action most likely is, from its name. */
function guessIgnored(name: string): string {
  if (/log_?std/i.test(name)) return 'log standard deviation of the action distribution (exploration noise; not used in evaluation)';
  if (/value|critic|^v$/i.test(name)) return 'value estimate of the critic';
  return 'not used by Erosion (say what this output is)';
}

function pickInput(sig: ModelSignature, opts: DraftOptions, problems: string[]): TensorSignature | undefined {
  if (opts.inputName !== undefined) {
    const found = sig.inputs.find((t) => t.name === opts.inputName);
    if (!found)
      problems.push(
        `--input "${opts.inputName}": the model has no such input (its inputs: ${sig.inputs.map((t) => `"${t.name}" ${shapeText(t)}`).join(', ')})`,
      );
    return found;
  }
  if (sig.inputs.length === 1) return sig.inputs[0];
  const named = sig.inputs.filter((t) => /obs/i.test(t.name));
  if (named.length === 1) return named[0];
  problems.push(
    `the model has ${sig.inputs.length} inputs (${sig.inputs.map((t) => `"${t.name}" ${shapeText(t)}`).join(', ')}); name the observation input with --input NAME`,
  );
  return undefined;
}

/** The output carrying a state input's next value: the one output of the same shape not yet taken, closest in name. */
function pairState(input: TensorSignature, outputs: TensorSignature[], taken: Set<string>): TensorSignature | undefined {
  const fits = outputs.filter(
    (o) =>
      !taken.has(o.name) &&
      o.type === input.type &&
      o.shape.length === input.shape.length &&
      o.shape.every((d, i) => !fixed(d) || !fixed(input.shape[i]!) || d === input.shape[i]),
  );
  if (fits.length <= 1) return fits[0];
  const stem = input.name.replace(/_?(in|0|prev|input)$/i, '');
  const named = fits.filter((o) => o.name.startsWith(stem) || o.name.replace(/_?(out|n|next|output)$/i, '') === stem);
  return named.length === 1 ? named[0] : undefined;
}

function actionWidths(family: RobotFamily): number[] {
  const all = FIELD_CATALOG[family].action;
  const required = all.filter((a) => a.required).length;
  return required === all.length ? [required] : [required, all.length];
}

export function draftManifest(sig: ModelSignature, opts: DraftOptions): Draft {
  const problems: string[] = [];
  const notes: string[] = [];
  const family = opts.family;
  const widths = actionWidths(family);

  const obs = pickInput(sig, opts, problems);
  if (obs) {
    if (obs.type !== 'float32')
      problems.push(`input "${obs.name}" is ${obs.type}; a policy's observation must be float32 (export with float32 inputs, or cast in the graph)`);
    if (obs.shape.length !== 2) problems.push(`input "${obs.name}" has shape ${shapeText(obs)}; a policy's observation is [batch, values] (2-D)`);
    else if (fixed(obs.shape[0]!) && obs.shape[0] !== 1)
      problems.push(`input "${obs.name}" has a fixed batch of ${obs.shape[0]}; export with a dynamic batch (dynamic_axes) or batch 1`);
  }

  // Every other input is recurrent state, fed back from an output of the same shape.
  const taken = new Set<string>();
  const state: NonNullable<PolicyManifest['state']> = [];
  for (const input of sig.inputs) {
    if (input === obs) continue;
    const out = pairState(
      input,
      sig.outputs.filter((o) => o.name !== opts.actionOutput),
      taken,
    );
    if (!out) {
      problems.push(
        `input "${input.name}" ${shapeText(input)} is not the observation, and no single output of the same shape carries its next value; a recurrent state input needs one`,
      );
      continue;
    }
    if (input.type !== 'float32') problems.push(`state input "${input.name}" is ${input.type}; state must be float32`);
    taken.add(out.name);
    // Dynamic dimensions are the batch: one episode at a time.
    state.push({ input: input.name, output: out.name, shape: input.shape.map((d) => (fixed(d) ? d : 1)) });
    notes.push(`recurrent state: "${out.name}" feeds "${input.name}" each tick, zeros ${JSON.stringify(state[state.length - 1]!.shape)} at each episode start`);
  }

  let action: TensorSignature | undefined;
  const rest = sig.outputs.filter((o) => !taken.has(o.name));
  if (opts.actionOutput !== undefined) {
    action = rest.find((o) => o.name === opts.actionOutput);
    if (!action)
      problems.push(
        `--action-output "${opts.actionOutput}": the model has no such output (its outputs: ${sig.outputs.map((t) => `"${t.name}" ${shapeText(t)}`).join(', ')})`,
      );
  } else if (rest.length === 1) {
    action = rest[0];
  } else {
    const byWidth = rest.filter((o) => o.shape.length === 2 && fixed(o.shape[1]!) && widths.includes(o.shape[1]));
    const byName = rest.filter((o) => /action|mean|actor/i.test(o.name));
    action = byWidth.length === 1 ? byWidth[0] : byName.length === 1 ? byName[0] : undefined;
    if (!action)
      problems.push(
        `the model has ${rest.length} outputs (${rest.map((t) => `"${t.name}" ${shapeText(t)}`).join(', ')}); name the action output with --action-output NAME`,
      );
    else notes.push(`action output: "${action.name}" (of ${rest.length} outputs; --action-output NAME picks another)`);
  }
  let actionCount = widths[widths.length - 1]!;
  if (action) {
    if (action.type !== 'float32') problems.push(`output "${action.name}" is ${action.type}; a policy's action must be float32`);
    if (action.shape.length !== 2) problems.push(`output "${action.name}" has shape ${shapeText(action)}; a policy's action is [batch, values] (2-D)`);
    else if (fixed(action.shape[1]!)) {
      if (!widths.includes(action.shape[1])) {
        const names = FIELD_CATALOG[family].action.map((a) => a.name);
        problems.push(
          `output "${action.name}" has ${action.shape[1]} values; ${family === 'arm' ? 'an arm' : 'a mobile base'} is driven by ${widths.join(' or ')} (${names.join(', ')}; the last is optional)`,
        );
      } else actionCount = action.shape[1];
    } else notes.push(`output "${action.name}" does not declare its width: the draft lists all ${actionCount} ${family} actions`);
  }
  const ignored = rest.filter((o) => o !== action).map((o) => ({ name: o.name, as: guessIgnored(o.name) }));
  for (const o of ignored) notes.push(`output "${o.name}" is ignored as: ${o.as} (edit output.ignored if that is wrong)`);

  if (problems.length > 0) throw new PolicyLoadError(opts.modelFile, problems);

  const catalog = FIELD_CATALOG[family];
  const observation = catalog.observation
    .filter((f) => f.name !== 'arm.jointPositionsRad')
    .map((f) => ({ name: f.name, size: f.defaultSize, units: f.units, meaning: f.meaning }));
  const size = layoutSize(observation);
  const width = obs && fixed(obs.shape[1]!) ? obs.shape[1] : undefined;
  const needsTrim = width !== undefined && width !== size;
  if (needsTrim) {
    notes.unshift(
      `NOT YET VALID: the model reads ${width} values, the drafted layout lists ${size}. Remove the fields it was not trained on` +
        ` and set sizes (scan sectors) until they add up to ${width}, in the order the model reads them (erosion list fields --family ${family})`,
    );
  } else {
    notes.unshift(
      `check that the model reads these ${size} values in this order, with these units (erosion list fields --family ${family} says what each means)`,
    );
  }
  const controlHz = opts.controlHz ?? DEFAULT_CONTROL_HZ[family];
  notes.push(`controlHz ${controlHz}: the rate the policy was trained at; change it if it differs (the physics rate must be a multiple of it)`);
  notes.push('normalisation: none drafted; if the model was trained on normalised observations, add mean and std (or fold them into the graph)');
  notes.push('provenance: say how the model was trained (data, recipe) before sharing results');

  const manifest: PolicyManifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    id: opts.id,
    model: opts.modelFile,
    sha256: sig.sha256,
    robotFamily: family,
    controlHz,
    input: { name: obs!.name, observation },
    output: {
      name: action!.name,
      action: catalog.action.slice(0, actionCount).map((a) => ({ name: a.name, units: a.units, meaning: a.meaning })),
      ...(ignored.length > 0 ? { ignored } : {}),
    },
    ...(state.length > 0 ? { state } : {}),
    description: '',
    provenance: `ONNX model from ${sig.producer}; drafted by erosion manifest`,
  };
  return { manifest, notes, needsTrim };
}
