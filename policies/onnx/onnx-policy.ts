// The only home of onnxruntime-node: everything outside this folder sees plain Float32Arrays
// and PolicyInfo, never an ORT session or tensor.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, isAbsolute } from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  findManifestForModel,
  modelPathOf,
  policyInfoFromManifest,
  readManifestFile,
  type ObservationNormalisation,
  type PolicyManifest,
} from '../manifest.js';
import { PolicyLoadError } from '../policy-load-error.js';
import { inspectModelBytes } from './external-data.js';
import { layoutSize, type Policy } from '../policy.js';

/** Version of the ONNX Runtime binding doing the inference, for the episode record header. */
export function onnxRuntimeVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}

// One thread, sequential execution: inference must not compete with the physics workers, and
// single-threaded float reductions give the same bits on every run.
const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
};

type Dim = number | string;

function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (typeof d === 'number' && d >= 0 ? String(d) : typeof d === 'string' && d !== '' ? d : '?')).join(',')}]`;
}

const isFixed = (d: Dim): d is number => typeof d === 'number' && d >= 0;

/** First line of an ORT error: its message, without the native stack. */
function ortMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim();
}

interface BatchSupport {
  /** false when the model was exported with a fixed batch of 1: rows then run one by one. */
  dynamicBatch: boolean;
}

/**
 * Checks one side (input or output) of the model against the manifest. `size` is the number of
 * values the manifest layout declares for it.
 */
function checkValue(
  kind: 'input' | 'output',
  meta: readonly ort.InferenceSession.ValueMetadata[],
  name: string,
  size: number,
  layoutWord: string,
  problems: string[],
): BatchSupport {
  const support: BatchSupport = { dynamicBatch: true };
  const found = meta.find((m) => m.name === name);
  if (!found) {
    const names = meta.map((m) => `"${m.name}"`).join(', ') || 'none';
    problems.push(`${kind} "${name}": the model has no ${kind} of that name (its ${kind}s: ${names})`);
    return support;
  }
  if (!found.isTensor) {
    problems.push(`${kind} "${name}": the model's ${kind} is not a tensor`);
    return support;
  }
  if (found.type !== 'float32') problems.push(`${kind} "${name}": model ${kind} type is ${found.type}, a policy ${kind} must be float32`);
  const shape = found.shape;
  const expected = `[batch,${size}]`;
  if (shape.length === 0) return support; // shape not declared in the model: checked at run time
  if (shape.length !== 2) {
    problems.push(`${kind} "${name}": model shape ${formatShape(shape)} is not 2-D; expected ${expected} (batch, then the ${size} ${layoutWord} values)`);
    return support;
  }
  const [batch, width] = shape as [Dim, Dim];
  if (isFixed(width) && width !== size) {
    problems.push(`${kind} "${name}": model shape ${formatShape(shape)} but manifest ${layoutWord} layout has ${size} values (expected ${expected})`);
  }
  if (isFixed(batch)) {
    if (batch === 1) support.dynamicBatch = false;
    else problems.push(`${kind} "${name}": model shape ${formatShape(shape)} has a fixed batch of ${batch}; expected a dynamic batch or 1, as in ${expected}`);
  }
  return support;
}

function normaliser(n: ObservationNormalisation | undefined): (obs: Float32Array, out: Float32Array, offset: number) => void {
  if (!n) return (obs, out, offset) => out.set(obs, offset);
  const clip = n.clip ?? Infinity;
  return (obs, out, offset) => {
    for (let i = 0; i < obs.length; i++) {
      const z = (obs[i]! - n.mean[i]!) / n.std[i]!;
      out[offset + i] = Math.min(clip, Math.max(-clip, z));
    }
  };
}

/**
 * Loads an ONNX policy from its manifest, or from a .onnx path with the manifest beside it.
 * Every disagreement between file, manifest and model is reported at once in a PolicyLoadError.
 */
export async function loadOnnxPolicy(manifestOrModelPath: string): Promise<Policy> {
  const givenModel = manifestOrModelPath.endsWith('.onnx') ? resolve(manifestOrModelPath) : undefined;
  const manifestPath = givenModel ? findManifestForModel(givenModel) : manifestOrModelPath;
  const manifest: PolicyManifest = readManifestFile(manifestPath);
  const modelPath = modelPathOf(manifestPath, manifest);
  const problems: string[] = [];

  if (givenModel && modelPath !== givenModel) {
    throw new PolicyLoadError(manifestPath, [`model: names ${manifest.model}, but it was found as the manifest of ${basename(givenModel)}`]);
  }
  const rel = relative(dirname(resolve(manifestPath)), modelPath);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new PolicyLoadError(manifestPath, [`model: "${manifest.model}" is outside the manifest's folder`]);
  }

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(modelPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PolicyLoadError(manifestPath, [
      code === 'ENOENT' ? `model: file ${manifest.model} not found beside the manifest` : `model: cannot read ${manifest.model}: ${(err as Error).message}`,
    ]);
  }
  if (bytes.length === 0) throw new PolicyLoadError(manifestPath, [`model: ${manifest.model} is empty (0 bytes)`]);

  const actualSha = createHash('sha256').update(bytes).digest('hex');
  if (actualSha !== manifest.sha256) {
    problems.push(`sha256: ${manifest.model} hashes to ${actualSha} but the manifest says ${manifest.sha256} (the model changed since the manifest was written)`);
  }

  const inspection = inspectModelBytes(bytes, dirname(modelPath), manifest.model);
  if (inspection.problems.length > 0) throw new PolicyLoadError(manifestPath, [...problems, ...inspection.problems]);

  let session: ort.InferenceSession;
  try {
    // External data is resolved by the runtime relative to the model's path, so it needs the path.
    session = inspection.usesExternalData
      ? await ort.InferenceSession.create(modelPath, SESSION_OPTIONS)
      : await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
  } catch (err) {
    problems.push(`model: ${manifest.model} is not a loadable ONNX model (truncated, corrupt or not ONNX; ${bytes.length} bytes): ${ortMessage(err)}`);
    throw new PolicyLoadError(manifestPath, problems);
  }

  const obsSize = layoutSize(manifest.input.observation);
  const actSize = manifest.output.action.length;
  let batching: BatchSupport;
  try {
    if (session.inputNames.length !== 1) {
      problems.push(`model has ${session.inputNames.length} inputs (${session.inputNames.map((n) => `"${n}"`).join(', ')}); a policy takes exactly one observation input`);
    }
    const inSupport = checkValue('input', session.inputMetadata, manifest.input.name, obsSize, 'observation', problems);
    const outSupport = checkValue('output', session.outputMetadata, manifest.output.name, actSize, 'action', problems);
    batching = { dynamicBatch: inSupport.dynamicBatch && outSupport.dynamicBatch };
    if (problems.length > 0) throw new PolicyLoadError(manifestPath, problems);
  } catch (err) {
    await session.release();
    throw err;
  }

  return new OnnxPolicy(session, manifest, obsSize, actSize, batching.dynamicBatch);
}

class OnnxPolicy implements Policy {
  readonly info;
  private closed = false;
  private readonly normalise;

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly manifest: PolicyManifest,
    private readonly obsSize: number,
    private readonly actSize: number,
    private readonly dynamicBatch: boolean,
  ) {
    this.info = policyInfoFromManifest(manifest);
    this.normalise = normaliser(manifest.normalisation);
  }

  async act(observation: Float32Array): Promise<Float32Array> {
    const [action] = await this.run([observation]);
    return action!;
  }

  async actBatch(observations: Float32Array[]): Promise<Float32Array[]> {
    if (observations.length === 0) return [];
    if (this.dynamicBatch) return this.run(observations);
    const out: Float32Array[] = [];
    for (const obs of observations) out.push(...(await this.run([obs])));
    return out;
  }

  /** N observations as one [N, obsSize] tensor, one session.run, N action rows. */
  private async run(observations: Float32Array[]): Promise<Float32Array[]> {
    if (this.closed) throw new Error(`policy ${this.info.id} is closed`);
    const n = observations.length;
    const packed = new Float32Array(n * this.obsSize);
    observations.forEach((obs, i) => {
      if (obs.length !== this.obsSize) {
        throw new Error(`policy ${this.info.id}: observation ${i} has ${obs.length} values, the layout has ${this.obsSize}`);
      }
      this.normalise(obs, packed, i * this.obsSize);
    });
    const inputName = this.manifest.input.name;
    const outputName = this.manifest.output.name;
    const feeds = { [inputName]: new ort.Tensor('float32', packed, [n, this.obsSize]) };
    const result = await this.session.run(feeds, [outputName]);
    const out = result[outputName];
    if (!out || out.type !== 'float32' || out.dims.length !== 2 || out.dims[0] !== n || out.dims[1] !== this.actSize) {
      const got = out ? `${out.type} ${formatShape(out.dims as number[])}` : 'nothing';
      throw new Error(`policy ${this.info.id}: output "${outputName}" was ${got}, expected float32 [${n},${this.actSize}]`);
    }
    const data = out.data as Float32Array;
    const rows: Float32Array[] = [];
    for (let i = 0; i < n; i++) rows.push(data.slice(i * this.actSize, (i + 1) * this.actSize));
    return rows;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }
}
