import type { LayoutField } from '../policies/policy.js';
import type { ResolvedScenario } from '../scenarios/index.js';
import type { Frame, HumanFrame } from './frame.js';

/** What an observation can be built from: the frame just sensed and the static task. */
export interface ObservationContext {
  frame: Frame;
  goal: { xM: number; yM: number };
  scanRangeMaxM: number;
}

type Extractor = (ctx: ObservationContext, out: Float32Array, offset: number, size: number) => void;

interface FieldDef {
  /** Fixed size, or undefined when the layout chooses (scan sectors). */
  size?: number;
  units: string;
  extract: Extractor;
}

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

/** Observation fields by name; a policy manifest picks and orders them. */
const FIELDS: Record<string, FieldDef> = {
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
  'human.xM': { size: 1, units: 'm', extract: humanField((r) => r.x, (c) => c.scanRangeMaxM) },
  'human.yM': { size: 1, units: 'm', extract: humanField((r) => r.y, () => 0) },
  'human.vxMps': { size: 1, units: 'm/s', extract: humanField((r) => r.vx, () => 0) },
  'human.vyMps': { size: 1, units: 'm/s', extract: humanField((r) => r.vy, () => 0) },
  'human.present': { size: 1, units: '1', extract: humanField(() => 1, () => 0) },
};

export function observationFieldNames(): string[] {
  return Object.keys(FIELDS);
}

/** Every way a policy's observation layout disagrees with what the simulator can build. */
export function checkObservationLayout(layout: readonly LayoutField[]): string[] {
  const problems: string[] = [];
  layout.forEach((f, i) => {
    const def = FIELDS[f.name];
    if (!def) {
      problems.push(`observation[${i}] "${f.name}": unknown field; known: ${Object.keys(FIELDS).join(', ')}`);
      return;
    }
    if (def.size !== undefined && f.size !== def.size) problems.push(`observation[${i}] "${f.name}": size ${f.size}, the simulator provides ${def.size}`);
    if (f.size < 1) problems.push(`observation[${i}] "${f.name}": size must be >= 1`);
    if (f.units !== def.units) problems.push(`observation[${i}] "${f.name}": units "${f.units}", the simulator provides "${def.units}"`);
  });
  return problems;
}

export function buildObservation(layout: readonly LayoutField[], ctx: ObservationContext): Float32Array {
  const size = layout.reduce((n, f) => n + f.size, 0);
  const out = new Float32Array(size);
  let offset = 0;
  for (const f of layout) {
    const def = FIELDS[f.name];
    if (!def) throw new Error(`unknown observation field "${f.name}"`);
    def.extract(ctx, out, offset, f.size);
    offset += f.size;
  }
  return out;
}

export function observationContext(frame: Frame, scene: ResolvedScenario): ObservationContext {
  return { frame, goal: scene.goal, scanRangeMaxM: scene.scan.rangeMaxM };
}
