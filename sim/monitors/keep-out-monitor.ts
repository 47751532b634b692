import type { ResolvedKeepOut, ResolvedScenario } from '../../scenarios/index.js';
import type { Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { idle } from './separation-monitor.js';
import { footprintClearanceM } from '../geometry/zone-geometry.js';

interface State {
  /** When the current intrusion began, per zone. */
  since: Record<string, number>;
}

const OUTSIDE: State = Object.freeze({ since: Object.freeze({}) as Record<string, number> });

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
      // A fresh record only while some zone is entered; outside every zone the state stays the
      // shared empty one (this runs every physics step).
      let since: Record<string, number> | undefined;
      let worst = zones[0]!;
      let worstClearance = Number.NaN;
      for (let i = 0; i < zones.length; i++) {
        const z = zones[i]!;
        const clearance = footprintClearanceM(frame.robot, lengthM, widthM, z);
        if (clearance < 0) {
          since ??= {};
          since[z.id] = state.since[z.id] ?? frame.timeSec;
        }
        if (i === 0 || clearance < worstClearance) {
          worst = z;
          worstClearance = clearance;
        }
      }
      const inside = worstClearance < 0;
      const sample: MonitorSample = {
        monitor: 'keep-out',
        value: Math.max(0, -worstClearance),
        limit: 0,
        margin: worstClearance,
        units: 'm',
        status: inside ? 'violated' : 'ok',
        bodies: ['robot', worst.id],
        positionM: { ...frame.robot.positionM },
      };
      if (inside) sample.note = `${(-worstClearance).toFixed(2)} m inside ${worst.label} "${worst.id}" for ${(frame.timeSec - since![worst.id]!).toFixed(2)} s`;
      return { state: since ? { since } : OUTSIDE, sample };
    },
  };
}
