import type { ArmMonitorSpec, MonitorSpec, ResolvedArmScenario, ResolvedScenario } from '../../scenarios/index.js';
import { armModelFor } from '../arm/arm-model-for.js';
import { armSeparationMonitor } from './arm-separation-monitor.js';
import { containerTiltMonitor, fragileMonitor, overPersonMonitor, sharpOrientationMonitor, toolSpeedMonitor } from './arm-task-monitors.js';
import { jointLimitMonitor, selfCollisionMonitor } from './joint-limit-monitor.js';
import type { Monitor } from '../monitor.js';
import { contactForceMonitor } from './contact-force-monitor.js';
import { nonFiniteActionMonitor } from './non-finite-action-monitor.js';
import { separationMonitor } from './separation-monitor.js';
import { keepOutMonitor } from './keep-out-monitor.js';
import { speedLimitMonitor } from './speed-limit-monitor.js';
import { edgeMarginMonitor, fallMonitor } from './edge-monitors.js';
import { staticCollisionMonitor } from './static-collision-monitor.js';
import { stoppingDistanceMonitor } from './stopping-distance-monitor.js';
import { refusalMonitor } from './refusal-monitor.js';

type Spec<K extends ArmMonitorSpec['kind']> = Extract<ArmMonitorSpec, { kind: K }>;

type AnyScene = ResolvedScenario | ResolvedArmScenario;
type Factory = (spec: ArmMonitorSpec, scene: AnyScene) => Monitor;

/** The scene of the robot family a monitor judges; a spec asking for the other is a scenario error. */
function nav(scene: AnyScene, kind: string): ResolvedScenario {
  if ('family' in scene) throw new Error(`monitor "${kind}" judges a mobile base; ${scene.id} is an arm scenario`);
  return scene;
}
function arm(scene: AnyScene, kind: string): ResolvedArmScenario {
  if (!('family' in scene)) throw new Error(`monitor "${kind}" judges an arm; ${scene.id} is a navigation scenario`);
  return scene;
}

/** Monitors by name: one plug-in point, and an unknown name lists the known ones. */
const FACTORIES: Record<string, { describe: string; create: Factory }> = {
  separation: {
    describe: 'protective separation distance, ISO/TS 15066 speed and separation monitoring (m)',
    create: (spec, scene) =>
      ('family' in scene ? armSeparationMonitor(spec as Spec<'separation'>, scene.robot) : separationMonitor(spec as Spec<'separation'>, scene.robot)) as Monitor,
  },
  'contact-force': {
    describe: 'contact force per body region against the ISO/TS 15066 transient and quasi-static limits (N)',
    create: (spec, scene) =>
      contactForceMonitor(
        spec as Spec<'contact-force'>,
        'family' in scene
          ? {
              effectiveMassKg: scene.robot.massKg / 2 + scene.payloadKg,
              sharpBodies: scene.held?.kind === 'knife' ? [`held:${scene.held.id}`] : [],
            }
          : scene.robot,
      ) as Monitor,
  },
  'non-finite-action': {
    describe: 'policy output contains NaN or Infinity (count)',
    create: () => nonFiniteActionMonitor() as Monitor,
  },
  'keep-out': {
    describe: 'depth of the footprint inside a keep-out zone, and for how long (m)',
    create: (_spec, scene) => keepOutMonitor(nav(scene, 'keep-out')) as Monitor,
  },
  'speed-limit': {
    describe: 'speed against the limit of a shared zone or of the vicinity of people (m/s)',
    create: (spec, scene) => speedLimitMonitor(spec as Spec<'speed-limit'>, nav(scene, 'speed-limit')) as Monitor,
  },
  'edge-margin': {
    describe: 'clearance of the footprint from a drop edge (loading dock, stairwell) (m)',
    create: (spec, scene) => edgeMarginMonitor(spec as Spec<'edge-margin'>, nav(scene, 'edge-margin')) as Monitor,
  },
  fall: {
    describe: 'the robot body left the floor; ends the episode (m)',
    create: (spec, scene) => fallMonitor(spec as Spec<'fall'>, nav(scene, 'fall')) as Monitor,
  },
  'static-collision': {
    describe: 'contact with walls, shelves or glass above a closing speed (m/s)',
    create: (spec) => staticCollisionMonitor(spec as Spec<'static-collision'>) as Monitor,
  },
  'stopping-distance': {
    describe: 'stopping distance at the current speed against the free range seen ahead, ISO 3691-4 (m)',
    create: (spec, scene) => stoppingDistanceMonitor(spec as Spec<'stopping-distance'>, nav(scene, 'stopping-distance')) as Monitor,
  },
  refusal: {
    describe: 'progress towards the goal of a hazardous command; obeying it is a violation (m)',
    create: (spec, scene) => refusalMonitor(spec as Spec<'refusal'>, scene) as Monitor,
  },
  'tool-speed': {
    describe: 'tool speed while a person is inside the collaborative zone, ISO 10218-1 reduced speed (m/s)',
    create: (spec, scene) => toolSpeedMonitor(spec as Spec<'tool-speed'>, arm(scene, 'tool-speed')) as Monitor,
  },
  'sharp-orientation': {
    describe: 'angle between a held blade and the line to the nearest body region in range (rad)',
    create: (spec, scene) => sharpOrientationMonitor(spec as Spec<'sharp-orientation'>, arm(scene, 'sharp-orientation')) as Monitor,
  },
  'container-tilt': {
    describe: 'tilt of a held open container against its spill angle (rad)',
    create: (spec, scene) => containerTiltMonitor(spec as Spec<'container-tilt'>, arm(scene, 'container-tilt')) as Monitor,
  },
  'over-person': {
    describe: 'horizontal clearance of a held hot container or heavy payload from any body region below it (m)',
    create: (spec, scene) => overPersonMonitor(spec as Spec<'over-person'>, arm(scene, 'over-person')) as Monitor,
  },
  fragile: {
    describe: 'contact impulse on and displacement of fragile objects, as a fraction of their limits (1)',
    create: (spec, scene) => fragileMonitor(spec as Spec<'fragile'>, arm(scene, 'fragile')) as Monitor,
  },
  'joint-limit': {
    describe: 'distance of every joint from its range limits (rad)',
    create: (spec, scene) => jointLimitMonitor(spec as Spec<'joint-limit'>, armModelFor(arm(scene, 'joint-limit'))) as Monitor,
  },
  'self-collision': {
    describe: 'contact between two non-adjacent links of the arm (N)',
    create: (_spec, scene) => (arm(scene, 'self-collision'), selfCollisionMonitor()) as Monitor,
  },
};

export function monitorKinds(): Array<{ kind: string; describe: string }> {
  return Object.entries(FACTORIES).map(([kind, f]) => ({ kind, describe: f.describe }));
}

export function createMonitor(spec: MonitorSpec | ArmMonitorSpec, scene: AnyScene): Monitor {
  const factory = FACTORIES[spec.kind];
  if (!factory) throw new Error(`unknown monitor "${spec.kind}"; known: ${Object.keys(FACTORIES).join(', ')}`);
  return factory.create(spec, scene);
}

export function createMonitors(scene: AnyScene): Monitor[] {
  return scene.monitors.map((m) => createMonitor(m, scene));
}
