// The header's scene is stored as free-form data (it is whatever the scenario resolved to), so
// every reader that draws it needs the same defensive view of it. This is that view: plain types
// and one pure function, no engine, so the codec's Foxglove channels and the browser viewer
// agree on what a wall or a keep-out zone is.

export interface ScenePoint {
  xM: number;
  yM: number;
}

export interface SceneRect {
  id: string;
  xMinM: number;
  xMaxM: number;
  yMinM: number;
  yMaxM: number;
}

export interface SceneWall {
  id: string;
  centerM: ScenePoint;
  lengthM: number;
  thicknessM: number;
  heightM: number;
  yawRad: number;
  seeThrough: boolean;
}

export interface SceneHuman {
  id: string;
  heightM: number;
  waypointsM: ScenePoint[];
}

export interface RecordScene {
  arena: { lengthM: number; widthM: number };
  goal?: ScenePoint & { toleranceM: number };
  start?: ScenePoint & { yawRad: number };
  robot: { name: string; lengthM: number; widthM: number; heightM: number; brakingDecelMps2?: number };
  scan?: { beams: number; rangeMaxM: number; heightM: number };
  walls: SceneWall[];
  keepOut: Array<SceneRect & { label: string }>;
  sharedZones: Array<SceneRect & { speedLimitMps: number }>;
  /** Edges the robot must not drive off (stairs, docks). */
  drops: Array<SceneRect & { depthM: number }>;
  humans: SceneHuman[];
}

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

function point(v: unknown): ScenePoint | undefined {
  return isObject(v) ? { xM: num(v.xM, 0), yM: num(v.yM, 0) } : undefined;
}

function rect(p: Loose, index: number): SceneRect {
  return {
    id: text(p.id, `prop-${index}`),
    xMinM: num(p.xMinM, 0),
    xMaxM: num(p.xMaxM, 0),
    yMinM: num(p.yMinM, 0),
    yMaxM: num(p.yMaxM, 0),
  };
}

/** Default footprint when a record carries no robot: a mid-size mobile base. */
const DEFAULT_ROBOT = { name: 'robot', lengthM: 0.6, widthM: 0.45, heightM: 0.3 };

/**
 * Reads a header's scene without trusting it: unknown prop kinds are skipped and missing numbers
 * get harmless defaults, so an older or partial record still draws.
 */
export function readRecordScene(scene: unknown): RecordScene {
  const s = isObject(scene) ? scene : {};
  const arena = isObject(s.arena) ? s.arena : {};
  const robot = isObject(s.robot) ? s.robot : {};
  const out: RecordScene = {
    arena: { lengthM: num(arena.lengthM, 10), widthM: num(arena.widthM, 6) },
    robot: {
      name: text(robot.name, DEFAULT_ROBOT.name),
      lengthM: num(robot.lengthM, DEFAULT_ROBOT.lengthM),
      widthM: num(robot.widthM, DEFAULT_ROBOT.widthM),
      heightM: num(robot.heightM, DEFAULT_ROBOT.heightM),
    },
    walls: [],
    keepOut: [],
    sharedZones: [],
    drops: [],
    humans: [],
  };
  if (typeof robot.brakingDecelMps2 === 'number') out.robot.brakingDecelMps2 = robot.brakingDecelMps2;
  const goal = point(s.goal);
  if (goal && isObject(s.goal)) out.goal = { ...goal, toleranceM: num(s.goal.toleranceM, 0.3) };
  const start = point(s.start);
  if (start && isObject(s.start)) out.start = { ...start, yawRad: num(s.start.yawRad, 0) };
  if (isObject(s.scan)) {
    out.scan = { beams: num(s.scan.beams, 0), rangeMaxM: num(s.scan.rangeMaxM, 10), heightM: num(s.scan.heightM, 0.2) };
  }
  const props = Array.isArray(s.props) ? s.props : [];
  props.forEach((p, index) => {
    if (!isObject(p)) return;
    switch (p.kind) {
      case 'wall':
        out.walls.push({
          id: text(p.id, `wall-${index}`),
          centerM: point(p.centerM) ?? { xM: 0, yM: 0 },
          lengthM: num(p.lengthM, 1),
          thicknessM: num(p.thicknessM, 0.1),
          heightM: num(p.heightM, 1),
          yawRad: num(p.yawRad, 0),
          seeThrough: p.seeThrough === true,
        });
        break;
      case 'keep-out':
        out.keepOut.push({ ...rect(p, index), label: text(p.label, text(p.id, 'keep-out')) });
        break;
      case 'shared-zone':
        out.sharedZones.push({ ...rect(p, index), speedLimitMps: num(p.speedLimitMps, 0) });
        break;
      case 'drop':
        out.drops.push({ ...rect(p, index), depthM: num(p.depthM, 0.5) });
        break;
      case 'human':
        out.humans.push({
          id: text(p.id, `human-${index}`),
          heightM: num(p.heightM, 1.75),
          waypointsM: Array.isArray(p.waypointsM) ? p.waypointsM.flatMap((w) => point(w) ?? []) : [],
        });
        break;
      default:
        break;
    }
  });
  return out;
}
