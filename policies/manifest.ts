// The manifest: a JSON file next to each .onnx (<id>.manifest.json) declaring what the model's
// numbers mean. The format is a zod schema (manifest-schema.ts); the parse is pure (text in,
// manifest or ManifestError out); the few helpers that touch the disk are at the bottom and say so.

import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeIssue, manifestSchema, MANIFEST_SCHEMA_VERSION, type ManifestData } from './manifest-schema.js';
import { PolicyLoadError } from './policy-load-error.js';
import { layoutSize, type PolicyInfo } from './policy.js';
import { FileRefusal, readFileSafely } from './safe-read.js';

export { MANIFEST_SCHEMA_VERSION };
export const MANIFEST_SUFFIX = '.manifest.json';
/** A manifest is a few kilobytes; this bound only stops a hostile file from costing memory. */
export const MANIFEST_MAX_BYTES = 8 * 1024 * 1024;
/** Problems listed per manifest before the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

/** Applied to the observation before the model: (x - mean) / std, then clipped to [-clip, clip]. */
export interface ObservationNormalisation {
  mean: number[];
  std: number[];
  clip?: number;
}

/**
 * A validated manifest. `model` is the .onnx file name, relative to the manifest and inside its
 * folder; `sha256` the model bytes' hash; `state` the recurrent state tensors, if any;
 * `output.ignored` the model outputs that are not the action, each with what it is.
 */
export type PolicyManifest = ManifestData;
export type StateTensor = NonNullable<ManifestData['state']>[number];

/** At most `max` problems, then one line counting the rest: an error stays readable whatever the input. */
export function capProblems(problems: string[], max = MAX_LISTED_PROBLEMS): string[] {
  return problems.length <= max ? problems : [...problems.slice(0, max), `... and ${problems.length - max} more`];
}

/** A manifest that cannot be used; every offending field by path (input.observation[2].size). */
export class ManifestError extends PolicyLoadError {
  constructor(source: string, problems: string[]) {
    const capped = capProblems(problems);
    super(source, capped);
    this.name = 'ManifestError';
    this.message = `${source}: invalid policy manifest\n${capped.map((p) => `  - ${p}`).join('\n')}`;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the schema cannot express: sizes and names that must agree across fields. */
function crossCheck(m: PolicyManifest, source: string): string[] {
  const problems: string[] = [];
  if (basename(source).endsWith(MANIFEST_SUFFIX) && basename(source) !== `${m.id}${MANIFEST_SUFFIX}`) {
    problems.push(`id: "${m.id}" does not match the file name ${basename(source)} (a manifest is named <id>${MANIFEST_SUFFIX})`);
  }
  const duplicates = (names: string[], path: (i: number) => string): void => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      if (seen.has(n)) problems.push(`${path(i)}: duplicate field "${n}"`);
      seen.add(n);
    });
  };
  duplicates(
    m.input.observation.map((f) => f.name),
    (i) => `input.observation[${i}].name`,
  );
  duplicates(
    m.output.action.map((f) => f.name),
    (i) => `output.action[${i}].name`,
  );
  // Each model input and output has one role: observation, action, state, or ignored.
  const claim = (entries: Array<{ path: string; tensor: string }>): void => {
    const seen = new Map<string, string>();
    for (const { path, tensor } of entries) {
      const first = seen.get(tensor);
      if (first !== undefined) problems.push(`${path}: "${tensor}" is already named by ${first}`);
      else seen.set(tensor, path);
    }
  };
  const state = m.state ?? [];
  claim([{ path: 'input.name', tensor: m.input.name }, ...state.map((t, i) => ({ path: `state[${i}].input`, tensor: t.input }))]);
  claim([
    { path: 'output.name', tensor: m.output.name },
    ...state.map((t, i) => ({ path: `state[${i}].output`, tensor: t.output })),
    ...(m.output.ignored ?? []).map((o, i) => ({ path: `output.ignored[${i}].name`, tensor: o.name })),
  ]);
  if (m.normalisation) {
    const size = layoutSize(m.input.observation);
    const { mean, std } = m.normalisation;
    if (mean.length !== size) problems.push(`normalisation.mean: has ${mean.length} values but the observation layout has ${size}`);
    if (std.length !== size) problems.push(`normalisation.std: has ${std.length} values but the observation layout has ${size}`);
  }
  return problems;
}

/** Pure validation of an already-parsed JSON value. `source` names the file in errors. */
export function validateManifest(raw: unknown, source: string): PolicyManifest {
  const result = manifestSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ManifestError(source, result.error.issues.flatMap(describeIssue));
  const problems = crossCheck(result.data, source);
  if (problems.length > 0) throw new ManifestError(source, problems);
  return result.data;
}

/** Pure parse of manifest JSON text. `source` names the file in errors. */
export function parseManifest(text: string, source: string): PolicyManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(source, [`not valid JSON: ${(err as Error).message.slice(0, 200)}`]);
  }
  return validateManifest(raw, source);
}

/** Stable JSON (fixed key order, two-space indent, trailing newline) so written manifests diff cleanly. */
export function formatManifest(m: PolicyManifest): string {
  const withMeaning = <T extends { meaning?: string }>(f: T, base: Omit<T, 'meaning'>) => (f.meaning !== undefined ? { ...base, meaning: f.meaning } : base);
  const ordered = {
    schemaVersion: m.schemaVersion,
    id: m.id,
    model: m.model,
    sha256: m.sha256,
    robotFamily: m.robotFamily,
    controlHz: m.controlHz,
    input: { name: m.input.name, observation: m.input.observation.map((f) => withMeaning(f, { name: f.name, size: f.size, units: f.units })) },
    output: {
      name: m.output.name,
      action: m.output.action.map((f) => withMeaning(f, { name: f.name, units: f.units })),
      ...(m.output.ignored ? { ignored: m.output.ignored.map((o) => ({ name: o.name, as: o.as })) } : {}),
    },
    ...(m.state ? { state: m.state.map((t) => ({ input: t.input, output: t.output, shape: t.shape })) } : {}),
    ...(m.normalisation ? { normalisation: m.normalisation } : {}),
    description: m.description,
    provenance: m.provenance,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The plain description every Policy carries, from its manifest (the meanings stay in the file). */
export function policyInfoFromManifest(m: PolicyManifest): PolicyInfo {
  return {
    id: m.id,
    sha256: m.sha256,
    robotFamily: m.robotFamily,
    controlHz: m.controlHz,
    observation: m.input.observation.map((f) => ({ name: f.name, size: f.size, units: f.units })),
    action: m.output.action.map((f) => ({ name: f.name, units: f.units })),
  };
}

// ---- disk helpers (I/O) ----

/** Reads and validates a manifest file: a regular file, within the size bound. */
export function readManifestFile(path: string): PolicyManifest {
  let text: string;
  try {
    text = readFileSafely(path, { maxBytes: MANIFEST_MAX_BYTES }).toString('utf8');
  } catch (err) {
    const reason = err instanceof FileRefusal ? err.message : `cannot be read: ${(err as Error).message}`;
    throw new ManifestError(path, [`file ${reason}`]);
  }
  return parseManifest(text, path);
}

/** Absolute path of the .onnx a manifest refers to. */
export function modelPathOf(manifestPath: string, m: PolicyManifest): string {
  return resolve(dirname(manifestPath), m.model);
}

/**
 * The manifest beside a .onnx file: <stem>.manifest.json if present, else the one manifest in the
 * same folder whose `model` names this file.
 */
export function findManifestForModel(modelPath: string): string {
  const abs = resolve(modelPath);
  const dir = dirname(abs);
  const stem = basename(abs).replace(/\.onnx$/, '');
  const direct = join(dir, `${stem}${MANIFEST_SUFFIX}`);
  if (existsSync(direct)) return direct;
  if (!existsSync(abs)) throw new PolicyLoadError(modelPath, ['model file not found']);
  const matches: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(MANIFEST_SUFFIX)) continue;
    try {
      const raw = JSON.parse(readFileSafely(join(dir, name), { maxBytes: MANIFEST_MAX_BYTES }).toString('utf8')) as unknown;
      if (isObj(raw) && typeof raw.model === 'string' && resolve(dir, raw.model) === abs) matches.push(join(dir, name));
    } catch {
      // Unreadable manifests (or FIFOs and links posing as one) of other models are not this model's problem.
    }
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new PolicyLoadError(modelPath, [`several manifests name this model (${matches.map((m) => basename(m)).join(', ')}); pass the manifest path instead`]);
  }
  throw new PolicyLoadError(modelPath, [
    `no manifest beside the model: expected ${stem}${MANIFEST_SUFFIX} in the same folder, declaring its observation and action layouts`,
  ]);
}
