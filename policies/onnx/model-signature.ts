// The model's inputs and outputs against what its manifest says each one is: one observation
// input, one action output, recurrent state pairs, and outputs declared as ignored. Every model
// tensor must have a role, so nothing is fed or dropped without the manifest saying so.

import type * as ort from 'onnxruntime-node';
import type { PolicyManifest } from '../manifest.js';
import { layoutSize } from '../policy.js';

type Dim = number | string;
type Meta = ort.InferenceSession.ValueMetadata;

export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (typeof d === 'number' && d >= 0 ? String(d) : typeof d === 'string' && d !== '' ? d : '?')).join(',')}]`;
}

const isFixed = (d: Dim): d is number => typeof d === 'number' && d >= 0;

export interface SignatureCheck {
  /** false when the model was exported with a fixed batch of 1: rows then run one by one. */
  dynamicBatch: boolean;
  /** Lines for `validate`: what each extra output is ignored as. */
  notes: string[];
}

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ') || 'none';

function tensorMeta(kind: 'input' | 'output', meta: readonly Meta[], name: string, problems: string[]): (Meta & { isTensor: true }) | undefined {
  const found = meta.find((m) => m.name === name);
  if (!found) {
    problems.push(`${kind} "${name}": the model has no ${kind} of that name (its ${kind}s: ${quoted(meta.map((m) => m.name))})`);
    return undefined;
  }
  if (!found.isTensor) {
    problems.push(`${kind} "${name}": the model's ${kind} is not a tensor`);
    return undefined;
  }
  if (found.type !== 'float32') problems.push(`${kind} "${name}": model ${kind} type is ${found.type}, a policy ${kind} must be float32`);
  return found;
}

/** The observation input or the action output: [batch, size]. */
function checkRows(kind: 'input' | 'output', meta: readonly Meta[], name: string, size: number, layoutWord: string, problems: string[]): boolean {
  const found = tensorMeta(kind, meta, name, problems);
  if (!found) return true;
  const shape = found.shape;
  const expected = `[batch,${size}]`;
  if (shape.length === 0) return true; // shape not declared in the model: checked at run time
  if (shape.length !== 2) {
    problems.push(`${kind} "${name}": model shape ${formatShape(shape)} is not 2-D; expected ${expected} (batch, then the ${size} ${layoutWord} values)`);
    return true;
  }
  const [batch, width] = shape as [Dim, Dim];
  if (isFixed(width) && width !== size) {
    problems.push(`${kind} "${name}": model shape ${formatShape(shape)} but manifest ${layoutWord} layout has ${size} values (expected ${expected})`);
  }
  if (isFixed(batch) && batch !== 1)
    problems.push(`${kind} "${name}": model shape ${formatShape(shape)} has a fixed batch of ${batch}; expected a dynamic batch or 1, as in ${expected}`);
  return !isFixed(batch);
}

function checkStateShape(kind: 'input' | 'output', meta: readonly Meta[], name: string, declared: readonly number[], path: string, problems: string[]): void {
  const found = tensorMeta(kind, meta, name, problems);
  if (!found || found.shape.length === 0) return;
  const shape = found.shape as Dim[];
  const fits = shape.length === declared.length && shape.every((d, i) => !isFixed(d) || d === declared[i]);
  if (!fits) problems.push(`${path}: model ${kind} "${name}" has shape ${formatShape(shape)}, the manifest declares ${formatShape(declared)}`);
}

/**
 * Every disagreement between the model's signature and the manifest, into `problems`; what the
 * loader needs to know about batching; and a note per ignored output.
 */
export function checkSignature(inputs: readonly Meta[], outputs: readonly Meta[], manifest: PolicyManifest, problems: string[]): SignatureCheck {
  const state = manifest.state ?? [];
  const ignored = manifest.output.ignored ?? [];
  const inDynamic = checkRows('input', inputs, manifest.input.name, layoutSize(manifest.input.observation), 'observation', problems);
  const outDynamic = checkRows('output', outputs, manifest.output.name, manifest.output.action.length, 'action', problems);
  state.forEach((s, i) => {
    checkStateShape('input', inputs, s.input, s.shape, `state[${i}].input`, problems);
    checkStateShape('output', outputs, s.output, s.shape, `state[${i}].output`, problems);
  });

  // When the observation input or action output itself is missing, its message already lists the model's names.
  const has = (meta: readonly Meta[], name: string): boolean => meta.some((m) => m.name === name);
  const knownInputs = new Set([manifest.input.name, ...state.map((s) => s.input)]);
  for (const m of inputs) {
    if (knownInputs.has(m.name) || !has(inputs, manifest.input.name)) continue;
    problems.push(
      `model input "${m.name}" has no role in the manifest: a policy takes one observation input ("${manifest.input.name}")` +
        ' and, if recurrent, state inputs declared under "state" (input, output, shape), zeroed at each episode start',
    );
  }
  const knownOutputs = new Set([manifest.output.name, ...state.map((s) => s.output), ...ignored.map((o) => o.name)]);
  for (const m of outputs) {
    if (knownOutputs.has(m.name) || !has(outputs, manifest.output.name)) continue;
    problems.push(
      `model output "${m.name}" has no role in the manifest: the action is "${manifest.output.name}"; declare this one under output.ignored` +
        ` with what it is, e.g. {"name": "${m.name}", "as": "log standard deviation of the action distribution"}, or as a state output`,
    );
  }
  const notes: string[] = [];
  ignored.forEach((o, i) => {
    if (!outputs.some((m) => m.name === o.name))
      problems.push(`output.ignored[${i}].name: the model has no output "${o.name}" (its outputs: ${quoted(outputs.map((m) => m.name))})`);
    else notes.push(`output "${o.name}" is ignored (${o.as})`);
  });
  return { dynamicBatch: inDynamic && outDynamic, notes };
}
