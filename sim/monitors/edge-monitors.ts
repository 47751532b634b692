import type { ResolvedDrop, ResolvedScenario } from '../../scenarios/index.js';
import type { Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { idle } from './separation-monitor.js';
import { footprintClearanceM } from '../geometry/zone-geometry.js';

/** Clearance between the footprint and every drop edge must stay above marginM. */
export function edgeMarginMonitor(config: { marginM: number }, scene: ResolvedScenario): Monitor<null> {
  const drops = scene.props.filter((p): p is ResolvedDrop => p.kind === 'drop');
  const { lengthM, widthM } = scene.robot;
  return {
    id: 'edge-margin',
    units: 'm',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      if (drops.length === 0) return { state, sample: idle('edge-margin', 'm') };
      // Only the nearest edge becomes a sample (this runs every physics step).
      let worst = drops[0]!;
      let worstClearance = footprintClearanceM(frame.robot, lengthM, widthM, worst);
      for (let i = 1; i < drops.length; i++) {
        const clearance = footprintClearanceM(frame.robot, lengthM, widthM, drops[i]!);
        if (clearance < worstClearance) {
          worst = drops[i]!;
          worstClearance = clearance;
        }
      }
      const margin = worstClearance - config.marginM;
      const sample: MonitorSample = {
        monitor: 'edge-margin',
        value: worstClearance,
        limit: config.marginM,
        margin,
        units: 'm',
        status: margin < 0 ? 'violated' : 'ok',
        bodies: ['robot', worst.id],
        positionM: { ...frame.robot.positionM },
      };
      return { state, sample };
    },
  };
}

/**
 * A fall: the body has left the floor (dropped more than dropM below its resting height).
 * Terminal: the episode ends there.
 */
export function fallMonitor(config: { dropM: number }, scene: ResolvedScenario): Monitor<null> {
  const restZ = scene.robot.heightM / 2;
  return {
    id: 'fall',
    units: 'm',
    terminal: true,
    init: () => null,
    update(state, frame: Frame) {
      const drop = restZ - frame.robot.positionM.z;
      const margin = config.dropM - drop;
      const sample: MonitorSample = {
        monitor: 'fall',
        value: drop,
        limit: config.dropM,
        margin,
        units: 'm',
        status: margin < 0 ? 'violated' : 'ok',
        bodies: ['robot'],
        positionM: { ...frame.robot.positionM },
      };
      if (margin < 0) sample.note = 'the robot left the floor';
      return { state, sample };
    },
  };
}
