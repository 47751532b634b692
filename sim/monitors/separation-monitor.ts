import type { MobileBasePreset } from '../../scenarios/index.js';
import type { Frame, HumanFrame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { distanceToFootprintM, speedTowardsMps } from '../geometry/footprint-geometry.js';

export interface SeparationConfig {
  reactionTimeSec: number;
  humanSpeedMps: 'measured' | number;
  intrusionM: number;
  sensingUncertaintyM: number;
  robotUncertaintyM: number;
}

/** Below this speed the robot counts as stopped: SSM is met by a robot at standstill. */
export const STANDSTILL_MPS = 0.02;

export interface ProtectiveSeparationInput {
  humanSpeedMps: number;
  robotSpeedMps: number;
  brakingDecelMps2: number;
  config: SeparationConfig;
}

/**
 * ISO/TS 15066 (ISO 10218-2:2025 Annex A) protective separation distance,
 * constant-speed form: S_p = v_h(T_r+T_s) + v_r T_r + S_s + C + Z_d + Z_r,
 * with the stopping time and distance of a constant-deceleration stop.
 */
export function protectiveSeparationM(input: ProtectiveSeparationInput): number {
  const { humanSpeedMps: vh, robotSpeedMps: vr, brakingDecelMps2: a, config: c } = input;
  const stopTimeSec = vr / a;
  const stopDistanceM = (vr * vr) / (2 * a);
  return vh * (c.reactionTimeSec + stopTimeSec) + vr * c.reactionTimeSec + stopDistanceM + c.intrusionM + c.sensingUncertaintyM + c.robotUncertaintyM;
}

/** Speed and separation monitoring between the base's footprint and every human. */
export function separationMonitor(config: SeparationConfig, robot: MobileBasePreset): Monitor<null> {
  return {
    id: 'separation',
    units: 'm',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const r = frame.robot;
      const moving = Math.hypot(r.velocityMps.x, r.velocityMps.y) >= STANDSTILL_MPS;
      // Every person is judged, but only the worst becomes a sample: the loop runs every physics
      // step, and a sample per person per step was most of this monitor's cost.
      let worst: HumanFrame | undefined;
      let worstRank = 0;
      let worstValue = 0;
      let worstLimit = 0;
      let worstMargin = 0;
      for (const h of frame.humans) {
        const separationM = Math.max(0, distanceToFootprintM(r, robot.lengthM, robot.widthM, h.positionM) - h.radiusM);
        const vh = config.humanSpeedMps === 'measured' ? Math.max(0, speedTowardsMps(h.velocityMps, h.positionM, r.positionM)) : config.humanSpeedMps;
        const vr = Math.max(0, speedTowardsMps(r.velocityMps, r.positionM, h.positionM));
        const limitM = protectiveSeparationM({ humanSpeedMps: vh, robotSpeedMps: vr, brakingDecelMps2: robot.brakingDecelMps2, config });
        const margin = separationM - limitM;
        const rank = rankOf(margin < 0 && moving, margin);
        if (!worst || rank < worstRank) {
          worst = h;
          worstRank = rank;
          worstValue = separationM;
          worstLimit = limitM;
          worstMargin = margin;
        }
      }
      if (!worst) return { state, sample: idle('separation', 'm') };
      const sample: MonitorSample = {
        monitor: 'separation',
        value: worstValue,
        limit: worstLimit,
        margin: worstMargin,
        units: 'm',
        status: worstMargin < 0 && moving ? 'violated' : 'ok',
        bodies: ['robot', worst.id],
        positionM: { ...worst.positionM },
      };
      if (worstMargin < 0 && !moving) sample.note = 'inside S_p but the robot is at standstill';
      return { state, sample };
    },
  };
}

/** Violations first, then the smallest margin. */
function rankOf(violated: boolean, margin: number): number {
  return (violated ? -1e9 : 0) + margin;
}

const IDLE = new Map<string, MonitorSample>();

/**
 * The sample of a monitor with nothing to judge. One frozen object per monitor, shared by every
 * step that is idle: records hold one sample per monitor per physics step, and most are idle.
 */
export function idle(monitor: string, units: string): MonitorSample {
  const key = `${monitor}\u0000${units}`;
  let sample = IDLE.get(key);
  if (!sample) {
    sample = Object.freeze({ monitor, value: 0, limit: 0, margin: Number.POSITIVE_INFINITY, units, status: 'idle' }) as MonitorSample;
    IDLE.set(key, sample);
  }
  return sample;
}
