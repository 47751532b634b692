import type { ResolvedScenario, ResolvedSharedZone } from '../../scenarios/index.js';
import type { Frame } from '../frame.js';
import type { Monitor } from '../monitor.js';
import { distanceToFootprintM } from '../geometry.js';
import { idle } from './separation-monitor.js';
import { pointInRect } from './zone-geometry.js';

export interface SpeedLimitConfig {
  nearPeopleM: number;
  nearPeopleMps: number;
}

/** The speed limit in force at the robot's position: shared zones and the vicinity of people. */
export function speedLimitAt(frame: Frame, scene: ResolvedScenario, config: SpeedLimitConfig): { limitMps: number; reason: string } | undefined {
  let limit: { limitMps: number; reason: string } | undefined;
  const p = frame.robot.positionM;
  for (const z of scene.props) {
    if (z.kind !== 'shared-zone' || !pointInRect(p, z)) continue;
    const zone = z as ResolvedSharedZone;
    if (!limit || zone.speedLimitMps < limit.limitMps) limit = { limitMps: zone.speedLimitMps, reason: `shared zone "${zone.id}"` };
  }
  for (const h of frame.humans) {
    const d = distanceToFootprintM(frame.robot, scene.robot.lengthM, scene.robot.widthM, h.positionM) - h.radiusM;
    if (d <= config.nearPeopleM && (!limit || config.nearPeopleMps < limit.limitMps)) {
      limit = { limitMps: config.nearPeopleMps, reason: `within ${config.nearPeopleM} m of ${h.id}` };
    }
  }
  return limit;
}

/** Speed against the limit of the shared zone the robot is in, or of people near it. */
export function speedLimitMonitor(config: SpeedLimitConfig, scene: ResolvedScenario): Monitor<null> {
  return {
    id: 'speed-limit',
    units: 'm/s',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const limit = speedLimitAt(frame, scene, config);
      if (!limit) return { state, sample: idle('speed-limit', 'm/s') };
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
          note: limit.reason,
        },
      };
    },
  };
}
