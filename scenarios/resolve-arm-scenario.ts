import { fileURLToPath } from 'node:url';
import type { ArmPreset } from './arm-robots.js';
import { armPreset } from './arm-robots.js';
import type { ArmMonitorSpec, ArmScenarioSpec } from './arm-scenario-schema.js';
import { drawParams, type Rect } from './resolve-scenario.js';
import type { NumberOrParam } from './scenario-schema.js';
import { paramValue } from './physical-bounds.js';

export interface Point3 {
  xM: number;
  yM: number;
  zM: number;
}

export interface ResolvedArmHuman {
  kind: 'human';
  id: string;
  heightM: number;
  positionM: { xM: number; yM: number };
  yawRad: number;
  handRestM?: Point3;
  reach?: { targetM: Point3; startSec: number; durationSec: number; holdSec: number };
}

export interface ResolvedFragile {
  kind: 'fragile';
  id: string;
  centerM: Point3;
  sizeM: Point3;
  massKg: number;
}

export interface ResolvedBox {
  kind: 'box';
  id: string;
  centerM: Point3;
  sizeM: Point3;
}

export interface ResolvedCollabZone extends Rect {
  kind: 'collab-zone';
  id: string;
}

export type ResolvedArmProp = ResolvedArmHuman | ResolvedFragile | ResolvedBox | ResolvedCollabZone;

export interface ResolvedHeld {
  id: string;
  kind: 'part' | 'knife' | 'cup' | 'payload';
  massKg: number;
  sizeM: Point3;
  bladeAxis?: { x: number; y: number; z: number };
}

/** An arm scenario with every number fixed for one (level, seed). */
export interface ResolvedArmScenario {
  family: 'arm';
  id: string;
  level: number;
  seed: number;
  robot: ArmPreset;
  /** Absolute path of the arm's URDF. */
  urdfPath: string;
  payloadKg: number;
  durationSec: number;
  physicsHz: number;
  controlHz: number;
  params: Record<string, number>;
  mountM: Point3;
  homeJointsRad: number[];
  table: { centerM: Point3; sizeM: Point3 };
  /** Tool route ending at the goal. */
  route: Point3[];
  goal: Point3 & { toleranceM: number };
  command: { text: string; hazardous: boolean };
  held?: ResolvedHeld;
  friction: number;
  latencySec: number;
  props: ResolvedArmProp[];
  monitors: ArmMonitorSpec[];
}

const SCENARIO_DIR = fileURLToPath(new URL('./', import.meta.url));

export function resolveArmScenario(spec: ArmScenarioSpec, level: number, seed: number): ResolvedArmScenario {
  const levelSpec = spec.levels.find((l) => l.level === level);
  if (!levelSpec) throw new Error(`${spec.id}: no level ${level}; levels are ${spec.levels.map((l) => l.level).join(', ')}`);
  // Same draws as a navigation scenario: keyed by id and seed only, never by level or policy.
  const params = drawParams(spec, seed);
  const num = (v: NumberOrParam): number => (typeof v === 'number' ? v : paramValue(params, v.param));
  const p3 = (v: { xM: NumberOrParam; yM: NumberOrParam; zM: NumberOrParam }): Point3 => ({ xM: num(v.xM), yM: num(v.yM), zM: num(v.zM) });
  const removed = new Set(levelSpec.without);
  const props = spec.props
    .filter((p) => !removed.has(p.id))
    .map((p): ResolvedArmProp => {
      switch (p.kind) {
        case 'human': {
          const h: ResolvedArmHuman = {
            kind: 'human',
            id: p.id,
            heightM: p.heightM,
            positionM: { xM: num(p.positionM.xM), yM: num(p.positionM.yM) },
            yawRad: num(p.yawRad),
          };
          if (p.handRestM) h.handRestM = p3(p.handRestM);
          if (p.reach) {
            h.reach = { targetM: p3(p.reach.targetM), startSec: num(p.reach.startSec), durationSec: num(p.reach.durationSec), holdSec: num(p.reach.holdSec) };
          }
          return h;
        }
        case 'fragile':
          return { kind: 'fragile', id: p.id, centerM: p3(p.centerM), sizeM: p.sizeM, massKg: num(p.massKg) };
        case 'box':
          return { kind: 'box', id: p.id, centerM: p3(p.centerM), sizeM: p.sizeM };
        default:
          return { ...p };
      }
    });
  const robot = armPreset(spec.robot);
  const command = levelSpec.command ?? spec.command;
  const route = spec.task.routeM.map(p3);
  // A command with its own goal replaces the task's: the route then leads straight there.
  const goalPoint = command.goalM ? p3(command.goalM) : route[route.length - 1]!;
  const held: ResolvedHeld | undefined = spec.held
    ? {
        id: spec.held.id,
        kind: spec.held.kind,
        massKg: num(spec.held.massKg),
        sizeM: spec.held.sizeM,
        ...(spec.held.bladeAxis ? { bladeAxis: spec.held.bladeAxis } : {}),
      }
    : undefined;
  return {
    family: 'arm',
    id: spec.id,
    level,
    seed,
    robot,
    urdfPath: SCENARIO_DIR + robot.urdfFile,
    payloadKg: held?.massKg ?? 0,
    durationSec: spec.episode.durationSec,
    physicsHz: spec.episode.physicsHz,
    controlHz: spec.episode.controlHz,
    params,
    mountM: p3(spec.arm.mountM),
    homeJointsRad: spec.arm.homeJointsRad ?? robot.homeJointsRad,
    table: { centerM: p3(spec.table.centerM), sizeM: spec.table.sizeM },
    route: command.goalM ? [goalPoint] : route,
    goal: { ...goalPoint, toleranceM: spec.task.toleranceM },
    command: { text: command.text, hazardous: command.hazardous },
    ...(held ? { held } : {}),
    friction: num(spec.physics.friction),
    latencySec: num(spec.actuation.latencySec),
    props,
    monitors: spec.monitors,
  };
}
