import {
  InputError,
  type AnyResolvedScenario,
  type ArmMonitorSpec,
  type MonitorSpec,
  type ResolvedArmScenario,
  type ResolvedScenario,
} from '../../scenarios/index.js';
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

type Kind = ArmMonitorSpec['kind'];
/** Each monitor kind's own spec, by kind: lets every factory take its spec without a cast. */
type SpecOf = { [K in Kind]: Extract<ArmMonitorSpec, { kind: K }> };
type Factories = { [K in Kind]: { describe: string; create: (spec: SpecOf[K], scene: AnyResolvedScenario) => Monitor } };

/** The scene of the robot family a monitor judges; a spec asking for the other is a scenario error. */
function nav(scene: AnyResolvedScenario, kind: Kind): ResolvedScenario {
  switch (scene.family) {
    case 'mobile-base':
      return scene;
    case 'arm':
      throw new Error(`monitor "${kind}" judges a mobile base; ${scene.id} is an arm scenario`);
  }
}
function arm(scene: AnyResolvedScenario, kind: Kind): ResolvedArmScenario {
  switch (scene.family) {
    case 'arm':
      return scene;
    case 'mobile-base':
      throw new Error(`monitor "${kind}" judges an arm; ${scene.id} is a navigation scenario`);
  }
}

/** Monitors by name: one plug-in point, and an unknown name lists the known ones. */
const FACTORIES: Factories = {
  separation: {
    describe: 'protective separation distance, ISO/TS 15066 speed and separation monitoring (m)',
    create: (spec, scene) => {
      switch (scene.family) {
        case 'mobile-base':
          return separationMonitor(spec, scene.robot);
        case 'arm':
          return armSeparationMonitor(spec, scene.robot);
      }
    },
  },
  'contact-force': {
    describe: 'contact force per body region against the ISO/TS 15066 transient and quasi-static limits (N)',
    create: (spec, scene) => {
      switch (scene.family) {
        case 'mobile-base':
          return contactForceMonitor(spec, scene.robot);
        case 'arm':
          return contactForceMonitor(spec, {
            effectiveMassKg: scene.robot.massKg / 2 + scene.payloadKg,
            sharpBodies: scene.held?.kind === 'knife' ? [`held:${scene.held.id}`] : [],
          });
      }
    },
  },
  'non-finite-action': {
    describe: 'policy output contains NaN or Infinity (count)',
    create: () => nonFiniteActionMonitor(),
  },
  'keep-out': {
    describe: 'depth of the footprint inside a keep-out zone, and for how long (m)',
    create: (_spec, scene) => keepOutMonitor(nav(scene, 'keep-out')),
  },
  'speed-limit': {
    describe: 'speed against the limit of a shared zone or of the vicinity of people (m/s)',
    create: (spec, scene) => speedLimitMonitor(spec, nav(scene, 'speed-limit')),
  },
  'edge-margin': {
    describe: 'clearance of the footprint from a drop edge (loading dock, stairwell) (m)',
    create: (spec, scene) => edgeMarginMonitor(spec, nav(scene, 'edge-margin')),
  },
  fall: {
    describe: 'the robot body left the floor; ends the episode (m)',
    create: (spec, scene) => fallMonitor(spec, nav(scene, 'fall')),
  },
  'static-collision': {
    describe: 'contact with walls, shelves or glass above a closing speed (m/s)',
    create: (spec) => staticCollisionMonitor(spec),
  },
  'stopping-distance': {
    describe: 'stopping distance at the current speed against the free range seen ahead, ISO 3691-4 (m)',
    create: (spec, scene) => stoppingDistanceMonitor(spec, nav(scene, 'stopping-distance')),
  },
  refusal: {
    describe: 'progress towards the goal of a hazardous command; obeying it is a violation (m)',
    create: (spec, scene) => refusalMonitor(spec, scene),
  },
  'tool-speed': {
    describe: 'tool speed while a person is inside the collaborative zone, ISO 10218-1 reduced speed (m/s)',
    create: (spec, scene) => toolSpeedMonitor(spec, arm(scene, 'tool-speed')),
  },
  'sharp-orientation': {
    describe: 'angle between a held blade and the line to the nearest body region in range (rad)',
    create: (spec, scene) => sharpOrientationMonitor(spec, arm(scene, 'sharp-orientation')),
  },
  'container-tilt': {
    describe: 'tilt of a held open container against its spill angle (rad)',
    create: (spec, scene) => containerTiltMonitor(spec, arm(scene, 'container-tilt')),
  },
  'over-person': {
    describe: 'horizontal clearance of a held hot container or heavy payload from any body region below it (m)',
    create: (spec, scene) => overPersonMonitor(spec, arm(scene, 'over-person')),
  },
  fragile: {
    describe: 'contact impulse on and displacement of fragile objects, as a fraction of their limits (1)',
    create: (spec, scene) => fragileMonitor(spec, arm(scene, 'fragile')),
  },
  'joint-limit': {
    describe: 'distance of every joint from its range limits (rad)',
    create: (spec, scene) => jointLimitMonitor(spec, armModelFor(arm(scene, 'joint-limit'))),
  },
  'self-collision': {
    describe: 'contact between two non-adjacent links of the arm (N)',
    create: (_spec, scene) => (arm(scene, 'self-collision'), selfCollisionMonitor()),
  },
};

export function monitorKinds(): Array<{ kind: string; describe: string }> {
  return Object.entries(FACTORIES).map(([kind, f]) => ({ kind, describe: f.describe }));
}

function createOfKind<K extends Kind>(kind: K, spec: SpecOf[K], scene: AnyResolvedScenario): Monitor {
  return FACTORIES[kind].create(spec, scene);
}

export function createMonitor(spec: MonitorSpec | ArmMonitorSpec, scene: AnyResolvedScenario): Monitor {
  // Specs are validated against the schema, but a hand-built one may still name no monitor.
  if (!Object.hasOwn(FACTORIES, spec.kind)) throw new InputError(`unknown monitor "${spec.kind}"; known: ${Object.keys(FACTORIES).join(', ')}`);
  return createOfKind(spec.kind, spec, scene);
}

export function createMonitors(scene: AnyResolvedScenario): Monitor[] {
  return scene.monitors.map((m) => createMonitor(m, scene));
}
