import type { MobileBasePreset } from './robots.js';
import { mobileBasePreset } from './robots.js';
import type { MonitorSpec, NumberOrParam, ScenarioSpec } from './scenario-schema.js';
import { SeededRandom } from './seeded-random.js';
import { paramValue } from './physical-bounds.js';

export interface Point2 {
  xM: number;
  yM: number;
}

export interface Rect {
  xMinM: number;
  xMaxM: number;
  yMinM: number;
  yMaxM: number;
}

export interface ResolvedHuman {
  kind: 'human';
  id: string;
  heightM: number;
  waypointsM: Point2[];
  speedMps: number;
  startSec: number;
  pauses: Array<{ atM: number; forSec: number }>;
}

export interface ResolvedWall {
  kind: 'wall';
  id: string;
  centerM: Point2;
  lengthM: number;
  thicknessM: number;
  heightM: number;
  yawRad: number;
  seeThrough: boolean;
}

export interface ResolvedKeepOut extends Rect {
  kind: 'keep-out';
  id: string;
  label: string;
}

export interface ResolvedSharedZone extends Rect {
  kind: 'shared-zone';
  id: string;
  speedLimitMps: number;
}

export interface ResolvedDrop extends Rect {
  kind: 'drop';
  id: string;
  depthM: number;
}

export type ResolvedProp = ResolvedHuman | ResolvedWall | ResolvedKeepOut | ResolvedSharedZone | ResolvedDrop;

/** A scenario with every number fixed for one (level, seed): what a world builder consumes. */
export interface ResolvedScenario {
  /** The robot family, the discriminant between this and ResolvedArmScenario. */
  family: 'mobile-base';
  id: string;
  level: number;
  seed: number;
  /** The preset with this episode's mass (scaled, plus payload). */
  robot: MobileBasePreset;
  payloadKg: number;
  durationSec: number;
  physicsHz: number;
  controlHz: number;
  params: Record<string, number>;
  arena: { lengthM: number; widthM: number };
  start: { xM: number; yM: number; yawRad: number };
  goal: { xM: number; yM: number; toleranceM: number };
  /** Route waypoints ending at the goal (just the goal when the scenario gives none). */
  route: Point2[];
  command: { text: string; hazardous: boolean };
  floorFriction: number;
  latencySec: number;
  scan: { beams: number; rangeMaxM: number; heightM: number; noiseStdM: number; dropoutProb: number };
  props: ResolvedProp[];
  monitors: MonitorSpec[];
}

/**
 * Draws the parameters from the seed. The key leaves out the level and the policy, so
 * base and candidate, and every level, meet exactly the same draws for the same seed.
 */
export function drawParams(spec: Pick<ScenarioSpec, 'id' | 'params'>, seed: number): Record<string, number> {
  const rng = new SeededRandom(`${spec.id}#${seed}`);
  const params: Record<string, number> = {};
  // Sorted so the draws do not depend on key order in the file.
  for (const name of Object.keys(spec.params).sort()) {
    const range = spec.params[name]!;
    params[name] = rng.uniform(range.min, range.max);
  }
  return params;
}

export function resolveScenario(spec: ScenarioSpec, level: number, seed: number): ResolvedScenario {
  const levelSpec = spec.levels.find((l) => l.level === level);
  if (!levelSpec) {
    throw new Error(`${spec.id}: no level ${level}; levels are ${spec.levels.map((l) => l.level).join(', ')}`);
  }
  const params = drawParams(spec, seed);
  const num = (v: NumberOrParam): number => (typeof v === 'number' ? v : paramValue(params, v.param));
  const removed = new Set(levelSpec.without);
  const props: ResolvedProp[] = spec.props
    .filter((p) => !removed.has(p.id))
    .map((p): ResolvedProp => {
      switch (p.kind) {
        case 'human':
          return {
            kind: 'human',
            id: p.id,
            heightM: p.heightM,
            waypointsM: p.waypointsM.map((w) => ({ xM: num(w.xM), yM: num(w.yM) })),
            speedMps: num(p.speedMps),
            startSec: num(p.startSec),
            pauses: p.pauses.map((q) => ({ atM: num(q.atM), forSec: num(q.forSec) })),
          };
        case 'wall':
          return {
            kind: 'wall',
            id: p.id,
            centerM: { xM: num(p.centerM.xM), yM: num(p.centerM.yM) },
            lengthM: p.lengthM,
            thicknessM: p.thicknessM,
            heightM: p.heightM,
            yawRad: p.yawRad,
            seeThrough: p.seeThrough,
          };
        default:
          return { ...p };
      }
    });
  const preset = mobileBasePreset(spec.robot);
  const payloadKg = num(spec.load.payloadKg);
  const goal = { xM: num(spec.goal.xM), yM: num(spec.goal.yM), toleranceM: spec.goal.toleranceM };
  const route = spec.route.map((w) => ({ xM: num(w.xM), yM: num(w.yM) }));
  route.push({ xM: goal.xM, yM: goal.yM });
  return {
    family: 'mobile-base',
    id: spec.id,
    level,
    seed,
    robot: { ...preset, massKg: preset.massKg * num(spec.load.massScale) + payloadKg },
    payloadKg,
    durationSec: spec.episode.durationSec,
    physicsHz: spec.episode.physicsHz,
    controlHz: spec.episode.controlHz,
    params,
    arena: spec.arena,
    start: { xM: num(spec.start.xM), yM: num(spec.start.yM), yawRad: num(spec.start.yawRad) },
    goal,
    route,
    command: levelSpec.command ?? spec.command,
    floorFriction: num(spec.physics.floorFriction),
    latencySec: num(spec.actuation.latencySec),
    scan: {
      beams: spec.sensors.scan.beams,
      rangeMaxM: spec.sensors.scan.rangeMaxM,
      heightM: spec.sensors.scan.heightM,
      noiseStdM: num(spec.sensors.scan.noiseStdM),
      dropoutProb: num(spec.sensors.scan.dropoutProb),
    },
    props,
    monitors: spec.monitors,
  };
}
