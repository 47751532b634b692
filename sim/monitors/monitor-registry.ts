import type { MonitorSpec, ResolvedScenario } from '../../scenarios/index.js';
import type { Monitor } from '../monitor.js';
import { contactForceMonitor } from './contact-force-monitor.js';
import { nonFiniteActionMonitor } from './non-finite-action-monitor.js';
import { separationMonitor } from './separation-monitor.js';

type Factory = (spec: MonitorSpec, scene: ResolvedScenario) => Monitor;

/** Monitors by name: one plug-in point, and an unknown name lists the known ones. */
const FACTORIES: Record<string, { describe: string; create: Factory }> = {
  separation: {
    describe: 'protective separation distance, ISO/TS 15066 speed and separation monitoring (m)',
    create: (spec, scene) => separationMonitor(spec as Extract<MonitorSpec, { kind: 'separation' }>, scene.robot) as Monitor,
  },
  'contact-force': {
    describe: 'contact force per body region against the ISO/TS 15066 transient and quasi-static limits (N)',
    create: (spec, scene) => contactForceMonitor(spec as Extract<MonitorSpec, { kind: 'contact-force' }>, scene.robot) as Monitor,
  },
  'non-finite-action': {
    describe: 'policy output contains NaN or Infinity (count)',
    create: () => nonFiniteActionMonitor() as Monitor,
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
