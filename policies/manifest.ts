// The manifest: a JSON file next to each .onnx (<id>.manifest.json) declaring what the model's
// numbers mean. The parse is pure (text in, manifest or ManifestError out); the few helpers that
// touch the disk are at the bottom and say so.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, posix, resolve, win32 } from 'node:path';
import { PolicyLoadError } from './policy-load-error.js';
import { layoutSize, type ActionField, type LayoutField, type PolicyInfo, type RobotFamily } from './policy.js';

export const MANIFEST_SCHEMA_VERSION = 1;
export const MANIFEST_SUFFIX = '.manifest.json';
const ROBOT_FAMILIES: readonly RobotFamily[] = ['mobile-base', 'arm'];

/** Applied to the observation before the model: (x - mean) / std, then clipped to [-clip, clip]. */
export interface ObservationNormalisation {
  mean: number[];
  std: number[];
  clip?: number;
}

export interface PolicyManifest {
  schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  id: string;
  /** File name of the .onnx, relative to the manifest and inside its folder. */
  model: string;
  /** sha256 of the .onnx bytes, lowercase hex. */
  sha256: string;
  robotFamily: RobotFamily;
  controlHz: number;
  input: { name: string; observation: LayoutField[] };
  output: { name: string; action: ActionField[] };
  normalisation?: ObservationNormalisation;
  description: string;
  /** Free text: how the model was made (training run, data, or "hand-built"). */
  provenance: string;
}

/** A manifest that cannot be used; every offending field by path (input.observation[2].size). */
export class ManifestError extends PolicyLoadError {
  constructor(source: string, problems: string[]) {
    super(source, problems);
    this.name = 'ManifestError';
    this.message = `${source}: invalid policy manifest\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v) ?? String(v));
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Collects problems while reading fields; each getter returns undefined when the field is bad. */
class Reader {
  readonly problems: string[] = [];

  fail(path: string, message: string): undefined {
    this.problems.push(`${path}: ${message}`);
    return undefined;
  }

  object(v: unknown, path: string, allowed: readonly string[]): Obj | undefined {
    if (!isObj(v)) return this.fail(path, `must be an object (got ${show(v)})`);
    for (const key of Object.keys(v)) {
      if (!allowed.includes(key)) {
        this.fail(path === '' ? key : `${path}.${key}`, `unknown field (expected one of ${allowed.join(', ')})`);
      }
    }
    return v;
  }

  string(v: unknown, path: string, opts: { nonEmpty?: boolean } = {}): string | undefined {
    if (typeof v !== 'string') return this.fail(path, `must be a string (got ${show(v)})`);
    if (opts.nonEmpty && v.trim() === '') return this.fail(path, 'must not be empty');
    return v;
  }

  positive(v: unknown, path: string, opts: { integer?: boolean } = {}): number | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(path, `must be a finite number (got ${show(v)})`);
    if (opts.integer && !Number.isInteger(v)) return this.fail(path, `must be a whole number (got ${v})`);
    if (v <= 0) return this.fail(path, `must be > 0 (got ${v})`);
    return v;
  }

  array(v: unknown, path: string): unknown[] | undefined {
    if (!Array.isArray(v)) return this.fail(path, `must be an array (got ${show(v)})`);
    return v;
  }

  numbers(v: unknown, path: string, check?: (x: number) => string | undefined): number[] | undefined {
    const arr = this.array(v, path);
    if (!arr) return undefined;
    let ok = true;
    arr.forEach((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        ok = false;
        this.fail(`${path}[${i}]`, `must be a finite number (got ${show(x)})`);
        return;
      }
      const bad = check?.(x);
      if (bad) {
        ok = false;
        this.fail(`${path}[${i}]`, bad);
      }
    });
    return ok ? (arr as number[]) : undefined;
  }
}

function readLayout(r: Reader, v: unknown, path: string): LayoutField[] | undefined {
  const arr = r.array(v, path);
  if (!arr) return undefined;
  if (arr.length === 0) return r.fail(path, 'must list at least one field');
  const out: LayoutField[] = [];
  const seen = new Set<string>();
  arr.forEach((item, i) => {
    const p = `${path}[${i}]`;
    const o = r.object(item, p, ['name', 'size', 'units']);
    if (!o) return;
    const name = r.string(o.name, `${p}.name`, { nonEmpty: true });
    const size = r.positive(o.size, `${p}.size`, { integer: true });
    const units = r.string(o.units, `${p}.units`, { nonEmpty: true });
    if (name !== undefined && seen.has(name)) r.fail(`${p}.name`, `duplicate field "${name}"`);
    if (name !== undefined) seen.add(name);
    if (name !== undefined && size !== undefined && units !== undefined) out.push({ name, size, units });
  });
  return out.length === arr.length ? out : undefined;
}

function readActions(r: Reader, v: unknown, path: string): ActionField[] | undefined {
  const arr = r.array(v, path);
  if (!arr) return undefined;
  if (arr.length === 0) return r.fail(path, 'must list at least one field');
  const out: ActionField[] = [];
  const seen = new Set<string>();
  arr.forEach((item, i) => {
    const p = `${path}[${i}]`;
    const o = r.object(item, p, ['name', 'units']);
    if (!o) return;
    const name = r.string(o.name, `${p}.name`, { nonEmpty: true });
    const units = r.string(o.units, `${p}.units`, { nonEmpty: true });
    if (name !== undefined && seen.has(name)) r.fail(`${p}.name`, `duplicate field "${name}"`);
    if (name !== undefined) seen.add(name);
    if (name !== undefined && units !== undefined) out.push({ name, units });
  });
  return out.length === arr.length ? out : undefined;
}

/** The model reference must be a relative .onnx path that cannot climb out of the manifest's folder. */
function readModelRef(r: Reader, v: unknown): string | undefined {
  const model = r.string(v, 'model', { nonEmpty: true });
  if (model === undefined) return undefined;
  if (posix.isAbsolute(model) || win32.isAbsolute(model)) {
    return r.fail('model', `must be a file name relative to the manifest, not an absolute path (got "${model}")`);
  }
  const normalised = posix.normalize(model.replace(/\\/g, '/'));
  if (normalised === '..' || normalised.startsWith('../')) {
    return r.fail('model', `must stay inside the manifest's folder (got "${model}")`);
  }
  if (!model.endsWith('.onnx')) return r.fail('model', `must name a .onnx file (got "${model}")`);
  return model;
}

/** Pure validation of an already-parsed JSON value. `source` names the file in errors. */
export function validateManifest(raw: unknown, source: string): PolicyManifest {
  const r = new Reader();
  const top = r.object(raw, '', [
    'schemaVersion', 'id', 'model', 'sha256', 'robotFamily', 'controlHz',
    'input', 'output', 'normalisation', 'description', 'provenance',
  ]);
  if (!top) throw new ManifestError(source, r.problems.map((p) => p.replace(/^: /, '(root): ')));

  if (top.schemaVersion !== MANIFEST_SCHEMA_VERSION) {
    r.fail('schemaVersion', `must be ${MANIFEST_SCHEMA_VERSION} (got ${show(top.schemaVersion)})`);
  }
  let id = r.string(top.id, 'id', { nonEmpty: true });
  if (id !== undefined && !ID_PATTERN.test(id)) {
    id = r.fail('id', `must be letters, digits, '.', '_' or '-', starting with a letter or digit (got "${id}")`);
  }
  if (id !== undefined && basename(source).endsWith(MANIFEST_SUFFIX) && basename(source) !== `${id}${MANIFEST_SUFFIX}`) {
    r.fail('id', `"${id}" does not match the file name ${basename(source)} (a manifest is named <id>${MANIFEST_SUFFIX})`);
  }
  const model = readModelRef(r, top.model);
  let sha256 = r.string(top.sha256, 'sha256');
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) {
    sha256 = r.fail('sha256', `must be 64 lowercase hex digits (got "${sha256}")`);
  }
  let robotFamily: RobotFamily | undefined;
  if (ROBOT_FAMILIES.includes(top.robotFamily as RobotFamily)) robotFamily = top.robotFamily as RobotFamily;
  else r.fail('robotFamily', `must be one of ${ROBOT_FAMILIES.map((f) => `"${f}"`).join(', ')} (got ${show(top.robotFamily)})`);
  const controlHz = r.positive(top.controlHz, 'controlHz');

  let input: PolicyManifest['input'] | undefined;
  const inObj = r.object(top.input, 'input', ['name', 'observation']);
  if (inObj) {
    const name = r.string(inObj.name, 'input.name', { nonEmpty: true });
    const observation = readLayout(r, inObj.observation, 'input.observation');
    if (name !== undefined && observation) input = { name, observation };
  }
  let output: PolicyManifest['output'] | undefined;
  const outObj = r.object(top.output, 'output', ['name', 'action']);
  if (outObj) {
    const name = r.string(outObj.name, 'output.name', { nonEmpty: true });
    const action = readActions(r, outObj.action, 'output.action');
    if (name !== undefined && action) output = { name, action };
  }

  let normalisation: ObservationNormalisation | undefined;
  if (top.normalisation !== undefined) {
    const n = r.object(top.normalisation, 'normalisation', ['mean', 'std', 'clip']);
    if (n) {
      const mean = r.numbers(n.mean, 'normalisation.mean');
      const std = r.numbers(n.std, 'normalisation.std', (x) => (x > 0 ? undefined : `must be > 0 (got ${x})`));
      const clip = n.clip === undefined ? undefined : r.positive(n.clip, 'normalisation.clip');
      const size = input ? layoutSize(input.observation) : undefined;
      if (size !== undefined) {
        if (mean && mean.length !== size) r.fail('normalisation.mean', `has ${mean.length} values but the observation layout has ${size}`);
        if (std && std.length !== size) r.fail('normalisation.std', `has ${std.length} values but the observation layout has ${size}`);
      }
      if (mean && std) normalisation = clip === undefined ? { mean, std } : { mean, std, clip };
    }
  }
  const description = r.string(top.description, 'description');
  const provenance = r.string(top.provenance, 'provenance', { nonEmpty: true });

  if (r.problems.length > 0) throw new ManifestError(source, r.problems);
  // Every field was checked above; the problems list is empty only if each is defined.
  const manifest: PolicyManifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    id: id!,
    model: model!,
    sha256: sha256!,
    robotFamily: robotFamily!,
    controlHz: controlHz!,
    input: input!,
    output: output!,
    description: description!,
    provenance: provenance!,
  };
  if (normalisation) manifest.normalisation = normalisation;
  return manifest;
}

/** Pure parse of manifest JSON text. `source` names the file in errors. */
export function parseManifest(text: string, source: string): PolicyManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(source, [`not valid JSON: ${(err as Error).message}`]);
  }
  return validateManifest(raw, source);
}

/** Stable JSON (fixed key order, two-space indent, trailing newline) so written manifests diff cleanly. */
export function formatManifest(m: PolicyManifest): string {
  const ordered = {
    schemaVersion: m.schemaVersion,
    id: m.id,
    model: m.model,
    sha256: m.sha256,
    robotFamily: m.robotFamily,
    controlHz: m.controlHz,
    input: { name: m.input.name, observation: m.input.observation.map((f) => ({ name: f.name, size: f.size, units: f.units })) },
    output: { name: m.output.name, action: m.output.action.map((f) => ({ name: f.name, units: f.units })) },
    ...(m.normalisation ? { normalisation: m.normalisation } : {}),
    description: m.description,
    provenance: m.provenance,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The plain description every Policy carries, from its manifest. */
export function policyInfoFromManifest(m: PolicyManifest): PolicyInfo {
  return {
    id: m.id,
    sha256: m.sha256,
    robotFamily: m.robotFamily,
    controlHz: m.controlHz,
    observation: m.input.observation.map((f) => ({ ...f })),
    action: m.output.action.map((f) => ({ ...f })),
  };
}

// ---- disk helpers (I/O) ----

/** Reads and validates a manifest file. */
export function readManifestFile(path: string): PolicyManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ManifestError(path, [`cannot read file: ${(err as Error).message}`]);
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
      const raw = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
      if (isObj(raw) && typeof raw.model === 'string' && resolve(dir, raw.model) === abs) matches.push(join(dir, name));
    } catch {
      // Unreadable manifests of other models are not this model's problem.
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
