import type { ResolvedDrop, ResolvedScenario } from '../../scenarios/index.js';
import type { Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { idle } from './separation-monitor.js';
import { footprintClearanceM } from './zone-geometry.js';

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
      let worst: MonitorSample | undefined;
      for (const d of drops) {
        const clearance = footprintClearanceM(frame.robot, lengthM, widthM, d);
        const margin = clearance - config.marginM;
        const sample: MonitorSample = {
          monitor: 'edge-margin',
          value: clearance,
          limit: config.marginM,
          margin,
          units: 'm',
          status: margin < 0 ? 'violated' : 'ok',
          bodies: ['robot', d.id],
          positionM: { ...frame.robot.positionM },
        };
        if (!worst || margin < worst.margin) worst = sample;
      }
      return { state, sample: worst! };
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
      return {
        state,
        sample: {
          monitor: 'fall',
          value: drop,
          limit: config.dropM,
          margin,
          units: 'm',
          status: margin < 0 ? 'violated' : 'ok',
          bodies: ['robot'],
          positionM: { ...frame.robot.positionM },
          ...(margin < 0 ? { note: 'the robot left the floor' } : {}),
        },
      };
    },
  };
}
