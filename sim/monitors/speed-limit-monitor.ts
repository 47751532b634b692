import type { ResolvedScenario, ResolvedSharedZone } from '../../scenarios/index.js';
import type { Frame, HumanFrame } from '../frame.js';
import type { Monitor } from '../monitor.js';
import { distanceToFootprintM } from '../geometry/footprint-geometry.js';
import { idle } from './separation-monitor.js';
import { pointInRect } from '../geometry/zone-geometry.js';

export interface SpeedLimitConfig {
  nearPeopleM: number;
  nearPeopleMps: number;
}

/** The speed limit in force at the robot's position: shared zones and the vicinity of people. */
export function speedLimitAt(frame: Frame, scene: ResolvedScenario, config: SpeedLimitConfig): { limitMps: number; reason: string } | undefined {
  const found = findLimit(frame, scene, config);
  return found && { limitMps: found.limitMps, reason: reasonOf(found, config) };
}

/** Which limit applies, as the shared zone or the person it comes from: no text yet. */
type Found = { limitMps: number; zone: ResolvedSharedZone; human?: undefined } | { limitMps: number; zone?: undefined; human: HumanFrame };

function findLimit(frame: Frame, scene: ResolvedScenario, config: SpeedLimitConfig): Found | undefined {
  let limit: Found | undefined;
  const p = frame.robot.positionM;
  for (const z of scene.props) {
    if (z.kind !== 'shared-zone' || !pointInRect(p, z)) continue;
    const zone = z as ResolvedSharedZone;
    if (!limit || zone.speedLimitMps < limit.limitMps) limit = { limitMps: zone.speedLimitMps, zone };
  }
  for (const h of frame.humans) {
    const d = distanceToFootprintM(frame.robot, scene.robot.lengthM, scene.robot.widthM, h.positionM) - h.radiusM;
    if (d <= config.nearPeopleM && (!limit || config.nearPeopleMps < limit.limitMps)) {
      limit = { limitMps: config.nearPeopleMps, human: h };
    }
  }
  return limit;
}

function reasonOf(found: Found, config: SpeedLimitConfig): string {
  return found.zone ? `shared zone "${found.zone.id}"` : `within ${config.nearPeopleM} m of ${found.human.id}`;
}

/** Speed against the limit of the shared zone the robot is in, or of people near it. */
export function speedLimitMonitor(config: SpeedLimitConfig, scene: ResolvedScenario): Monitor<null> {
  const reasons = new Map<ResolvedSharedZone | string, string>();
  return {
    id: 'speed-limit',
    units: 'm/s',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const limit = findLimit(frame, scene, config);
      if (!limit) return { state, sample: idle('speed-limit', 'm/s') };
      // The same reason holds for many steps in a row: build its text once per zone or person.
      const key = limit.zone ? limit.zone : limit.human.id;
      let reason = reasons.get(key);
      if (reason === undefined) {
        reason = reasonOf(limit, config);
        reasons.set(key, reason);
      }
      const speed = Math.hypot(frame.robot.velocityMps.x, frame.robot.velocityMps.y);
      const margin = limit.limitMps - speed;
      return {
        state,
        sample: {
          monitor: 'speed-limit',
          value: speed,
          limit: limit.limitMps,
          margin,
          units: 'm/s',
          status: margin < 0 ? 'violated' : 'ok',
          bodies: ['robot'],
          positionM: { ...frame.robot.positionM },
          note: reason,
        },
      };
    },
  };
}
