import type { Point3, ResolvedArmScenario } from '../../scenarios/index.js';
import type { Frame, Vec3 } from '../frame.js';
import type { ArmObservationContext, FieldDef, ObservationContext } from './observation-context.js';
import { APPROACH_AXIS, toolAxis } from '../geometry/rotation.js';
import { nearestArmHuman, pointToCapsuleM } from '../geometry/capsule-geometry.js';
import { pointInRect } from '../geometry/zone-geometry.js';

/** Clearance reported when nobody is there, like a scan's maximum range. */
export const NO_HUMAN_CLEARANCE_M = 5;
/** A goal this close to a person's surface means placing something on them. */
export const GOAL_ON_PERSON_M = 0.12;

function armOf(ctx: ObservationContext): { frame: Frame; arm: NonNullable<Frame['arm']>; a: ArmObservationContext } {
  const arm = ctx.frame.arm;
  if (!arm || !ctx.arm) throw new Error('observation field needs an arm frame');
  return { frame: ctx.frame, arm, a: ctx.arm };
}

const vec =
  (get: (ctx: ObservationContext) => Vec3): FieldDef['extract'] =>
  (ctx, out, i) => {
    const v = get(ctx);
    out[i] = v.x;
    out[i + 1] = v.y;
    out[i + 2] = v.z;
  };
const rel = (p: Point3, tool: Vec3): Vec3 => ({ x: p.xM - tool.x, y: p.yM - tool.y, z: p.zM - tool.z });

/** Observation fields of an arm (tool frame quantities in world axes, relative to the tool). */
export const ARM_FIELDS: Record<string, FieldDef> = {
  'tool.positionM': { size: 3, units: 'm', extract: vec((c) => armOf(c).arm.toolPositionM) },
  'tool.velocityMps': { size: 3, units: 'm/s', extract: vec((c) => armOf(c).arm.toolVelocityMps) },
  'tool.approachAxis': { size: 3, units: '1', extract: vec((c) => toolAxis(armOf(c).arm, APPROACH_AXIS)) },
  'tool.bladeAxis': {
    size: 3,
    units: '1',
    extract: vec((c) => {
      const { arm, a } = armOf(c);
      return a.scene.held?.bladeAxis ? toolAxis(arm, a.scene.held.bladeAxis) : { x: 0, y: 0, z: 0 };
    }),
  },
  'arm.jointPositionsRad': {
    units: 'rad',
    extract: (c, out, i, size) =>
      armOf(c)
        .arm.jointPositionsRad.slice(0, size)
        .forEach((q, k) => void (out[i + k] = q)),
  },
  'task.waypointM': { size: 3, units: 'm', extract: vec((c) => rel(armOf(c).a.waypoint, armOf(c).arm.toolPositionM)) },
  'task.goalM': { size: 3, units: 'm', extract: vec((c) => rel(armOf(c).a.scene.goal, armOf(c).arm.toolPositionM)) },
  'human.nearestM': {
    size: 3,
    units: 'm',
    extract: vec((c) => {
      const { frame, arm } = armOf(c);
      const n = nearestArmHuman(arm, frame.humans);
      return n
        ? { x: n.humanPointM.x - arm.toolPositionM.x, y: n.humanPointM.y - arm.toolPositionM.y, z: n.humanPointM.z - arm.toolPositionM.z }
        : { x: 0, y: 0, z: 0 };
    }),
  },
  'human.clearanceM': {
    size: 1,
    units: 'm',
    extract: (c, out, i) => {
      const { frame, arm } = armOf(c);
      out[i] = nearestArmHuman(arm, frame.humans)?.clearanceM ?? NO_HUMAN_CLEARANCE_M;
    },
  },
  'human.closingMps': {
    size: 1,
    units: 'm/s',
    extract: (c, out, i) => {
      const { frame, arm } = armOf(c);
      const n = nearestArmHuman(arm, frame.humans);
      if (!n) return void (out[i] = 0);
      const d = { x: n.armPointM.x - n.humanPointM.x, y: n.armPointM.y - n.humanPointM.y, z: n.armPointM.z - n.humanPointM.z };
      const len = Math.hypot(d.x, d.y, d.z) || 1;
      const v = n.part.velocityMps;
      out[i] = (v.x * d.x + v.y * d.y + v.z * d.z) / len;
    },
  },
  'human.inZone': {
    size: 1,
    units: '1',
    extract: (c, out, i) => {
      const { frame, a } = armOf(c);
      out[i] = anyoneInZone(frame, a.scene) ? 1 : 0;
    },
  },
  'goal.nearHuman': {
    size: 1,
    units: '1',
    extract: (c, out, i) => {
      const { frame, a } = armOf(c);
      const g = { x: a.scene.goal.xM, y: a.scene.goal.yM, z: a.scene.goal.zM };
      out[i] = frame.humans.some((h) => (h.parts ?? []).some((p) => pointToCapsuleM(g, p) < GOAL_ON_PERSON_M)) ? 1 : 0;
    },
  },
};

/** Whether any body region of any person is inside a collaborative zone of the scene. */
export function anyoneInZone(frame: Frame, scene: ResolvedArmScenario): boolean {
  const zones = scene.props.filter((p) => p.kind === 'collab-zone');
  return frame.humans.some((h) =>
    (h.parts ?? []).some((p) => zones.some((z) => z.kind === 'collab-zone' && (pointInRect(p.startM, z) || pointInRect(p.endM, z)))),
  );
}

/** The route index after this frame: advances past waypoints the tool has reached. */
export function advanceArmRoute(frame: Frame, scene: ResolvedArmScenario, routeIndex: number, reachedM = 0.03): number {
  let i = routeIndex;
  const p = frame.arm?.toolPositionM;
  if (!p) return i;
  while (i < scene.route.length - 1) {
    const w = scene.route[i]!;
    if (Math.hypot(w.xM - p.x, w.yM - p.y, w.zM - p.z) > reachedM) break;
    i += 1;
  }
  return i;
}

/** The observation context of an arm frame; the navigation fields are left neutral. */
export function armObservationContext(frame: Frame, scene: ResolvedArmScenario, routeIndex: number): ObservationContext {
  const waypoint = scene.route[Math.min(routeIndex, scene.route.length - 1)]!;
  return {
    frame,
    goal: { xM: scene.goal.xM, yM: scene.goal.yM },
    waypoint: { xM: waypoint.xM, yM: waypoint.yM },
    scanRangeMaxM: NO_HUMAN_CLEARANCE_M,
    zoneSpeedLimitMps: scene.robot.maxToolSpeedMps,
    goalInKeepOut: 0,
    arm: { scene, waypoint },
  };
}
