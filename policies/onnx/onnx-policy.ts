// The only home of onnxruntime-node: everything outside this folder sees plain Float32Arrays
// and PolicyInfo, never an ORT session or tensor.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
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
import { checkReadable, FileRefusal } from '../safe-read.js';
import { inspectModelBytes } from './external-data.js';
import { checkSignature, formatShape } from './model-signature.js';
import { runtimeMaxOpset } from './runtime-opset.js';
import { layoutSize, type Policy, type PolicyEpisode } from '../policy.js';

/** Version of the ONNX Runtime binding doing the inference, for the episode record header. */
export function onnxRuntimeVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}

/** Protobuf cannot hold a model of 2 GiB or more; larger weights go in external data files. */
export const MODEL_MAX_BYTES = 2 ** 31 - 1;
/** Opsets up to this every supported runtime loads; above it the runtime is asked. */
const SURELY_SUPPORTED_OPSET = 21;

// One thread, sequential execution: inference must not compete with the physics workers, and
// single-threaded float reductions give the same bits on every run.
const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
};

/** First line of an ORT error: its message, without the native stack. */
function ortMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim();
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
 * The model's bytes, read only when the file is a regular file that really lies in the
 * manifest's folder (a link out of it, or a FIFO that would block forever, is refused unread).
 */
function readModel(manifestPath: string, manifest: PolicyManifest, modelPath: string): Uint8Array {
  try {
    checkReadable(modelPath, { maxBytes: MODEL_MAX_BYTES, within: dirname(resolve(manifestPath)), withinWords: "the manifest's folder" });
    return readFileSync(modelPath);
  } catch (err) {
    if (err instanceof FileRefusal && err.code === 'missing')
      throw new PolicyLoadError(manifestPath, [`model: file ${manifest.model} not found beside the manifest`]);
    const reason = err instanceof FileRefusal ? err.message : `cannot be read: ${(err as Error).message}`;
    throw new PolicyLoadError(manifestPath, [`model: ${manifest.model} ${reason}`]);
  }
}

/** Why the runtime refused a model: an opset newer than it knows comes first, as the cause. */
async function loadFailure(manifest: PolicyManifest, bytes: Uint8Array, opset: number | undefined, err: unknown): Promise<string> {
  if (opset !== undefined && opset > SURELY_SUPPORTED_OPSET) {
    const max = await runtimeMaxOpset();
    if (opset > max) {
      return `model: ${manifest.model} uses ONNX opset ${opset}, newer than this ONNX Runtime (${onnxRuntimeVersion()}) loads (opsets up to ${max}); export again with opset_version ${max} or lower (torch.onnx.export(..., opset_version=17))`;
    }
  }
  return `model: ${manifest.model} is not a loadable ONNX model (truncated, corrupt or not ONNX; ${bytes.length} bytes): ${ortMessage(err)}`;
}

/**
 * Loads an ONNX policy from its manifest, or from a .onnx path with the manifest beside it.
 * Every disagreement between file, manifest and model is reported at once in a PolicyLoadError.
 */
export async function loadOnnxPolicy(manifestOrModelPath: string): Promise<Policy> {
  return (await loadOnnxPolicyWithNotes(manifestOrModelPath)).policy;
}

/** loadOnnxPolicy, plus what the loader wants a user to know (outputs it ignores, and as what). */
export async function loadOnnxPolicyWithNotes(manifestOrModelPath: string): Promise<{ policy: Policy; notes: string[] }> {
  const givenModel = manifestOrModelPath.endsWith('.onnx') ? resolve(manifestOrModelPath) : undefined;
  const manifestPath = givenModel ? findManifestForModel(givenModel) : manifestOrModelPath;
  const manifest: PolicyManifest = readManifestFile(manifestPath);
  const modelPath = modelPathOf(manifestPath, manifest);
  const problems: string[] = [];

  if (givenModel && modelPath !== givenModel) {
    throw new PolicyLoadError(manifestPath, [`model: names ${manifest.model}, but it was found as the manifest of ${basename(givenModel)}`]);
  }
  const bytes = readModel(manifestPath, manifest, modelPath);
  if (bytes.length === 0) throw new PolicyLoadError(manifestPath, [`model: ${manifest.model} is empty (0 bytes)`]);

  const actualSha = createHash('sha256').update(bytes).digest('hex');
  if (actualSha !== manifest.sha256) {
    problems.push(
      `sha256: ${manifest.model} hashes to ${actualSha} but the manifest says ${manifest.sha256} (the model changed since the manifest was written)`,
    );
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
    throw new PolicyLoadError(manifestPath, [await loadFailure(manifest, bytes, inspection.opset, err), ...problems]);
  }

  try {
    const signature = checkSignature(session.inputMetadata, session.outputMetadata, manifest, problems);
    if (problems.length > 0) throw new PolicyLoadError(manifestPath, problems);
    const policy = new OnnxPolicy(session, manifest, layoutSize(manifest.input.observation), manifest.output.action.length, signature.dynamicBatch);
    return { policy, notes: signature.notes };
  } catch (err) {
    await session.release();
    throw err;
  }
}

class OnnxPolicy implements Policy {
  readonly info;
  readonly startEpisode?: () => PolicyEpisode;
  private closed = false;
  private readonly normalise;
  private readonly state;

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly manifest: PolicyManifest,
    private readonly obsSize: number,
    private readonly actSize: number,
    private readonly dynamicBatch: boolean,
  ) {
    this.info = policyInfoFromManifest(manifest);
    this.normalise = normaliser(manifest.normalisation);
    this.state = (manifest.state ?? []).map((s) => ({ ...s, values: s.shape.reduce((n, d) => n * d, 1) }));
    if (this.state.length > 0) this.startEpisode = () => this.recurrentEpisode();
  }

  async act(observation: Float32Array): Promise<Float32Array> {
    this.refuseStateless();
    const [action] = await this.run([observation]);
    return action!;
  }

  async actBatch(observations: Float32Array[]): Promise<Float32Array[]> {
    this.refuseStateless();
    if (observations.length === 0) return [];
    if (this.dynamicBatch) return this.run(observations);
    const out: Float32Array[] = [];
    for (const obs of observations) out.push(...(await this.run([obs])));
    return out;
  }

  /** A recurrent model run without its state would act on zeros every tick: refused, not guessed. */
  private refuseStateless(): void {
    if (this.state.length === 0) return;
    const pairs = this.state.map((s) => `${s.output} -> ${s.input}`).join(', ');
    throw new Error(`policy ${this.info.id} is recurrent (state ${pairs}): run it through startEpisode(), which carries its state from tick to tick`);
  }

  private pack(observations: Float32Array[]): Float32Array {
    if (this.closed) throw new Error(`policy ${this.info.id} is closed`);
    const packed = new Float32Array(observations.length * this.obsSize);
    observations.forEach((obs, i) => {
      if (obs.length !== this.obsSize) {
        throw new Error(`policy ${this.info.id}: observation ${i} has ${obs.length} values, the layout has ${this.obsSize}`);
      }
      this.normalise(obs, packed, i * this.obsSize);
    });
    return packed;
  }

  private actionRows(result: ort.InferenceSession.OnnxValueMapType, n: number): Float32Array[] {
    const outputName = this.manifest.output.name;
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

  /** N observations as one [N, obsSize] tensor, one session.run, N action rows. */
  private async run(observations: Float32Array[]): Promise<Float32Array[]> {
    const packed = this.pack(observations);
    const n = observations.length;
    const feeds = { [this.manifest.input.name]: new ort.Tensor('float32', packed, [n, this.obsSize]) };
    return this.actionRows(await this.session.run(feeds, [this.manifest.output.name]), n);
  }

  /** One episode of a recurrent model: every state tensor zeros at the start, each tick's output fed to the next tick. */
  private recurrentEpisode(): PolicyEpisode {
    const values = this.state.map((s) => new Float32Array(s.values));
    const fetches = [this.manifest.output.name, ...this.state.map((s) => s.output)];
    return {
      act: async (observation) => {
        const feeds: Record<string, ort.Tensor> = { [this.manifest.input.name]: new ort.Tensor('float32', this.pack([observation]), [1, this.obsSize]) };
        this.state.forEach((s, i) => (feeds[s.input] = new ort.Tensor('float32', values[i]!, s.shape)));
        const result = await this.session.run(feeds, fetches);
        const [action] = this.actionRows(result, 1);
        this.state.forEach((s, i) => {
          const out = result[s.output];
          if (!out || out.type !== 'float32' || out.size !== s.values) {
            const got = out ? `${out.type} ${formatShape(out.dims as number[])}` : 'nothing';
            throw new Error(`policy ${this.info.id}: state output "${s.output}" was ${got}, expected float32 ${formatShape(s.shape)}`);
          }
          values[i] = (out.data as Float32Array).slice();
        });
        return action!;
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }
}
