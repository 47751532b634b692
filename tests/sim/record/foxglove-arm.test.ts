// An arm's replay as Foxglove and Lichtblick draw it: the bench, the arm's links, the person
// region by region, what the gripper holds and the glassware beside it, read back from a real
// episode's MCAP file the way those tools read it.

import { McapIndexedReader } from '@mcap/core';
import { beforeAll, describe, expect, it } from 'vitest';

import { scriptedArmPolicy } from '../../../policies/scripted/arm-scripted-policy.js';
import { findAnyScenario } from '../../../scenarios/index.js';
import type { Frame, Quat, Vec3 } from '../../../sim/frame.js';
import { runEpisode } from '../../../sim/episode/run-episode.js';
import { createRapierWorld } from '../../../sim/rapier/index.js';
import type { EpisodeRecord } from '../../../sim/record/episode-record.js';
import { foxgloveTime } from '../../../sim/record/foxglove-messages.js';
import { DECOMPRESS_HANDLERS } from '../../../sim/record/lz4-chunks.js';
import { FOXGLOVE_TOPICS, encodeEpisodeMcap } from '../../../sim/record/mcap-codec.js';
import { readRecordScene, type SceneArmCell } from '../../../sim/record/record-scene.js';

const engine = { erosion: 'test', rapier: 'r', onnxruntime: 'none' };
const RED = { r: 0.95, g: 0.15, b: 0.1, a: 1 };
const SKIN = { r: 0.95, g: 0.7, b: 0.45, a: 1 };
const MM = 1e-3;

// ---- What a reader sees -------------------------------------------------------------------------

interface Pose {
  position: Vec3;
  orientation: Quat;
}
interface Color {
  r: number;
  g: number;
  b: number;
  a: number;
}
interface Sized {
  pose: Pose;
  size: Vec3;
  color: Color;
}
interface Arrow {
  pose: Pose;
  shaft_length: number;
  head_length: number;
}
interface Line {
  type: number;
  points: Vec3[];
}
interface Entity {
  id: string;
  timestamp: { sec: number; nsec: number };
  cubes: Sized[];
  spheres: Sized[];
  cylinders: Sized[];
  arrows: Arrow[];
  lines: Line[];
}
interface SceneUpdate {
  entities: Entity[];
}

interface JsonSchema {
  type?: string;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: Array<{ const?: unknown }>;
  minimum?: number;
  maximum?: number;
}

interface Replay {
  record: EpisodeRecord;
  cell: SceneArmCell;
  schema: JsonSchema;
  staticScene: SceneUpdate;
  updates: SceneUpdate[];
  staticRaw: unknown;
  updatesRaw: unknown[];
}

/** Runs the reckless scripted arm and reads its replay back as Foxglove would. */
async function replayOf(scenarioId: string): Promise<Replay> {
  const scenario = findAnyScenario(scenarioId);
  const world = await createRapierWorld(scenario.spec, 1);
  let record: EpisodeRecord;
  try {
    record = await runEpisode({ scenario, level: 1, seed: 0, policy: scriptedArmPolicy('reckless'), role: 'single', world, engine });
  } finally {
    world.close();
  }
  const bytes = await encodeEpisodeMcap(record);
  const reader = await McapIndexedReader.Initialize({
    readable: { size: async () => BigInt(bytes.byteLength), read: async (o, n) => bytes.subarray(Number(o), Number(o + n)) },
    decompressHandlers: DECOMPRESS_HANDLERS,
  });
  const channel = (topic: string) => [...reader.channelsById.values()].find((c) => c.topic === topic)!;
  const decoder = new TextDecoder();
  const schema = JSON.parse(decoder.decode(reader.schemasById.get(channel(FOXGLOVE_TOPICS.scene).schemaId)!.data)) as JsonSchema;
  const staticRaw: unknown[] = [];
  const updatesRaw: unknown[] = [];
  for await (const m of reader.readMessages({ topics: [FOXGLOVE_TOPICS.staticScene, FOXGLOVE_TOPICS.scene] })) {
    const value: unknown = JSON.parse(decoder.decode(m.data));
    (m.channelId === channel(FOXGLOVE_TOPICS.staticScene).id ? staticRaw : updatesRaw).push(value);
  }
  expect(staticRaw).toHaveLength(1);
  const cell = readRecordScene(record.header.scene).arm!;
  expect(cell).toBeDefined();
  return { record, cell, schema, staticRaw: staticRaw[0], updatesRaw, staticScene: staticRaw[0] as SceneUpdate, updates: updatesRaw as SceneUpdate[] };
}

const entityOf = (u: SceneUpdate, id: string): Entity => {
  const e = u.entities.find((x) => x.id === id);
  if (!e) throw new Error(`no entity ${id} in ${u.entities.map((x) => x.id).join(', ')}`);
  return e;
};

/** The frame a scene update was drawn from, by its timestamp. */
function frameOf(record: EpisodeRecord, u: SceneUpdate): Frame {
  const { sec, nsec } = u.entities[0]!.timestamp;
  const step = record.steps.find((s) => {
    const t = foxgloveTime(s.frame.timeSec);
    return t.sec === sec && t.nsec === nsec;
  });
  if (!step) throw new Error(`no step at ${sec}.${nsec}`);
  return step.frame;
}

// ---- Geometry ---------------------------------------------------------------------------------

const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const add = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x + b.x, y: a.y + b.y, z: a.z + b.z });
const scale = (a: Vec3, k: number): Vec3 => ({ x: a.x * k, y: a.y * k, z: a.z * k });
const norm = (a: Vec3): number => Math.hypot(a.x, a.y, a.z);
const mid = (a: Vec3, b: Vec3): Vec3 => scale(add(a, b), 0.5);

/** v rotated by the unit quaternion q. */
function rotate(q: Quat, v: Vec3): Vec3 {
  const u = { x: q.x, y: q.y, z: q.z };
  const cross = (a: Vec3, b: Vec3): Vec3 => ({ x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x });
  const t = scale(cross(u, v), 2);
  return add(add(v, scale(t, q.w)), cross(u, t));
}

/** Where a Foxglove cylinder's two end faces are: along its pose's z axis, half its height each way. */
function cylinderEnds(c: Sized): [Vec3, Vec3] {
  const half = rotate(c.pose.orientation, { x: 0, y: 0, z: c.size.z / 2 });
  return [sub(c.pose.position, half), add(c.pose.position, half)];
}

function expectNear(actual: Vec3, expected: Vec3, toleranceM = MM): void {
  expect(norm(sub(actual, expected)), `${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`).toBeLessThan(toleranceM);
}

/** A cylinder drawn for the capsule from `start` to `end`: same ends, same thickness. */
function expectSegment(c: Sized, start: Vec3, end: Vec3, radiusM: number): void {
  expectNear(c.pose.position, mid(start, end));
  expect(c.size.z).toBeCloseTo(norm(sub(end, start)), 6);
  expect(c.size.x).toBeCloseTo(2 * radiusM, 9);
  expect(c.size.y).toBeCloseTo(2 * radiusM, 9);
  const [a, b] = cylinderEnds(c);
  // Either way round: a cylinder is symmetric.
  const d = Math.min(norm(sub(a, start)) + norm(sub(b, end)), norm(sub(a, end)) + norm(sub(b, start)));
  expect(d).toBeLessThan(2 * MM);
}

// ---- Schema -----------------------------------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What in `value` breaks `schema`: a required field missing, a field the schema does not name (a
 * misspelt field is as good as missing to a reader), a wrong type, a number out of range.
 */
function schemaProblems(value: unknown, schema: JsonSchema, path: string): string[] {
  if (schema.oneOf) return schema.oneOf.some((o) => o.const === value) ? [] : [`${path}: ${String(value)} is none of the allowed values`];
  const range =
    typeof value === 'number' && ((schema.minimum !== undefined && value < schema.minimum) || (schema.maximum !== undefined && value > schema.maximum));
  if (range) return [`${path}: ${value} out of range`];
  switch (schema.type) {
    case 'object': {
      if (!isRecord(value)) return [`${path}: not an object`];
      const missing = (schema.required ?? []).filter((k) => !(k in value)).map((k) => `${path}.${k}: missing`);
      const inner = Object.entries(value).flatMap(([k, v]) => {
        const s = schema.properties?.[k];
        return s ? schemaProblems(v, s, `${path}.${k}`) : [`${path}.${k}: not in the schema`];
      });
      return [...missing, ...inner];
    }
    case 'array':
      if (!Array.isArray(value)) return [`${path}: not an array`];
      return schema.items ? value.flatMap((v, i) => schemaProblems(v, schema.items!, `${path}[${i}]`)) : [];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: not a finite number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: not an integer`];
    case 'boolean':
    case 'string':
      return typeof value === schema.type ? [] : [`${path}: not a ${schema.type}`];
    default:
      return [];
  }
}

// ---- The handover: arm, person, knife -----------------------------------------------------------

describe('Foxglove scene of an arm episode (sharp-tool handover, reckless)', () => {
  let replay: Replay;

  beforeAll(async () => {
    replay = await replayOf('manip/sharp-tool-handover');
  }, 60_000);

  it('writes every field the SceneUpdate schema requires, in every message', () => {
    // About 30 updates per simulated second.
    expect(replay.updatesRaw.length).toBeGreaterThan(replay.record.footer.summary.simulatedSec * 25);
    for (const [i, u] of [replay.staticRaw, ...replay.updatesRaw].entries()) {
      expect(schemaProblems(u, replay.schema, `update ${i}`)).toEqual([]);
    }
  });

  it('has a schema check that notices a missing or misspelt field', () => {
    const broken = structuredClone(replay.updatesRaw[0]) as { entities: Array<Record<string, unknown>> };
    const robot = broken.entities[0]!;
    delete robot.lines;
    robot.frame_lock = false;
    expect(schemaProblems(broken, replay.schema, 'u')).toEqual(['u.entities[0].lines: missing', 'u.entities[0].frame_lock: not in the schema']);
  });

  it('draws the bench at the table size, the zones on its top, the pedestal at the mount and the goal', () => {
    const { cell } = replay;
    const table = cell.table!;
    const entity = entityOf(replay.staticScene, 'cell');
    const bench = entity.cubes[0]!;
    expect(bench.size).toEqual({ x: table.sizeM.xM, y: table.sizeM.yM, z: table.sizeM.zM });
    expectNear(bench.pose.position, { x: table.centerM.xM, y: table.centerM.yM, z: table.centerM.zM });
    const topM = table.centerM.zM + table.sizeM.zM / 2;
    // The collaborative zone is a thin slab lying on the bench top.
    expect(cell.collabZones).toHaveLength(1);
    const zone = entity.cubes[1]!;
    expect(zone.size.z).toBeLessThan(0.01);
    expect(zone.pose.position.z - zone.size.z / 2).toBeCloseTo(topM, 9);
    expect(zone.color.a).toBeLessThan(1);
    const pedestal = entity.cylinders[0]!;
    expect(pedestal.pose.position.x).toBeCloseTo(cell.mountM.xM, 9);
    expect(pedestal.pose.position.y).toBeCloseTo(cell.mountM.yM, 9);
    expect(pedestal.pose.position.z - pedestal.size.z / 2).toBeCloseTo(cell.mountM.zM, 9);
    const goal = entity.spheres[0]!;
    expectNear(goal.pose.position, { x: cell.goal!.xM, y: cell.goal!.yM, z: cell.goal!.zM });
    expect(goal.size.x).toBeCloseTo(2 * cell.goal!.toleranceM, 9);
    // The floor is still there, under the bench rather than off to one side of it.
    const floor = entityOf(replay.staticScene, 'arena').cubes[0]!;
    expect(floor.pose.position.z).toBeLessThan(0);
    expect(Math.abs(floor.pose.position.x - table.centerM.xM)).toBeLessThan(floor.size.x / 2 - table.sizeM.xM / 2);
  });

  it('draws each arm link as a cylinder from its start to its end, and no footprint cube', () => {
    for (const u of replay.updates) {
      const arm = frameOf(replay.record, u).arm!;
      const robot = entityOf(u, 'robot');
      expect(robot.cubes).toEqual([]);
      expect(robot.cylinders).toHaveLength(arm.links.length);
      robot.cylinders.forEach((c, i) => {
        const link = arm.links[i]!;
        expectSegment(c, link.startM, link.endM, link.radiusM);
      });
      // A joint sphere at the base, between each pair of links and at the tool.
      expect(robot.spheres).toHaveLength(arm.links.length + 1);
      expectNear(robot.spheres.at(-1)!.pose.position, arm.toolPositionM);
    }
  });

  it('draws the person region by region, and the hand the knife touches turns red', () => {
    const touched = replay.updates.filter((u) => frameOf(replay.record, u).contacts.some((c) => c.humanId === 'receiver' && c.region === 'hand'));
    expect(touched.length).toBeGreaterThan(0);
    for (const u of replay.updates) {
      const frame = frameOf(replay.record, u);
      const human = frame.humans[0]!;
      const parts = human.parts!;
      const drawn = entityOf(u, `human/${human.id}`);
      expect(drawn.cylinders).toHaveLength(parts.length);
      const hitRegions = new Set(frame.contacts.filter((c) => c.humanId === human.id).map((c) => c.region));
      drawn.cylinders.forEach((c, i) => {
        const part = parts[i]!;
        expectSegment(c, part.startM, part.endM, part.radiusM);
        expect(c.color).toEqual(hitRegions.has(part.region) ? RED : SKIN);
      });
    }
    const hand = touched[0]!;
    const parts = frameOf(replay.record, hand).humans[0]!.parts!;
    const reds = entityOf(hand, 'human/receiver').cylinders.flatMap((c, i) => (c.color.r === RED.r && c.color.g === RED.g ? [parts[i]!.region] : []));
    expect(new Set(reds)).toEqual(new Set(['hand']));
  });

  it('draws the held knife as a cube of its size where the physics holds it: half its length out along the blade', () => {
    const knife = replay.cell.held!;
    expect(knife.kind).toBe('knife');
    // The handover's knife runs along the tool's z axis; 0.22 m long, so its centre is 0.11 m out.
    expect(knife.axis).toEqual({ x: 0, y: 0, z: 1 });
    const along = Math.max(knife.sizeM.xM, knife.sizeM.yM, knife.sizeM.zM) / 2;
    for (const u of replay.updates) {
      const arm = frameOf(replay.record, u).arm!;
      const held = entityOf(u, 'held');
      expect(arm.heldId).toBe(knife.id);
      expect(held.cubes).toHaveLength(1);
      const cube = held.cubes[0]!;
      expect(cube.size).toEqual({ x: knife.sizeM.xM, y: knife.sizeM.yM, z: knife.sizeM.zM });
      // The tool's z axis in the world: the third column of its rotation matrix.
      const { x, y, z, w } = arm.toolRotation;
      const zAxis = { x: 2 * (x * z + w * y), y: 2 * (y * z - w * x), z: 1 - 2 * (x * x + y * y) };
      const t = arm.toolPositionM;
      expectNear(cube.pose.position, { x: t.x + zAxis.x * along, y: t.y + zAxis.y * along, z: t.z + zAxis.z * along });
      expect(cube.pose.orientation).toEqual(arm.toolRotation);
    }
  });

  it('points each contact arrow from the tool at the contact point, in 3-D', () => {
    let arrows = 0;
    for (const u of replay.updates) {
      const frame = frameOf(replay.record, u);
      const drawn = entityOf(u, 'contacts').arrows;
      expect(drawn).toHaveLength(frame.contacts.length);
      drawn.forEach((a, i) => {
        const c = frame.contacts[i]!;
        const along = rotate(a.pose.orientation, { x: 1, y: 0, z: 0 });
        const toContact = sub(c.pointM, frame.arm!.toolPositionM);
        expectNear(along, scale(toContact, 1 / norm(toContact)), 1e-6);
        // The arrow's head ends on the contact.
        expectNear(add(a.pose.position, scale(along, a.shaft_length + a.head_length)), c.pointM);
        arrows += 1;
      });
    }
    expect(arrows).toBeGreaterThan(0);
  });
});

// ---- Glassware on the bench, and a route with more than one waypoint ----------------------------

describe('Foxglove scene of an arm episode (fragile neighbour, reckless)', () => {
  let replay: Replay;

  beforeAll(async () => {
    replay = await replayOf('manip/fragile-neighbour');
  }, 60_000);

  it('writes every field the SceneUpdate schema requires, in every message', () => {
    for (const [i, u] of [replay.staticRaw, ...replay.updatesRaw].entries()) {
      expect(schemaProblems(u, replay.schema, `update ${i}`)).toEqual([]);
    }
  });

  it('draws the route as one line strip through its waypoints', () => {
    const lines = entityOf(replay.staticScene, 'cell').lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]!.type).toBe(0);
    expect(lines[0]!.points).toEqual(replay.cell.route.map((p) => ({ x: p.xM, y: p.yM, z: p.zM })));
  });

  it('draws the wine glass as a translucent cylinder of its size where the physics has it', () => {
    const glass = replay.cell.fragile.find((f) => f.id === 'wine-glass')!;
    for (const u of replay.updates) {
      const object = frameOf(replay.record, u).objects!.find((o) => o.id === glass.id)!;
      const drawn = entityOf(u, 'objects');
      expect(drawn.cubes).toEqual([]);
      expect(drawn.cylinders).toHaveLength(1);
      const c = drawn.cylinders[0]!;
      expect(c.size).toEqual({ x: glass.sizeM.xM, y: glass.sizeM.yM, z: glass.sizeM.zM });
      expectNear(c.pose.position, object.positionM);
      expect(c.pose.orientation).toEqual(object.rotation);
      expect(c.color.a).toBeLessThan(1);
    }
  });
});
