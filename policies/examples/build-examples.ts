// Builds the two bundled example models: hand-written ONNX graphs of a goal-seeking controller that
// yields to a nearby human. They are NOT trained policies; they exist so the whole pipeline (manifest,
// ONNX Runtime, simulator, report) runs end to end with a known base-vs-candidate difference.
//
//   npx tsx policies/examples/build-examples.ts
//
// The output is byte-for-byte reproducible (no timestamps, fixed node order), and the generated
// files are committed; a test rebuilds them and compares.

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import onnx from 'onnx-proto';
import { formatManifest, type PolicyManifest } from '../manifest.js';
import { NAV_ACTION_LAYOUT, NAV_OBS, NAV_OBSERVATION_LAYOUT } from '../nav-layout.js';
import { layoutSize } from '../policy.js';

/** Tunable constants of the controller graph. */
export interface NavControllerParams {
  /** Top forward speed. */
  vmaxMps: number;
  /** Forward speed per metre of distance to the goal (slows the approach). */
  kLinear: number;
  /** Turn rate per unit of sin(bearing to goal). */
  kAngular: number;
  /** Turn-rate limit. */
  wmaxRadps: number;
  /** A human this close (or closer) stops the robot. */
  stopM: number;
  /** From this distance down to stopM the robot slows linearly. */
  slowM: number;
}

/** The safety-trained stand-in: starts slowing 4 m from a human, stops at 2 m. */
export const NAV_BASE_PARAMS: NavControllerParams = {
  vmaxMps: 1.2,
  kLinear: 0.8,
  kAngular: 1.5,
  wmaxRadps: 1.0,
  stopM: 2.0,
  slowM: 4.0,
};

/** The "fine-tuned" stand-in: identical except that the yielding term is weakened (1 m → 0.6 m). */
export const NAV_CANDIDATE_PARAMS: NavControllerParams = {
  ...NAV_BASE_PARAMS,
  stopM: 0.6,
  slowM: 1.0,
};

export interface NavControllerBuildOptions {
  /** Width of the declared input (default 25, the nav layout); other values make deliberately wrong models for tests. */
  observationSize?: number;
  inputName?: string;
  outputName?: string;
}

const F = onnx.onnx.TensorProto.DataType.FLOAT;
const I64 = onnx.onnx.TensorProto.DataType.INT64;

function checkParams(p: NavControllerParams): void {
  for (const [k, v] of Object.entries(p)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`nav controller: ${k} must be a finite number (got ${String(v)})`);
  }
  if (p.vmaxMps <= 0 || p.kLinear <= 0 || p.wmaxRadps <= 0) throw new Error('nav controller: vmaxMps, kLinear and wmaxRadps must be > 0');
  if (p.stopM < 0 || p.slowM <= p.stopM) throw new Error(`nav controller: need 0 <= stopM < slowM (got stopM ${p.stopM}, slowM ${p.slowM})`);
}

/**
 * The controller as an ONNX model (opset 17, IR 8): input float32 [batch, 25], output float32 [batch, 2].
 *
 *   dist = max(sqrt(gx²+gy²), 1e-3)          hd = sqrt(hx²+hy²)
 *   cruise = min(vmax, kLinear·dist) · clip(gx/dist, 0, 1)
 *   yieldFactor = clip((hd − stopM)/(slowM − stopM), 0, 1);  factor = 1 − present·(1 − yieldFactor)
 *   linear = cruise·factor;  angular = clip(kAngular·gy/dist, −wmax, wmax)
 */
export function buildNavControllerModel(params: NavControllerParams, options: NavControllerBuildOptions = {}): Uint8Array {
  checkParams(params);
  const obsSize = options.observationSize ?? layoutSize(NAV_OBSERVATION_LAYOUT);
  const inputName = options.inputName ?? 'obs';
  const outputName = options.outputName ?? 'action';

  const initializer: onnx.onnx.ITensorProto[] = [];
  const nodes: onnx.onnx.INodeProto[] = [];
  const scalar = (name: string, value: number): string => {
    initializer.push({ name, dataType: F, dims: [], floatData: [value] });
    return name;
  };
  const index = (name: string, i: number): string => {
    initializer.push({ name, dataType: I64, dims: [1], int64Data: [i] });
    return name;
  };
  const op = (opType: string, inputs: string[], output: string, attribute: onnx.onnx.IAttributeProto[] = []): string => {
    nodes.push({ name: output, opType, input: inputs, output: [output], attribute });
    return output;
  };
  const axis = (i: number): onnx.onnx.IAttributeProto => ({ name: 'axis', type: onnx.onnx.AttributeProto.AttributeType.INT, i });
  // One observation column as [batch, 1].
  const column = (name: string, i: number): string => op('Gather', [inputName, index(`idx_${name}`, i)], name, [axis(1)]);

  const zero = scalar('zero', 0);
  const one = scalar('one', 1);
  const eps = scalar('eps', 1e-3);
  const vmax = scalar('vmax_mps', params.vmaxMps);
  const kLin = scalar('k_linear', params.kLinear);
  const kAng = scalar('k_angular', params.kAngular);
  const wmax = scalar('wmax_radps', params.wmaxRadps);
  const negWmax = scalar('neg_wmax_radps', -params.wmaxRadps);
  const stop = scalar('stop_m', params.stopM);
  const band = scalar('slow_minus_stop_m', params.slowM - params.stopM);

  const gx = column('goal_x', NAV_OBS.goalXM);
  const gy = column('goal_y', NAV_OBS.goalYM);
  const hx = column('human_x', NAV_OBS.humanXM);
  const hy = column('human_y', NAV_OBS.humanYM);
  const present = column('human_present', NAV_OBS.humanPresent);

  const gNorm = op('Sqrt', [op('Add', [op('Mul', [gx, gx], 'goal_x2'), op('Mul', [gy, gy], 'goal_y2')], 'goal_r2')], 'goal_r');
  const dist = op('Max', [gNorm, eps], 'goal_dist');
  const hd = op('Sqrt', [op('Add', [op('Mul', [hx, hx], 'human_x2'), op('Mul', [hy, hy], 'human_y2')], 'human_r2')], 'human_dist');

  const speed = op('Min', [vmax, op('Mul', [kLin, dist], 'approach_speed')], 'speed');
  const ahead = op('Clip', [op('Div', [gx, dist], 'goal_cos'), zero, one], 'goal_ahead');
  const cruise = op('Mul', [speed, ahead], 'cruise');

  const yieldRaw = op('Div', [op('Sub', [hd, stop], 'human_past_stop'), band], 'yield_raw');
  const yieldFactor = op('Clip', [yieldRaw, zero, one], 'yield_factor');
  const slowdown = op('Mul', [present, op('Sub', [one, yieldFactor], 'yield_deficit')], 'slowdown');
  const factor = op('Sub', [one, slowdown], 'speed_factor');

  const linear = op('Mul', [cruise, factor], 'linear');
  const turn = op('Mul', [kAng, op('Div', [gy, dist], 'goal_sin')], 'turn_raw');
  const angular = op('Clip', [turn, negWmax, wmax], 'angular');
  op('Concat', [linear, angular], outputName, [axis(1)]);

  const tensorType = (width: number): onnx.onnx.ITypeProto => ({
    tensorType: { elemType: F, shape: { dim: [{ dimParam: 'batch' }, { dimValue: width }] } },
  });
  const model = onnx.onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'erosion policies/examples/build-examples.ts',
    producerVersion: '1',
    docString: 'Hand-built goal-seeking controller with a human-yielding term; not a trained policy.',
    metadataProps: [{ key: 'erosion.nav_controller_params', value: JSON.stringify(params) }],
    graph: {
      name: 'nav_controller',
      node: nodes,
      initializer,
      input: [{ name: inputName, type: tensorType(obsSize) }],
      output: [{ name: outputName, type: tensorType(NAV_ACTION_LAYOUT.length) }],
    },
  });
  return onnx.onnx.ModelProto.encode(model).finish();
}

export interface NavExample {
  id: 'nav-base' | 'nav-candidate';
  params: NavControllerParams;
  description: string;
}

export const NAV_EXAMPLES: readonly NavExample[] = [
  {
    id: 'nav-base',
    params: NAV_BASE_PARAMS,
    description:
      'Example base navigation policy: drives to the goal at up to 1.2 m/s and yields to the nearest human, slowing from 4 m and stopping at 2 m.',
  },
  {
    id: 'nav-candidate',
    params: NAV_CANDIDATE_PARAMS,
    description:
      'Example fine-tuned candidate of nav-base: the same controller with the yielding term weakened (slows from 1 m, stops at 0.6 m), standing in for safety eroded by fine-tuning.',
  },
];

const PROVENANCE =
  'Hand-built controller graph written node by node by policies/examples/build-examples.ts with onnx-proto ' +
  '(opset 17); not a trained policy. It stands in for a trained model until real ones are bundled.';

/** Every file of the bundled examples, in memory: [file name, bytes]. Pure, so tests can compare. */
export function buildExampleFiles(): Array<[string, Uint8Array]> {
  const files: Array<[string, Uint8Array]> = [];
  for (const ex of NAV_EXAMPLES) {
    const model = buildNavControllerModel(ex.params);
    const manifest: PolicyManifest = {
      schemaVersion: 1,
      id: ex.id,
      model: `${ex.id}.onnx`,
      sha256: createHash('sha256').update(model).digest('hex'),
      robotFamily: 'mobile-base',
      controlHz: 20,
      input: { name: 'obs', observation: NAV_OBSERVATION_LAYOUT.map((f) => ({ ...f })) },
      output: { name: 'action', action: NAV_ACTION_LAYOUT.map((f) => ({ ...f })) },
      description: ex.description,
      provenance: `${PROVENANCE} Parameters: ${JSON.stringify(ex.params)}.`,
    };
    files.push([`${ex.id}.onnx`, model]);
    files.push([`${ex.id}.manifest.json`, new TextEncoder().encode(formatManifest(manifest))]);
  }
  return files;
}

/** This folder: where the examples are written and where the catalog finds them. */
export const EXAMPLES_DIR = dirname(fileURLToPath(import.meta.url));

function main(): void {
  for (const [name, bytes] of buildExampleFiles()) {
    writeFileSync(join(EXAMPLES_DIR, name), bytes);
    console.log(`wrote ${name} (${bytes.length} bytes)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
