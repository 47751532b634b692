// The episode as Foxglove's own message types (foxglove.SceneUpdate, foxglove.Log), so a team's
// existing tools (Foxglove, Lichtblick) draw a replay in their 3D and Log panels with no plug-in.
// Pure: record in, plain JSON-ready objects out. Every field the schemas require is written,
// because those readers fill missing fields with nothing rather than defaults.

import type { EpisodeEvent, EpisodeHeader } from './episode-record.js';
import type { Frame, HumanFrame, Vec3 } from '../frame.js';
import { readRecordScene, type RecordScene } from './record-scene.js';

export const FOXGLOVE_FRAME_ID = 'world';

interface Time {
  sec: number;
  nsec: number;
}
interface Color {
  r: number;
  g: number;
  b: number;
  a: number;
}
interface Pose {
  position: { x: number; y: number; z: number };
  orientation: { x: number; y: number; z: number; w: number };
}

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

/** The parts of the scene that never move: floor, walls, zones, edges, goal. Written once. */
export function staticSceneUpdate(header: EpisodeHeader): unknown {
  const scene = readRecordScene(header.scene);
  const { lengthM, widthM } = scene.arena;
  const floor = cube(yawPose(lengthM / 2, 0, -0.005), lengthM, widthM, 0.01, COLORS.floor);
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
    ? [{ pose: yawPose(scene.goal.xM, scene.goal.yM, 0.01), size: { x: 2 * scene.goal.toleranceM, y: 2 * scene.goal.toleranceM, z: 0.02 }, bottom_scale: 1, top_scale: 1, color: COLORS.goal }]
    : [];
  const metadata = [
    { key: 'scenario', value: header.scenarioId },
    { key: 'seed', value: String(header.seed) },
    { key: 'policy', value: `${header.policy.id} (${header.policy.role})` },
  ];
  return { deletions: [], entities: [entity('arena', ZERO_TIME, { cubes, cylinders }, metadata)] };
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

/** What moved at one step: the robot, each person (red while touched), contact force arrows. */
export function frameSceneUpdate(scene: RecordScene, frame: Frame): unknown {
  const time = foxgloveTime(frame.timeSec);
  const { robot } = frame;
  const r = scene.robot;
  const entities = [
    entity('robot', time, {
      cubes: [cube(yawPose(robot.positionM.x, robot.positionM.y, Math.max(robot.positionM.z, r.heightM / 2), robot.yawRad), r.lengthM, r.widthM, r.heightM, COLORS.robot)],
    }),
    ...frame.humans.map((h) =>
      entity(`human/${h.id}`, time, humanCylinders(h, frame.contacts.some((c) => c.humanId === h.id))),
    ),
    entity('contacts', time, {
      // Arrow length 1 cm per 10 N, pointing at the contact from the robot's side.
      arrows: frame.contacts.map((c) => {
        const lengthM = Math.min(1.5, Math.max(0.1, c.forceN / 100));
        const dir = { x: c.pointM.x - robot.positionM.x, y: c.pointM.y - robot.positionM.y, z: 0 };
        const len = Math.hypot(dir.x, dir.y) || 1;
        const tail = { x: c.pointM.x - (dir.x / len) * lengthM, y: c.pointM.y - (dir.y / len) * lengthM, z: c.pointM.z };
        return { pose: poseAlong(tail, dir), shaft_length: lengthM * 0.75, shaft_diameter: 0.03, head_length: lengthM * 0.25, head_diameter: 0.08, color: COLORS.force };
      }),
    }),
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
