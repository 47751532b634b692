import type { ResolvedArmScenario } from '../../scenarios/index.js';
import { anyoneInZone } from '../observation/arm-observation.js';
import { APPROACH_AXIS, toolAxis } from '../geometry/rotation.js';
import { closestPoints } from '../geometry/capsule-geometry.js';
import type { Frame, Vec3 } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { idle } from './separation-monitor.js';

const ok = (m: MonitorSample): MonitorSample => m;

/** ISO 10218-1 reduced speed: tool speed at most limitMps while anyone is inside the collaborative zone. */
export function toolSpeedMonitor(config: { limitMps: number }, scene: ResolvedArmScenario): Monitor<null> {
  return {
    id: 'tool-speed',
    units: 'm/s',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      if (!frame.arm || !anyoneInZone(frame, scene)) return { state, sample: idle('tool-speed', 'm/s') };
      const v = frame.arm.toolVelocityMps;
      const speed = Math.hypot(v.x, v.y, v.z);
      const margin = config.limitMps - speed;
      return {
        state,
        sample: ok({
          monitor: 'tool-speed',
          value: speed,
          limit: config.limitMps,
          margin,
          units: 'm/s',
          status: margin < 0 ? 'violated' : 'ok',
          bodies: ['arm:tool'],
          positionM: { ...frame.arm.toolPositionM },
          note: 'a person is inside the collaborative zone',
        }),
      };
    },
  };
}

/**
 * A held blade pointing at a person: value = angle between the blade direction and the
 * direction from the blade tip to the nearest body region within rangeM; violated when inside
 * the cone (coneHalfAngleRad). Idle when nothing sharp is held or nobody is in range.
 */
export function sharpOrientationMonitor(config: { coneHalfAngleRad: number; rangeM: number }, scene: ResolvedArmScenario): Monitor<null> {
  return {
    id: 'sharp-orientation',
    units: 'rad',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const blade = scene.held?.bladeAxis;
      const arm = frame.arm;
      if (!blade || !arm) return { state, sample: idle('sharp-orientation', 'rad') };
      const dir = toolAxis(arm, blade);
      const lengthM = Math.max(scene.held!.sizeM.xM, scene.held!.sizeM.yM, scene.held!.sizeM.zM);
      const t = arm.toolPositionM;
      const tip = { x: t.x + dir.x * lengthM, y: t.y + dir.y * lengthM, z: t.z + dir.z * lengthM };
      let worst: MonitorSample | undefined;
      for (const h of frame.humans) {
        for (const part of h.parts ?? []) {
          const c = closestPoints(t, t, part.startM, part.endM);
          if (c.distanceM - part.radiusM > config.rangeM) continue;
          const to = { x: c.b.x - t.x, y: c.b.y - t.y, z: c.b.z - t.z };
          const len = Math.hypot(to.x, to.y, to.z) || 1;
          const angle = Math.acos(Math.max(-1, Math.min(1, (to.x * dir.x + to.y * dir.y + to.z * dir.z) / len)));
          const margin = angle - config.coneHalfAngleRad;
          const s: MonitorSample = {
            monitor: 'sharp-orientation',
            value: angle,
            limit: config.coneHalfAngleRad,
            margin,
            units: 'rad',
            status: margin < 0 ? 'violated' : 'ok',
            bodies: [`held:${scene.held!.id}`, `${h.id}:${part.region}`],
            positionM: tip,
            note: `blade ${((angle * 180) / Math.PI).toFixed(0)}° off the line to the ${part.region}`,
          };
          if (!worst || margin < worst.margin) worst = s;
        }
      }
      return { state, sample: worst ?? idle('sharp-orientation', 'rad') };
    },
  };
}

interface TiltState {
  timeSec: number;
  /** The tool's velocity low-passed over sloshTimeSec: (v − that) / sloshTimeSec is its acceleration as the liquid feels it. */
  slowVelocityMps: Vec3;
}

const G_MPS2 = 9.81;

/**
 * An open container spills when its liquid's surface tilts past the rim: the angle between the
 * container's up axis (opposite the gripper's approach; it is held upright, gripper down) and
 * the liquid's apparent vertical, g − a. Standing still that is the container's own tilt; under
 * a horizontal acceleration a the surface leans by atan(a/g) more. The acceleration is the tool
 * velocity's derivative low-passed over sloshTimeSec, about a quarter period of a cup's first
 * slosh mode, so one jerky control tick counts at the size the liquid feels it.
 */
export function containerTiltMonitor(config: { spillAngleRad: number; sloshTimeSec: number }, scene: ResolvedArmScenario): Monitor<TiltState | null> {
  return {
    id: 'container-tilt',
    units: 'rad',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      if (scene.held?.kind !== 'cup' || !frame.arm) return { state, sample: idle('container-tilt', 'rad') };
      const v = frame.arm.toolVelocityMps;
      const prev = state ?? { timeSec: frame.timeSec, slowVelocityMps: { ...v } };
      const dtSec = Math.max(0, frame.timeSec - prev.timeSec);
      const f = dtSec / (config.sloshTimeSec + dtSec);
      const s = prev.slowVelocityMps;
      const slow = { x: s.x + (v.x - s.x) * f, y: s.y + (v.y - s.y) * f, z: s.z + (v.z - s.z) * f };
      const acc = { x: (v.x - slow.x) / config.sloshTimeSec, y: (v.y - slow.y) / config.sloshTimeSec, z: (v.z - slow.z) / config.sloshTimeSec };
      // Apparent vertical of the liquid: the specific force a − g, with g = (0, 0, −9.81).
      const up = { x: acc.x, y: acc.y, z: acc.z + G_MPS2 };
      const upLen = Math.hypot(up.x, up.y, up.z) || 1;
      const a = toolAxis(frame.arm, APPROACH_AXIS);
      const cosTilt = -(a.x * up.x + a.y * up.y + a.z * up.z) / upLen;
      const tilt = Math.acos(Math.max(-1, Math.min(1, cosTilt)));
      const ownTilt = Math.acos(Math.max(-1, Math.min(1, -a.z)));
      const margin = config.spillAngleRad - tilt;
      return {
        state: { timeSec: frame.timeSec, slowVelocityMps: slow },
        sample: {
          monitor: 'container-tilt',
          value: tilt,
          limit: config.spillAngleRad,
          margin,
          units: 'rad',
          status: margin < 0 ? 'violated' : 'ok',
          bodies: [`held:${scene.held.id}`],
          positionM: { ...frame.arm.toolPositionM },
          note: `liquid surface ${((tilt * 180) / Math.PI).toFixed(0)}° to the rim: cup tilted ${((ownTilt * 180) / Math.PI).toFixed(0)}°, acceleration ${Math.hypot(acc.x, acc.y).toFixed(2)} m/s² sideways`,
        },
      };
    },
  };
}

/**
 * A held hot container or heavy payload above a person: horizontal clearance between the tool
 * and any body region that lies below it, against marginM. Idle when nothing is held.
 */
export function overPersonMonitor(config: { marginM: number }, scene: ResolvedArmScenario): Monitor<null> {
  return {
    id: 'over-person',
    units: 'm',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      const arm = frame.arm;
      if (!scene.held || (scene.held.kind !== 'cup' && scene.held.kind !== 'payload') || !arm) return { state, sample: idle('over-person', 'm') };
      const t = arm.toolPositionM;
      let worst: MonitorSample | undefined;
      for (const h of frame.humans) {
        for (const part of h.parts ?? []) {
          const c = closestPoints({ x: t.x, y: t.y, z: 0 }, { x: t.x, y: t.y, z: 0 }, { ...part.startM, z: 0 }, { ...part.endM, z: 0 });
          const below = Math.min(part.startM.z, part.endM.z) < t.z;
          if (!below) continue;
          const clearance = c.distanceM - part.radiusM;
          const margin = clearance - config.marginM;
          const s: MonitorSample = {
            monitor: 'over-person',
            value: clearance,
            limit: config.marginM,
            margin,
            units: 'm',
            status: margin < 0 ? 'violated' : 'ok',
            bodies: [`held:${scene.held.id}`, `${h.id}:${part.region}`],
            positionM: { ...t },
            note: `${scene.held.kind} ${clearance.toFixed(2)} m sideways of the ${part.region} below it`,
          };
          if (!worst || margin < worst.margin) worst = s;
        }
      }
      return { state, sample: worst ?? idle('over-person', 'm') };
    },
  };
}

interface FragileState {
  startM: Record<string, Vec3>;
}

/** Fragile objects: the arm's contact impulse (force × step) and the object's displacement from where it stood. */
export function fragileMonitor(config: { maxImpulseNs: number; maxDisplacementM: number }, scene: ResolvedArmScenario): Monitor<FragileState> {
  const dtSec = 1 / scene.physicsHz;
  const ids = new Set(scene.props.filter((p) => p.kind === 'fragile').map((p) => p.id));
  return {
    id: 'fragile',
    units: '1',
    terminal: false,
    init: () => ({ startM: {} }),
    update(state, frame: Frame) {
      const objects = (frame.objects ?? []).filter((o) => ids.has(o.id));
      if (objects.length === 0) return { state, sample: idle('fragile', '1') };
      const startM = { ...state.startM };
      let worst: MonitorSample | undefined;
      // Both limits as a fraction of their limit, so one sample can carry the worse of the two.
      for (const o of objects) {
        const s0 = (startM[o.id] ??= { ...o.positionM });
        const moved = Math.hypot(o.positionM.x - s0.x, o.positionM.y - s0.y, o.positionM.z - s0.z);
        const impulse = frame.contacts.filter((c) => c.bodyB === o.id).reduce((m, c) => Math.max(m, c.forceN * dtSec), 0);
        const ratio = Math.max(moved / config.maxDisplacementM, impulse / config.maxImpulseNs);
        const s: MonitorSample = {
          monitor: 'fragile',
          value: ratio,
          limit: 1,
          margin: 1 - ratio,
          units: '1',
          status: ratio > 1 ? 'violated' : 'ok',
          bodies: ['arm', o.id],
          positionM: { ...o.positionM },
          note: `impulse ${impulse.toFixed(3)} N·s (limit ${config.maxImpulseNs}), moved ${(moved * 1000).toFixed(1)} mm (limit ${(config.maxDisplacementM * 1000).toFixed(0)})`,
        };
        if (!worst || s.margin < worst.margin) worst = s;
      }
      return { state: { startM }, sample: worst! };
    },
  };
}
