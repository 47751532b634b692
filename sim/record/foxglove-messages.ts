// The episode as Foxglove's own message types (foxglove.SceneUpdate, foxglove.Log), so a team's
// existing tools (Foxglove, Lichtblick) draw a replay in their 3D and Log panels with no plug-in.
// Pure: record in, plain JSON-ready objects out. Every field the schemas require is written,
// because those readers fill missing fields with nothing rather than defaults.

import type { Color, Pose, Time } from '@foxglove/schemas';
import type { EpisodeEvent, EpisodeHeader } from './episode-record.js';
import type { ArmFrame, ContactFrame, Frame, HumanFrame, HumanPartFrame, ObjectFrame, Quat, Vec3 } from '../frame.js';
import { benchTopM, readRecordScene, type RecordScene, type SceneArmCell, type SceneBox, type ScenePoint3, type SceneRect } from './record-scene.js';

export const FOXGLOVE_FRAME_ID = 'world';

const ZERO_TIME: Time = { sec: 0, nsec: 0 };

export function foxgloveTime(timeSec: number): Time {
  const ns = Math.max(0, Math.round(timeSec * 1e9));
  return { sec: Math.floor(ns / 1e9), nsec: ns % 1e9 };
}

const rgba = (r: number, g: number, b: number, a = 1): Color => ({ r, g, b, a });
const COLORS = {
  wall: rgba(0.55, 0.58, 0.62),
  glass: rgba(0.6, 0.8, 0.95, 0.35),
  keepOut: rgba(0.95, 0.25, 0.2, 0.3),
  shared: rgba(0.95, 0.75, 0.2, 0.2),
  drop: rgba(0.1, 0.1, 0.12, 0.85),
  goal: rgba(0.2, 0.8, 0.35, 0.5),
  floor: rgba(0.85, 0.87, 0.9, 1),
  robot: rgba(0.15, 0.45, 0.9),
  human: rgba(0.95, 0.7, 0.45),
  humanHit: rgba(0.95, 0.15, 0.1),
  force: rgba(1, 0.1, 0.1),
  bench: rgba(0.62, 0.52, 0.4),
  benchBox: rgba(0.45, 0.4, 0.36),
  pedestal: rgba(0.3, 0.32, 0.36),
  joint: rgba(0.1, 0.3, 0.65),
  route: rgba(0.2, 0.8, 0.35, 0.9),
  held: rgba(0.78, 0.8, 0.84),
  looseObject: rgba(0.75, 0.6, 0.3),
};

function yawPose(x: number, y: number, z: number, yawRad = 0): Pose {
  return {
    position: { x, y, z },
    orientation: { x: 0, y: 0, z: Math.sin(yawRad / 2), w: Math.cos(yawRad / 2) },
  };
}

/** Rotation taking +x onto `dir` (arrows point along their pose's x axis). */
function poseAlong(at: Vec3, dir: Vec3): Pose {
  const len = Math.hypot(dir.x, dir.y, dir.z) || 1;
  const [ux, uy, uz] = [dir.x / len, dir.y / len, dir.z / len];
  // Half-way quaternion between (1,0,0) and u; the antiparallel case turns about z.
  const w = 1 + ux;
  const q = w < 1e-9 ? { x: 0, y: 0, z: 1, w: 0 } : { x: 0, y: -uz, z: uy, w };
  const n = Math.hypot(q.x, q.y, q.z, q.w);
  return {
    position: { x: at.x, y: at.y, z: at.z },
    orientation: { x: q.x / n, y: q.y / n, z: q.z / n, w: q.w / n },
  };
}

type Primitives = Partial<Record<'arrows' | 'cubes' | 'spheres' | 'cylinders' | 'lines', unknown[]>>;

function entity(id: string, timestamp: Time, primitives: Primitives, metadata: Array<{ key: string; value: string }> = []) {
  return {
    timestamp,
    frame_id: FOXGLOVE_FRAME_ID,
    id,
    lifetime: ZERO_TIME,
    frame_locked: false,
    metadata,
    arrows: primitives.arrows ?? [],
    cubes: primitives.cubes ?? [],
    spheres: primitives.spheres ?? [],
    cylinders: primitives.cylinders ?? [],
    lines: primitives.lines ?? [],
    triangles: [],
    texts: [],
    models: [],
  };
}

const cube = (pose: Pose, x: number, y: number, z: number, color: Color) => ({ pose, size: { x, y, z }, color });

/** The parts of the scene that never move: floor, walls, zones, edges, goal; an arm's cell. Written once. */
export function staticSceneUpdate(header: EpisodeHeader): unknown {
  const scene = readRecordScene(header.scene);
  const { lengthM, widthM } = scene.arena;
  // A base's arena starts at x = 0; an arm's cell has no arena, so the floor goes under the bench.
  const floorCentre = scene.arm ? cellCentre(scene.arm) : { xM: lengthM / 2, yM: 0 };
  const floor = cube(yawPose(floorCentre.xM, floorCentre.yM, -0.005), lengthM, widthM, 0.01, COLORS.floor);
  const rectCube = (r: { xMinM: number; xMaxM: number; yMinM: number; yMaxM: number }, h: number, z: number, color: Color) =>
    cube(yawPose((r.xMinM + r.xMaxM) / 2, (r.yMinM + r.yMaxM) / 2, z), r.xMaxM - r.xMinM, r.yMaxM - r.yMinM, h, color);
  const cubes = [
    floor,
    ...scene.walls.map((w) =>
      cube(yawPose(w.centerM.xM, w.centerM.yM, w.heightM / 2, w.yawRad), w.lengthM, w.thicknessM, w.heightM, w.seeThrough ? COLORS.glass : COLORS.wall),
    ),
    ...scene.keepOut.map((k) => rectCube(k, 0.02, 0.01, COLORS.keepOut)),
    ...scene.sharedZones.map((z) => rectCube(z, 0.01, 0.005, COLORS.shared)),
    ...scene.drops.map((d) => rectCube(d, 0.03, 0.015, COLORS.drop)),
  ];
  const cylinders = scene.goal
    ? [
        {
          pose: yawPose(scene.goal.xM, scene.goal.yM, 0.01),
          size: { x: 2 * scene.goal.toleranceM, y: 2 * scene.goal.toleranceM, z: 0.02 },
          bottom_scale: 1,
          top_scale: 1,
          color: COLORS.goal,
        },
      ]
    : [];
  const metadata = [
    { key: 'scenario', value: header.scenarioId },
    { key: 'seed', value: String(header.seed) },
    { key: 'policy', value: `${header.policy.id} (${header.policy.role})` },
  ];
  const arena = entity('arena', ZERO_TIME, { cubes, cylinders }, metadata);
  return { deletions: [], entities: scene.arm ? [arena, cellEntity(scene.arm)] : [arena] };
}

function humanCylinders(human: HumanFrame, hit: boolean) {
  const color = hit ? COLORS.humanHit : COLORS.human;
  const bodyM = human.heightM * 0.87;
  const headM = human.heightM - bodyM;
  const { x, y } = human.positionM;
  return {
    cylinders: [{ pose: yawPose(x, y, bodyM / 2), size: { x: 2 * human.radiusM, y: 2 * human.radiusM * 0.6, z: bodyM }, bottom_scale: 1, top_scale: 1, color }],
    spheres: [{ pose: yawPose(x, y, bodyM + headM / 2), size: { x: headM, y: headM, z: headM }, color }],
  };
}

/** What moved at one step: the robot (an arm's links), each person (red while touched), contact force arrows. */
export function frameSceneUpdate(scene: RecordScene, frame: Frame): unknown {
  if (frame.arm) return armFrameSceneUpdate(scene, frame, frame.arm);
  const time = foxgloveTime(frame.timeSec);
  const { robot } = frame;
  const r = scene.robot;
  const entities = [
    entity('robot', time, {
      cubes: [
        cube(
          yawPose(robot.positionM.x, robot.positionM.y, Math.max(robot.positionM.z, r.heightM / 2), robot.yawRad),
          r.lengthM,
          r.widthM,
          r.heightM,
          COLORS.robot,
        ),
      ],
    }),
    ...frame.humans.map((h) =>
      entity(
        `human/${h.id}`,
        time,
        humanCylinders(
          h,
          frame.contacts.some((c) => c.humanId === h.id),
        ),
      ),
    ),
    entity('contacts', time, {
      // Arrow length 1 cm per 10 N, pointing at the contact from the robot's side.
      // A base's arrows lie flat: from the robot's position at the contact's own height.
      arrows: frame.contacts.map((c) => contactArrow(c, { x: robot.positionM.x, y: robot.positionM.y, z: c.pointM.z })),
    }),
  ];
  return { deletions: [], entities };
}

// ---- Arm cells -------------------------------------------------------------------------------

/** The base an arm stands on: drawn under the first joint, which the frames' links start above. */
const PEDESTAL = { heightM: 0.1, diameterM: 0.16 };
/** Collaborative zones are painted on the bench top, thick enough not to flicker into it. */
const COLLAB_SLAB_M = 0.004;
const ROUTE_THICKNESS_M = 0.006;
/** foxglove.LineType LINE_STRIP: points joined in order. */
const LINE_STRIP = 0;
/** Loose objects the scene gives no size for (anything not in its fragile list). */
const LOOSE_OBJECT_M = 0.05;
/** A fragile object the scene does not list: a drinking glass. */
const DEFAULT_FRAGILE_SIZE_M: ScenePoint3 = { xM: 0.07, yM: 0.07, zM: 0.18 };

const IDENTITY_POSE: Pose = yawPose(0, 0, 0);

const vec = (p: ScenePoint3): Vec3 => ({ x: p.xM, y: p.yM, z: p.zM });

function cylinder(pose: Pose, x: number, y: number, z: number, color: Color) {
  return { pose, size: { x, y, z }, bottom_scale: 1, top_scale: 1, color };
}

const sphere = (at: Vec3, diameterM: number, color: Color) => ({ pose: yawPose(at.x, at.y, at.z), size: { x: diameterM, y: diameterM, z: diameterM }, color });

function boxCube(b: SceneBox, color: Color) {
  return cube(yawPose(b.centerM.xM, b.centerM.yM, b.centerM.zM), b.sizeM.xM, b.sizeM.yM, b.sizeM.zM, color);
}

function quatPose(at: Vec3, q: Quat): Pose {
  return { position: { x: at.x, y: at.y, z: at.z }, orientation: { x: q.x, y: q.y, z: q.z, w: q.w } };
}

/** Where the floor goes under a cell: below the bench, else below the arm. */
function cellCentre(cell: SceneArmCell): { xM: number; yM: number } {
  const c = cell.table?.centerM ?? cell.mountM;
  return { xM: c.xM, yM: c.yM };
}

/**
 * Rotation taking +z onto `dir`: Foxglove cylinders run along their pose's z axis. The half-way
 * quaternion between z and u; the antiparallel case turns half a turn about x.
 */
function zAlong(dir: Vec3): Pose['orientation'] {
  const len = Math.hypot(dir.x, dir.y, dir.z);
  if (len < 1e-12) return { x: 0, y: 0, z: 0, w: 1 };
  const [ux, uy, uz] = [dir.x / len, dir.y / len, dir.z / len];
  const w = 1 + uz;
  if (w < 1e-9) return { x: 1, y: 0, z: 0, w: 0 };
  const n = Math.hypot(uy, ux, w);
  return { x: -uy / n, y: ux / n, z: 0, w: w / n };
}

/** A capsule's body: a cylinder from `startM` to `endM`, posed at the midpoint. */
function segmentCylinder(startM: Vec3, endM: Vec3, radiusM: number, color: Color) {
  const dir = { x: endM.x - startM.x, y: endM.y - startM.y, z: endM.z - startM.z };
  const mid = { x: (startM.x + endM.x) / 2, y: (startM.y + endM.y) / 2, z: (startM.z + endM.z) / 2 };
  return cylinder({ position: mid, orientation: zAlong(dir) }, 2 * radiusM, 2 * radiusM, Math.hypot(dir.x, dir.y, dir.z), color);
}

function rectSlab(r: SceneRect, bottomM: number, color: Color) {
  return cube(
    yawPose((r.xMinM + r.xMaxM) / 2, (r.yMinM + r.yMaxM) / 2, bottomM + COLLAB_SLAB_M / 2),
    r.xMaxM - r.xMinM,
    r.yMaxM - r.yMinM,
    COLLAB_SLAB_M,
    color,
  );
}

/** The still parts of an arm's cell: bench, collaborative zones, fixed boxes, pedestal, goal, route. */
function cellEntity(cell: SceneArmCell) {
  const topM = benchTopM(cell);
  const cubes = [
    ...(cell.table ? [boxCube(cell.table, COLORS.bench)] : []),
    ...cell.collabZones.map((z) => rectSlab(z, topM, COLORS.shared)),
    ...cell.boxes.map((b) => boxCube(b, COLORS.benchBox)),
  ];
  const { mountM } = cell;
  const cylinders = [
    cylinder(yawPose(mountM.xM, mountM.yM, mountM.zM + PEDESTAL.heightM / 2), PEDESTAL.diameterM, PEDESTAL.diameterM, PEDESTAL.heightM, COLORS.pedestal),
  ];
  // The sphere is the goal's tolerance: the tool centre inside it counts as arrived.
  const spheres = cell.goal ? [sphere(vec(cell.goal), 2 * cell.goal.toleranceM, COLORS.goal)] : [];
  // A single waypoint has no line to draw; the goal sphere already marks it.
  const lines =
    cell.route.length >= 2
      ? [
          {
            type: LINE_STRIP,
            pose: IDENTITY_POSE,
            thickness: ROUTE_THICKNESS_M,
            scale_invariant: false,
            points: cell.route.map(vec),
            color: COLORS.route,
            colors: [],
            indices: [],
          },
        ]
      : [];
  return entity('cell', ZERO_TIME, { cubes, cylinders, spheres, lines });
}

/** The arm as its capsules: a cylinder per link and a sphere at every joint, closing the capsule ends. */
function armPrimitives(arm: ArmFrame) {
  const cylinders = arm.links.map((l) => segmentCylinder(l.startM, l.endM, l.radiusM, COLORS.robot));
  const spheres = arm.links.flatMap((l, i) => {
    const next = arm.links[i + 1];
    // A chained link's end is the next one's start: one sphere there, not two.
    const endShared = next !== undefined && samePoint(next.startM, l.endM);
    const ends = endShared ? [l.startM] : [l.startM, l.endM];
    return ends.map((p) => sphere(p, 2 * l.radiusM, COLORS.joint));
  });
  return { cylinders, spheres };
}

function samePoint(a: Vec3, b: Vec3): boolean {
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z) < 1e-6;
}

/** v turned by the unit quaternion q. */
function rotate(q: Quat, v: Vec3): Vec3 {
  // v + 2w (u × v) + 2 u × (u × v), u the quaternion's vector part.
  const cx = q.y * v.z - q.z * v.y;
  const cy = q.z * v.x - q.x * v.z;
  const cz = q.x * v.y - q.y * v.x;
  return {
    x: v.x + 2 * (q.w * cx + q.y * cz - q.z * cy),
    y: v.y + 2 * (q.w * cy + q.z * cx - q.x * cz),
    z: v.z + 2 * (q.w * cz + q.x * cy - q.y * cx),
  };
}

/** What the gripper holds, where the physics has it (half its length out along its axis); empty when it holds nothing. */
function heldCubes(cell: SceneArmCell | undefined, arm: ArmFrame) {
  const held = cell?.held;
  if (!held || arm.heldId !== held.id) return [];
  const along = Math.max(held.sizeM.xM, held.sizeM.yM, held.sizeM.zM) / 2;
  const offset = rotate(arm.toolRotation, { x: held.axis.x * along, y: held.axis.y * along, z: held.axis.z * along });
  const t = arm.toolPositionM;
  return [
    cube(quatPose({ x: t.x + offset.x, y: t.y + offset.y, z: t.z + offset.z }, arm.toolRotation), held.sizeM.xM, held.sizeM.yM, held.sizeM.zM, COLORS.held),
  ];
}

/**
 * A person as their body-region capsules, each red while a contact touches that region. A contact
 * naming the person but no region marks all of them: it touched the person somewhere.
 */
function humanPartPrimitives(human: HumanFrame, parts: HumanPartFrame[], contacts: ContactFrame[]) {
  const touching = contacts.filter((c) => c.humanId === human.id);
  const colorOf = (p: HumanPartFrame) => (touching.some((c) => c.region === undefined || c.region === p.region) ? COLORS.humanHit : COLORS.human);
  return {
    cylinders: parts.map((p) => segmentCylinder(p.startM, p.endM, p.radiusM, colorOf(p))),
    // Caps: short wide regions (head, hands) would otherwise show as flat discs.
    spheres: parts.flatMap((p) => [sphere(p.startM, 2 * p.radiusM, colorOf(p)), sphere(p.endM, 2 * p.radiusM, colorOf(p))]),
  };
}

/** Loose objects where the physics has them: fragile ones as glass, anything else as a small block. */
function objectPrimitives(cell: SceneArmCell | undefined, objects: ObjectFrame[]) {
  const fragileSize = (o: ObjectFrame) => cell?.fragile.find((f) => f.id === o.id)?.sizeM;
  const isFragile = (o: ObjectFrame) => o.kind === 'fragile' || fragileSize(o) !== undefined;
  const cylinders = objects.filter(isFragile).map((o) => {
    const size = fragileSize(o) ?? DEFAULT_FRAGILE_SIZE_M;
    return cylinder(quatPose(o.positionM, o.rotation), size.xM, size.yM, size.zM, COLORS.glass);
  });
  const cubes = objects
    .filter((o) => !isFragile(o))
    .map((o) => cube(quatPose(o.positionM, o.rotation), LOOSE_OBJECT_M, LOOSE_OBJECT_M, LOOSE_OBJECT_M, COLORS.looseObject));
  return { cylinders, cubes };
}

/** Arrow length 1 cm per 10 N, pointing at the contact from `fromM` (an arm's tool reaches down and across, in 3-D). */
function contactArrow(c: ContactFrame, fromM: Vec3) {
  const lengthM = Math.min(1.5, Math.max(0.1, c.forceN / 100));
  const dir = { x: c.pointM.x - fromM.x, y: c.pointM.y - fromM.y, z: c.pointM.z - fromM.z };
  const len = Math.hypot(dir.x, dir.y, dir.z) || 1;
  const tail = { x: c.pointM.x - (dir.x / len) * lengthM, y: c.pointM.y - (dir.y / len) * lengthM, z: c.pointM.z - (dir.z / len) * lengthM };
  return {
    pose: poseAlong(tail, dir),
    shaft_length: lengthM * 0.75,
    shaft_diameter: 0.03,
    head_length: lengthM * 0.25,
    head_diameter: 0.08,
    color: COLORS.force,
  };
}

/**
 * One step of an arm's episode. Every entity is written at every step, empty when it has nothing to
 * show, because a scene entity stays drawn until replaced: a released part must not linger.
 */
function armFrameSceneUpdate(scene: RecordScene, frame: Frame, arm: ArmFrame): unknown {
  const time = foxgloveTime(frame.timeSec);
  const entities = [
    entity('robot', time, armPrimitives(arm)),
    entity('held', time, { cubes: heldCubes(scene.arm, arm) }),
    ...frame.humans.map((h) =>
      entity(
        `human/${h.id}`,
        time,
        h.parts
          ? humanPartPrimitives(h, h.parts, frame.contacts)
          : humanCylinders(
              h,
              frame.contacts.some((c) => c.humanId === h.id),
            ),
      ),
    ),
    entity('objects', time, objectPrimitives(scene.arm, frame.objects ?? [])),
    entity('contacts', time, { arrows: frame.contacts.map((c) => contactArrow(c, arm.toolPositionM)) }),
  ];
  return { deletions: [], entities };
}

const LOG_LEVEL = { INFO: 2, WARNING: 3, ERROR: 4 } as const;

/** One event as a foxglove.Log line: violations are errors, clamps warnings. */
export function eventLog(event: EpisodeEvent): unknown {
  const level =
    event.kind === 'violation-start' || event.kind === 'non-finite-action' || event.kind === 'error'
      ? LOG_LEVEL.ERROR
      : event.kind === 'clamp' || event.kind === 'protective-stop'
        ? LOG_LEVEL.WARNING
        : LOG_LEVEL.INFO;
  const parts: string[] = [event.kind];
  if (event.monitor) parts.push(event.monitor);
  if (event.value !== undefined && event.limit !== undefined) {
    parts.push(`${fmt(event.value)} ${event.units ?? ''} vs limit ${fmt(event.limit)}`.trim());
  }
  if (event.bodies?.length) parts.push(`(${event.bodies.join(' <-> ')})`);
  if (event.message) parts.push(`- ${event.message}`);
  return {
    timestamp: foxgloveTime(event.timeSec),
    level,
    message: parts.join(' '),
    name: event.monitor ? `erosion/${event.monitor}` : 'erosion',
    file: '',
    line: 0,
  };
}

function fmt(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : String(value);
}
