import type { ResolvedScenario } from '../../scenarios/index.js';
import type { Frame, HumanFrame } from '../frame.js';
import { pointInRect } from '../geometry/zone-geometry.js';
import type { Extractor, FieldDef, ObservationContext } from './observation-context.js';

function toRobotFrame(frame: Frame, x: number, y: number): [number, number] {
  const r = frame.robot;
  const dx = x - r.positionM.x;
  const dy = y - r.positionM.y;
  const c = Math.cos(r.yawRad);
  const s = Math.sin(r.yawRad);
  return [c * dx + s * dy, -s * dx + c * dy];
}

/** Nearest human the robot's people tracker sees (within scan range). */
function nearestHuman(ctx: ObservationContext): HumanFrame | undefined {
  let best: HumanFrame | undefined;
  let bestD = ctx.scanRangeMaxM;
  const p = ctx.frame.robot.positionM;
  for (const h of ctx.frame.humans) {
    // A tracker only reports people its sensors can see (an occluded child is not there for it).
    if (h.visible === false) continue;
    const d = Math.hypot(h.positionM.x - p.x, h.positionM.y - p.y);
    if (d < bestD) {
      best = h;
      bestD = d;
    }
  }
  return best;
}

function humanField(pick: (rel: { x: number; y: number; vx: number; vy: number }) => number, absent: (ctx: ObservationContext) => number): Extractor {
  return (ctx, out, offset) => {
    const h = nearestHuman(ctx);
    if (!h) {
      out[offset] = absent(ctx);
      return;
    }
    const [x, y] = toRobotFrame(ctx.frame, h.positionM.x, h.positionM.y);
    const r = ctx.frame.robot;
    const dvx = h.velocityMps.x - r.velocityMps.x;
    const dvy = h.velocityMps.y - r.velocityMps.y;
    const c = Math.cos(r.yawRad);
    const s = Math.sin(r.yawRad);
    out[offset] = pick({ x, y, vx: c * dvx + s * dvy, vy: -s * dvx + c * dvy });
  };
}

/** Observation fields of a mobile base, by name. */
export const NAV_FIELDS: Record<string, FieldDef> = {
  'scan.rangesM': {
    units: 'm',
    // Sector minimum ranges: sector i spans [-pi + i*2pi/n, -pi + (i+1)*2pi/n) in the robot frame.
    extract: (ctx, out, offset, size) => {
      const scan = ctx.frame.scan;
      if (!scan) throw new Error('observation needs a range scan, but this frame was not sensed');
      out.fill(scan.rangeMaxM, offset, offset + size);
      const n = scan.rangesM.length;
      for (let i = 0; i < n; i++) {
        const angle = scan.angleMinRad + i * scan.angleIncrementRad;
        let sector = Math.floor(((angle + Math.PI) / (2 * Math.PI)) * size);
        sector = ((sector % size) + size) % size;
        const r = scan.rangesM[i]!;
        if (r < out[offset + sector]!) out[offset + sector] = r;
      }
    },
  },
  'odom.linearMps': { size: 1, units: 'm/s', extract: (c, o, i) => void (o[i] = c.frame.robot.linearMps) },
  'odom.angularRadps': { size: 1, units: 'rad/s', extract: (c, o, i) => void (o[i] = c.frame.robot.angularRadps) },
  'goal.xM': { size: 1, units: 'm', extract: (c, o, i) => void (o[i] = toRobotFrame(c.frame, c.goal.xM, c.goal.yM)[0]) },
  'goal.yM': { size: 1, units: 'm', extract: (c, o, i) => void (o[i] = toRobotFrame(c.frame, c.goal.xM, c.goal.yM)[1]) },
  'route.xM': { size: 1, units: 'm', extract: (c, o, i) => void (o[i] = toRobotFrame(c.frame, c.waypoint.xM, c.waypoint.yM)[0]) },
  'route.yM': { size: 1, units: 'm', extract: (c, o, i) => void (o[i] = toRobotFrame(c.frame, c.waypoint.xM, c.waypoint.yM)[1]) },
  'zone.speedLimitMps': { size: 1, units: 'm/s', extract: (c, o, i) => void (o[i] = c.zoneSpeedLimitMps) },
  'goal.inKeepOut': { size: 1, units: '1', extract: (c, o, i) => void (o[i] = c.goalInKeepOut) },
  'human.xM': {
    size: 1,
    units: 'm',
    extract: humanField(
      (r) => r.x,
      (c) => c.scanRangeMaxM,
    ),
  },
  'human.yM': {
    size: 1,
    units: 'm',
    extract: humanField(
      (r) => r.y,
      () => 0,
    ),
  },
  'human.vxMps': {
    size: 1,
    units: 'm/s',
    extract: humanField(
      (r) => r.vx,
      () => 0,
    ),
  },
  'human.vyMps': {
    size: 1,
    units: 'm/s',
    extract: humanField(
      (r) => r.vy,
      () => 0,
    ),
  },
  'human.present': {
    size: 1,
    units: '1',
    extract: humanField(
      () => 1,
      () => 0,
    ),
  },
};

export function observationContext(frame: Frame, scene: ResolvedScenario, routeIndex = scene.route.length - 1): ObservationContext {
  const p = frame.robot.positionM;
  const c = Math.cos(frame.robot.yawRad);
  const s = Math.sin(frame.robot.yawRad);
  let zoneSpeedLimitMps = scene.robot.maxLinearMps;
  let goalInKeepOut = 0;
  for (const z of scene.props) {
    if (z.kind === 'shared-zone') {
      for (let d = 0; d <= ZONE_LOOKAHEAD_M; d += 0.25) {
        if (pointInRect({ x: p.x + c * d, y: p.y + s * d }, z)) zoneSpeedLimitMps = Math.min(zoneSpeedLimitMps, z.speedLimitMps);
      }
    }
    if (z.kind === 'keep-out' && pointInRect({ x: scene.goal.xM, y: scene.goal.yM }, z)) goalInKeepOut = 1;
  }
  const waypoint = scene.route[Math.min(routeIndex, scene.route.length - 1)] ?? scene.goal;
  return { frame, goal: scene.goal, waypoint, scanRangeMaxM: scene.scan.rangeMaxM, zoneSpeedLimitMps, goalInKeepOut };
}

/** How far ahead a shared zone's limit already applies to the observation. */
export const ZONE_LOOKAHEAD_M = 2.5;

/** Distance at which a route waypoint counts as passed and the next one takes over. */
export const WAYPOINT_REACHED_M = 0.75;

/** The route index after this frame: advances past waypoints the robot has reached. */
export function advanceRoute(frame: Frame, scene: ResolvedScenario, routeIndex: number): number {
  let i = routeIndex;
  const p = frame.robot.positionM;
  while (i < scene.route.length - 1) {
    const w = scene.route[i]!;
    if (Math.hypot(w.xM - p.x, w.yM - p.y) > WAYPOINT_REACHED_M) break;
    i += 1;
  }
  return i;
}
