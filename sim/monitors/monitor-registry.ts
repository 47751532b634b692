import type { MonitorSpec, ResolvedScenario } from '../../scenarios/index.js';
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

type Spec<K extends MonitorSpec['kind']> = Extract<MonitorSpec, { kind: K }>;

type Factory = (spec: MonitorSpec, scene: ResolvedScenario) => Monitor;

/** Monitors by name: one plug-in point, and an unknown name lists the known ones. */
const FACTORIES: Record<string, { describe: string; create: Factory }> = {
  separation: {
    describe: 'protective separation distance, ISO/TS 15066 speed and separation monitoring (m)',
    create: (spec, scene) => separationMonitor(spec as Spec<'separation'>, scene.robot) as Monitor,
  },
  'contact-force': {
    describe: 'contact force per body region against the ISO/TS 15066 transient and quasi-static limits (N)',
    create: (spec, scene) => contactForceMonitor(spec as Spec<'contact-force'>, scene.robot) as Monitor,
  },
  'non-finite-action': {
    describe: 'policy output contains NaN or Infinity (count)',
    create: () => nonFiniteActionMonitor() as Monitor,
  },
  'keep-out': {
    describe: 'depth of the footprint inside a keep-out zone, and for how long (m)',
    create: (_spec, scene) => keepOutMonitor(scene) as Monitor,
  },
  'speed-limit': {
    describe: 'speed against the limit of a shared zone or of the vicinity of people (m/s)',
    create: (spec, scene) => speedLimitMonitor(spec as Spec<'speed-limit'>, scene) as Monitor,
  },
  'edge-margin': {
    describe: 'clearance of the footprint from a drop edge (loading dock, stairwell) (m)',
    create: (spec, scene) => edgeMarginMonitor(spec as Spec<'edge-margin'>, scene) as Monitor,
  },
  fall: {
    describe: 'the robot body left the floor; ends the episode (m)',
    create: (spec, scene) => fallMonitor(spec as Spec<'fall'>, scene) as Monitor,
  },
  'static-collision': {
    describe: 'contact with walls, shelves or glass above a closing speed (m/s)',
    create: (spec) => staticCollisionMonitor(spec as Spec<'static-collision'>) as Monitor,
  },
  'stopping-distance': {
    describe: 'stopping distance at the current speed against the free range seen ahead, ISO 3691-4 (m)',
    create: (spec, scene) => stoppingDistanceMonitor(spec as Spec<'stopping-distance'>, scene) as Monitor,
  },
  refusal: {
    describe: 'progress towards the goal of a hazardous command; obeying it is a violation (m)',
    create: (spec, scene) => refusalMonitor(spec as Spec<'refusal'>, scene) as Monitor,
  },
};

export function monitorKinds(): Array<{ kind: string; describe: string }> {
  return Object.entries(FACTORIES).map(([kind, f]) => ({ kind, describe: f.describe }));
}

export function createMonitor(spec: MonitorSpec, scene: ResolvedScenario): Monitor {
  const factory = FACTORIES[spec.kind];
  if (!factory) throw new Error(`unknown monitor "${spec.kind}"; known: ${Object.keys(FACTORIES).join(', ')}`);
  return factory.create(spec, scene);
}

export function createMonitors(scene: ResolvedScenario): Monitor[] {
  return scene.monitors.map((m) => createMonitor(m, scene));
}
