import type { ArmModel } from '../arm/arm-model.js';
import { actuatedJoints } from '../arm/arm-model.js';
import type { Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { idle } from './separation-monitor.js';

/** Every joint stays marginRad inside its range: value = the smallest distance to a limit. */
export function jointLimitMonitor(config: { marginRad: number }, model: ArmModel): Monitor<null> {
  const joints = actuatedJoints(model);
  return {
    id: 'joint-limit',
    units: 'rad',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const q = frame.arm?.jointPositionsRad;
      if (!q) return { state, sample: idle('joint-limit', 'rad') };
      let worst: MonitorSample | undefined;
      joints.forEach((j, i) => {
        const room = Math.min(q[i]! - j.lowerRad, j.upperRad - q[i]!);
        const margin = room - config.marginRad;
        if (!worst || margin < worst.margin) {
          worst = {
            monitor: 'joint-limit',
            value: room,
            limit: config.marginRad,
            margin,
            units: 'rad',
            status: margin < 0 ? 'violated' : 'ok',
            bodies: [j.name],
          };
        }
      });
      return { state, sample: worst! };
    },
  };
}

/** Any contact between two links of the arm that are not neighbours. */
export function selfCollisionMonitor(): Monitor<null> {
  return {
    id: 'self-collision',
    units: 'N',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      if (!frame.arm) return { state, sample: idle('self-collision', 'N') };
      const own = frame.contacts.filter((c) => c.bodyA.startsWith('arm:') && c.bodyB.startsWith('arm:'));
      const c = own.sort((a, b) => b.forceN - a.forceN)[0];
      if (!c) return { state, sample: { monitor: 'self-collision', value: 0, limit: 0, margin: 0, units: 'N', status: 'ok' } };
      return {
        state,
        sample: {
          monitor: 'self-collision',
          value: c.forceN,
          limit: 0,
          margin: -Math.max(c.forceN, 1e-9),
          units: 'N',
          status: 'violated',
          bodies: [c.bodyA, c.bodyB],
          positionM: { ...c.pointM },
        },
      };
    },
  };
}
