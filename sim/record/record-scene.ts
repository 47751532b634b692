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

export interface ScenePoint3 {
  xM: number;
  yM: number;
  zM: number;
}

export interface SceneBox {
  id: string;
  centerM: ScenePoint3;
  sizeM: ScenePoint3;
}

/** An arm's cell: the bench, where the arm stands, its task, what it holds and what stands near. */
export interface SceneArmCell {
  mountM: ScenePoint3;
  table?: SceneBox;
  /** Collaborative zones, drawn on the bench top. */
  collabZones: SceneRect[];
  goal?: ScenePoint3 & { toleranceM: number };
  route: ScenePoint3[];
  /**
   * What the gripper holds. The physics puts its centre half its longest side out along
   * `axis` (tool frame; a blade's direction, +y by default), so draw it there.
   */
  held?: { id: string; kind: string; sizeM: ScenePoint3; axis: { x: number; y: number; z: number } };
  /** Fixed obstacles on the bench. */
  boxes: SceneBox[];
  /** Glassware and other breakables: their start pose (they move in the frames' objects). */
  fragile: SceneBox[];
}

export interface RecordScene {
  arena: { lengthM: number; widthM: number };
  /** Present for an arm's episode. */
  arm?: SceneArmCell;
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

function point3(v: unknown): ScenePoint3 | undefined {
  return isObject(v) ? { xM: num(v.xM, 0), yM: num(v.yM, 0), zM: num(v.zM, 0) } : undefined;
}

function box(p: Loose, index: number, fallback: string): SceneBox {
  return {
    id: text(p.id, `${fallback}-${index}`),
    centerM: point3(p.centerM) ?? { xM: 0, yM: 0, zM: 0 },
    sizeM: point3(p.sizeM) ?? { xM: 0.1, yM: 0.1, zM: 0.1 },
  };
}

/** Height of the bench top an arm works over (the mount's height when the cell has no bench). */
export function benchTopM(cell: SceneArmCell): number {
  return cell.table ? cell.table.centerM.zM + cell.table.sizeM.zM / 2 : cell.mountM.zM;
}

/** The arm cell of an arm's scene (family "arm"); props are read by readRecordScene. */
function readArmCell(s: Loose): SceneArmCell {
  const cell: SceneArmCell = { mountM: point3(s.mountM) ?? { xM: 0, yM: 0, zM: 0 }, collabZones: [], route: [], boxes: [], fragile: [] };
  if (isObject(s.table)) cell.table = box({ id: 'table', ...s.table }, 0, 'table');
  const goal = point3(s.goal);
  if (goal && isObject(s.goal)) cell.goal = { ...goal, toleranceM: num(s.goal.toleranceM, 0.02) };
  if (Array.isArray(s.route)) cell.route = s.route.flatMap((p) => point3(p) ?? []);
  if (isObject(s.held)) {
    const a = isObject(s.held.bladeAxis) ? s.held.bladeAxis : {};
    const axis = { x: num(a.x, 0), y: num(a.y, 1), z: num(a.z, 0) };
    cell.held = { id: text(s.held.id, 'held'), kind: text(s.held.kind, 'part'), sizeM: point3(s.held.sizeM) ?? { xM: 0.04, yM: 0.04, zM: 0.04 }, axis };
  }
  return cell;
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
  const cell = s.family === 'arm' ? (out.arm = readArmCell(s)) : undefined;
  const goal = point(s.goal);
  if (goal && isObject(s.goal) && !cell) out.goal = { ...goal, toleranceM: num(s.goal.toleranceM, 0.3) };
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
      case 'collab-zone':
        cell?.collabZones.push(rect(p, index));
        break;
      case 'box':
        cell?.boxes.push(box(p, index, 'box'));
        break;
      case 'fragile':
        cell?.fragile.push(box(p, index, 'fragile'));
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
