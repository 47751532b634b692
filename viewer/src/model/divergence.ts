// Where two policies on the same seed stop doing the same thing. Both episodes start from the same
// world, so the first moment their robots are apart by more than a body's tolerance is the moment
// the candidate's behaviour departed from the base's.

import { stepIndexAt, type ReplayModel } from './replay-model.js';

/** Robots closer than this are "on the same path": the sim's own jitter stays well below it. */
export const DIVERGENCE_THRESHOLD_M = 0.1;
/** The same for an arm's tool, in 3-D: its whole task spans less than a metre. */
export const ARM_DIVERGENCE_THRESHOLD_M = 0.03;

export function divergenceTimeSec(
  a: ReplayModel,
  b: ReplayModel,
  thresholdM = a.scene.arm ? ARM_DIVERGENCE_THRESHOLD_M : DIVERGENCE_THRESHOLD_M,
): number | undefined {
  const ca = a.columns;
  const cb = b.columns;
  const arm = Boolean(a.scene.arm);
  for (let i = 0; i < ca.count; i++) {
    const t = a.times[i]!;
    if (t > b.durationSec) break;
    const j = stepIndexAt(b.times, t);
    const dz = arm ? ca.robotZ[i]! - cb.robotZ[j]! : 0;
    if (Math.hypot(ca.robotX[i]! - cb.robotX[j]!, ca.robotY[i]! - cb.robotY[j]!, dz) > thresholdM) return t;
  }
  return undefined;
}
