import type { ContactFrame, Frame } from '../frame.js';
import type { Monitor, MonitorSample } from '../monitor.js';
import { idle } from './separation-monitor.js';

/** Any contact with static structure (walls, shelves, glass) at a closing speed above minSpeedMps. */
export function staticCollisionMonitor(config: { minSpeedMps: number }): Monitor<null> {
  return {
    id: 'static-collision',
    units: 'm/s',
    terminal: false,
    init: () => null,
    update(state, frame: Frame) {
      // Only the worst contact becomes a sample, note and all (this runs every physics step).
      let worst: ContactFrame | undefined;
      let worstMargin = 0;
      for (const c of frame.contacts) {
        if (c.humanId) continue;
        const margin = config.minSpeedMps - c.normalSpeedMps;
        if (!worst || margin < worstMargin) {
          worst = c;
          worstMargin = margin;
        }
      }
      if (!worst) return { state, sample: idle('static-collision', 'm/s') };
      const sample: MonitorSample = {
        monitor: 'static-collision',
        value: worst.normalSpeedMps,
        limit: config.minSpeedMps,
        margin: worstMargin,
        units: 'm/s',
        status: worstMargin < 0 ? 'violated' : 'ok',
        bodies: [worst.bodyA, worst.bodyB],
        positionM: { ...worst.pointM },
        note: `contact with ${worst.bodyB}, solver force ${worst.forceN.toFixed(0)} N`,
      };
      return { state, sample };
    },
  };
}
