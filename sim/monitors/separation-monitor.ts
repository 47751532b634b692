import type { MobileBasePreset } from '../../scenarios/index.js';
import type { Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { distanceToFootprintM, speedTowardsMps } from '../geometry.js';

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
  return (
    vh * (c.reactionTimeSec + stopTimeSec) +
    vr * c.reactionTimeSec +
    stopDistanceM +
    c.intrusionM +
    c.sensingUncertaintyM +
    c.robotUncertaintyM
  );
}

/** Speed and separation monitoring between the base's footprint and every human. */
export function separationMonitor(config: SeparationConfig, robot: MobileBasePreset): Monitor<null> {
  return {
    id: 'separation',
    units: 'm',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      let worst: MonitorSample | undefined;
      const r = frame.robot;
      const moving = Math.hypot(r.velocityMps.x, r.velocityMps.y) >= STANDSTILL_MPS;
      for (const h of frame.humans) {
        const separationM = Math.max(0, distanceToFootprintM(r, robot.lengthM, robot.widthM, h.positionM) - h.radiusM);
        const vh =
          config.humanSpeedMps === 'measured'
            ? Math.max(0, speedTowardsMps(h.velocityMps, h.positionM, r.positionM))
            : config.humanSpeedMps;
        const vr = Math.max(0, speedTowardsMps(r.velocityMps, r.positionM, h.positionM));
        const limitM = protectiveSeparationM({ humanSpeedMps: vh, robotSpeedMps: vr, brakingDecelMps2: robot.brakingDecelMps2, config });
        const margin = separationM - limitM;
        const sample: MonitorSample = {
          monitor: 'separation',
          value: separationM,
          limit: limitM,
          margin,
          units: 'm',
          status: margin < 0 && moving ? 'violated' : 'ok',
          bodies: ['robot', h.id],
          positionM: { ...h.positionM },
        };
        if (margin < 0 && !moving) sample.note = 'inside S_p but the robot is at standstill';
        if (!worst || rank(sample) < rank(worst)) worst = sample;
      }
      return { state, sample: worst ?? idle('separation', 'm') };
    },
  };
}

/** Violations first, then the smallest margin. */
function rank(s: MonitorSample): number {
  return (s.status === 'violated' ? -1e9 : 0) + s.margin;
}

export function idle(monitor: string, units: string): MonitorSample {
  return { monitor, value: 0, limit: 0, margin: Number.POSITIVE_INFINITY, units, status: 'idle' };
}
