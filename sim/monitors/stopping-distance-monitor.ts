import type { ResolvedScenario } from '../../scenarios/index.js';
import type { Frame, RangeScan } from '../frame.js';
import type { Monitor } from '../monitor.js';

export interface StoppingDistanceConfig {
  reactionTimeSec: number;
  detectionRangeM: number;
  coneHalfAngleRad: number;
}

/** Shortest scan range within the cone around the direction of travel (robot frame angle). */
export function freeRangeAheadM(scan: RangeScan, travelAngleRad: number, coneHalfAngleRad: number): number {
  let best = scan.rangeMaxM;
  for (let i = 0; i < scan.rangesM.length; i++) {
    const a = scan.angleMinRad + i * scan.angleIncrementRad;
    const diff = Math.atan2(Math.sin(a - travelAngleRad), Math.cos(a - travelAngleRad));
    if (Math.abs(diff) <= coneHalfAngleRad) best = Math.min(best, scan.rangesM[i]!);
  }
  return best;
}

/**
 * The last scan seen, with its free range ahead for each direction of travel once computed
 * (NaN until then). A scan arrives every control tick but is judged on every physics step in
 * between, so the per-beam trigonometry runs once per scan and direction, not once per step.
 */
interface State {
  scan: RangeScan;
  freeM: [forward: number, backward: number];
}

/**
 * ISO 3691-4: the robot must be able to stop within what it can detect. Stopping distance
 * v·T_r + v²/(2a) against the free range its scan sees in the direction of travel (capped by
 * the detection means' range). Judged on sensed frames, with the last scan in between.
 */
export function stoppingDistanceMonitor(config: StoppingDistanceConfig, scene: ResolvedScenario): Monitor<State | null> {
  const a = scene.robot.brakingDecelMps2;
  const halfLengthM = scene.robot.lengthM / 2;
  return {
    id: 'stopping-distance',
    units: 'm',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const seen: State | null = frame.scan && frame.scan !== state?.scan ? { scan: frame.scan, freeM: [Number.NaN, Number.NaN] } : state;
      const v = frame.robot.linearMps;
      const speed = Math.abs(v);
      const stopM = speed * config.reactionTimeSec + (speed * speed) / (2 * a);
      let seenM = config.detectionRangeM;
      if (seen) {
        const direction = v >= 0 ? 0 : 1;
        let freeM = seen.freeM[direction];
        if (Number.isNaN(freeM)) {
          freeM = freeRangeAheadM(seen.scan, direction === 0 ? 0 : Math.PI, config.coneHalfAngleRad);
          seen.freeM[direction] = freeM;
        }
        // The scan is taken from the body centre; the bumper is half a length further on.
        seenM = Math.max(0, freeM - halfLengthM);
      }
      const limit = Math.min(config.detectionRangeM, seenM);
      const margin = limit - stopM;
      return {
        state: seen,
        sample: {
          monitor: 'stopping-distance',
          value: stopM,
          limit,
          margin,
          units: 'm',
          status: margin < 0 && speed > 0.02 ? 'violated' : 'ok',
          bodies: ['robot'],
          positionM: { ...frame.robot.positionM },
        },
      };
    },
  };
}
