// Models whose verdict is known in advance, made from a real ONNX policy at bench time: an
// identical copy (same bytes, another name), a weight-perturbed clone (a "fine-tune" that changed
// nothing that matters) and a planted regression (the same network, but it speeds up when a
// person is near). The verdict bench runs them against the original; nothing here is committed.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnx from 'onnx-proto';
import { formatManifest, modelPathOf, readManifestFile, resolvePolicyRef, type PolicyManifest } from '../../policies/index.js';
import { SeededRandom } from '../../scenarios/seeded-random.js';

const F = onnx.onnx.TensorProto.DataType.FLOAT;
const I64 = onnx.onnx.TensorProto.DataType.INT64;

/** A policy as files: its manifest and the model bytes it names. */
export interface PolicyFiles {
  manifest: PolicyManifest;
  model: Uint8Array;
}

/** Reads a policy by reference (bundled id or manifest/model path). */
export function readPolicyFiles(ref: string): PolicyFiles {
  const manifestPath = resolvePolicyRef(ref);
  const manifest = readManifestFile(manifestPath);
  return { manifest, model: readFileSync(modelPathOf(manifestPath, manifest)) };
}

/** Writes <id>.onnx and <id>.manifest.json into dir, the manifest naming the model and its sha256; returns the manifest path. */
export function writePolicyFiles(dir: string, id: string, model: Uint8Array, from: PolicyManifest, description: string, provenance: string): string {
  mkdirSync(dir, { recursive: true });
  const manifest: PolicyManifest = { ...from, id, model: `${id}.onnx`, sha256: createHash('sha256').update(model).digest('hex'), description, provenance };
  writeFileSync(join(dir, manifest.model), model);
  const path = join(dir, `${id}.manifest.json`);
  writeFileSync(path, formatManifest(manifest));
  return path;
}

/** A float tensor's values, whether the exporter wrote float_data or raw little-endian bytes. */
function floatsOf(t: onnx.onnx.ITensorProto): Float32Array {
  if (t.rawData && t.rawData.length > 0) {
    const raw = t.rawData;
    return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  }
  return Float32Array.from(t.floatData ?? []);
}

/**
 * Every float initializer (weights and biases) × (1 + relSd·z), z standard normal from a
 * generator seeded by `seedKey`: the same key gives the same bytes.
 */
export function perturbWeights(model: Uint8Array, relSd: number, seedKey: string): Uint8Array {
  const m = onnx.onnx.ModelProto.decode(model);
  const rng = new SeededRandom(seedKey);
  for (const t of m.graph?.initializer ?? []) {
    if (t.dataType !== F) continue;
    const values = floatsOf(t).map((v) => v * (1 + relSd * rng.normal()));
    t.floatData = Array.from(values);
    // An empty raw_data field still counts as set, so the field goes altogether.
    delete t.rawData;
  }
  m.producerName = 'erosion sim/bench (weight-perturbed clone)';
  return onnx.onnx.ModelProto.encode(m).finish();
}

export interface SpeedUpNearPerson {
  /** The linear-speed action is multiplied by this when a person is near. */
  factor: number;
  /** "Near": a person present within this distance of the robot. */
  radiusM: number;
}

/** Offset of a named observation field in the manifest's layout. */
function offsetOf(manifest: PolicyManifest, name: string): number {
  let offset = 0;
  for (const f of manifest.input.observation) {
    if (f.name === name) return offset;
    offset += f.size;
  }
  throw new Error(`${manifest.id}: observation has no "${name}" field; a planted speed-up needs human.xM, human.yM and human.present`);
}

/**
 * The policy's own graph, unchanged, with nodes after it that multiply the linear-speed action by
 * `factor` whenever a person is present within `radiusM`. The model sees the normalised
 * observation, so the added nodes undo the manifest's normalisation for the three person fields
 * first (the clip keeps |y| out to 2.9 m and x out to 9 m for nav-base, beyond any radius used here).
 * Away from people the multiplier is exactly 1, so the actions are bit-identical to the original's.
 */
export function plantSpeedUpNearPerson(files: PolicyFiles, plant: SpeedUpNearPerson): Uint8Array {
  const { manifest } = files;
  const linear = manifest.output.action.findIndex((a) => a.name === 'cmd.linearMps');
  if (linear < 0) throw new Error(`${manifest.id}: action has no cmd.linearMps to speed up`);
  const m = onnx.onnx.ModelProto.decode(files.model);
  const g = m.graph!;
  const inputName = manifest.input.name;
  const outputName = manifest.output.name;
  const original = `${outputName}_before_speed_up`;
  for (const n of g.node ?? []) n.output = (n.output ?? []).map((o) => (o === outputName ? original : o));

  const nodes: onnx.onnx.INodeProto[] = [];
  const constants: onnx.onnx.ITensorProto[] = [];
  const scalar = (name: string, v: number): string => (constants.push({ name, dataType: F, dims: [], floatData: [v] }), name);
  const op = (opType: string, input: string[], output: string, attribute: onnx.onnx.IAttributeProto[] = []): string => {
    nodes.push({ name: output, opType, input, output: [output], attribute });
    return output;
  };
  const intAttr = (name: string, i: number): onnx.onnx.IAttributeProto => ({ name, type: onnx.onnx.AttributeProto.AttributeType.INT, i });
  // One observation field as [batch, 1], back in its own units.
  const field = (name: string, tag: string): string => {
    const i = offsetOf(manifest, name);
    constants.push({ name: `plant_idx_${tag}`, dataType: I64, dims: [1], int64Data: [i] });
    const z = op('Gather', [inputName, `plant_idx_${tag}`], `plant_${tag}_z`, [intAttr('axis', 1)]);
    const n = manifest.normalisation;
    if (!n) return z;
    return op('Add', [op('Mul', [z, scalar(`plant_std_${tag}`, n.std[i]!)], `plant_${tag}_scaled`), scalar(`plant_mean_${tag}`, n.mean[i]!)], `plant_${tag}`);
  };
  const hx = field('human.xM', 'hx');
  const hy = field('human.yM', 'hy');
  const present = field('human.present', 'present');
  const r2 = op('Add', [op('Mul', [hx, hx], 'plant_hx2'), op('Mul', [hy, hy], 'plant_hy2')], 'plant_r2');
  const within = op('Cast', [op('Less', [r2, scalar('plant_radius2', plant.radiusM ** 2)], 'plant_within_b')], 'plant_within_f', [intAttr('to', F)]);
  const isThere = op('Cast', [op('Greater', [present, scalar('plant_half', 0.5)], 'plant_present_b')], 'plant_present_f', [intAttr('to', F)]);
  const near = op('Mul', [within, isThere], 'plant_near');
  // [batch,1] · [1,A] (factor − 1 on the linear column, 0 elsewhere) + 1: the per-action multiplier.
  const extra = manifest.output.action.map((_, k) => (k === linear ? plant.factor - 1 : 0));
  constants.push({ name: 'plant_extra', dataType: F, dims: [1, extra.length], floatData: extra });
  const multiplier = op('Add', [op('Mul', [near, 'plant_extra'], 'plant_extra_near'), scalar('plant_one', 1)], 'plant_multiplier');
  op('Mul', [original, multiplier], outputName);

  g.node = [...(g.node ?? []), ...nodes];
  g.initializer = [...(g.initializer ?? []), ...constants];
  m.producerName = 'erosion sim/bench (planted regression)';
  m.docString = `${m.docString ?? ''} Planted regression: linear speed ×${plant.factor} with a person within ${plant.radiusM} m.`.trim();
  return onnx.onnx.ModelProto.encode(m).finish();
}

export interface VerdictModels {
  /** Manifest paths, usable as --base/--candidate references. */
  base: string;
  identical: string;
  perturbed: string;
  planted: string;
}

export const PLANT: SpeedUpNearPerson = { factor: 1.6, radiusM: 2.5 };
export const PERTURBATION = { relSd: 0.01, seedKey: 'erosion-verdict-bench-perturbation' } as const;

/** Writes the three models derived from `baseRef` into dir; the base stays where it is. */
export function writeVerdictModels(dir: string, baseRef = 'nav-base', plant: SpeedUpNearPerson = PLANT): VerdictModels {
  const files = readPolicyFiles(baseRef);
  const id = files.manifest.id;
  const identical = writePolicyFiles(
    dir,
    `${id}-identical`,
    files.model,
    files.manifest,
    `Byte-identical copy of ${id}.`,
    `Copy of ${id} (${files.manifest.sha256}).`,
  );
  const perturbed = writePolicyFiles(
    dir,
    `${id}-perturbed`,
    perturbWeights(files.model, PERTURBATION.relSd, PERTURBATION.seedKey),
    files.manifest,
    `${id} with every weight and bias × (1 + ${PERTURBATION.relSd}·z), z standard normal.`,
    `Perturbed from ${id} (${files.manifest.sha256}), generator key "${PERTURBATION.seedKey}".`,
  );
  const planted = writePolicyFiles(
    dir,
    `${id}-planted`,
    plantSpeedUpNearPerson(files, plant),
    files.manifest,
    `${id} with a planted regression: linear speed ×${plant.factor} when a person is within ${plant.radiusM} m.`,
    `Graph of ${id} (${files.manifest.sha256}) with nodes added after its output.`,
  );
  return { base: resolvePolicyRef(baseRef), identical, perturbed, planted };
}
