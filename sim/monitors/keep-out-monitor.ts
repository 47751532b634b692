import type { ResolvedKeepOut, ResolvedScenario } from '../../scenarios/index.js';
import type { Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { idle } from './separation-monitor.js';
import { footprintClearanceM } from './zone-geometry.js';

interface State {
  /** When the current intrusion began, per zone. */
  since: Record<string, number>;
}

/** Keep-out intrusion: value = depth of the footprint inside the zone (m); any depth is a violation. */
export function keepOutMonitor(scene: ResolvedScenario): Monitor<State> {
  const zones = scene.props.filter((p): p is ResolvedKeepOut => p.kind === 'keep-out');
  const { lengthM, widthM } = scene.robot;
  return {
    id: 'keep-out',
    units: 'm',
    terminal: false,
    init: () => ({ since: {} }),
    update(state, frame: Frame) {
      if (zones.length === 0) return { state, sample: idle('keep-out', 'm') };
      const since: Record<string, number> = {};
      let worst: MonitorSample | undefined;
      for (const z of zones) {
        const clearance = footprintClearanceM(frame.robot, lengthM, widthM, z);
        const inside = clearance < 0;
        if (inside) since[z.id] = state.since[z.id] ?? frame.timeSec;
        const sample: MonitorSample = {
          monitor: 'keep-out',
          value: Math.max(0, -clearance),
          limit: 0,
          margin: clearance,
          units: 'm',
          status: inside ? 'violated' : 'ok',
          bodies: ['robot', z.id],
          positionM: { ...frame.robot.positionM },
        };
        if (inside) sample.note = `${(-clearance).toFixed(2)} m inside ${z.label} "${z.id}" for ${(frame.timeSec - since[z.id]!).toFixed(2)} s`;
        if (!worst || sample.margin < worst.margin) worst = sample;
      }
      return { state: { since }, sample: worst! };
    },
  };
}
