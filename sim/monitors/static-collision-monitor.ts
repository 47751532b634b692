import type { Frame } from '../frame.js';
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
      let worst: MonitorSample | undefined;
      for (const c of frame.contacts) {
        if (c.humanId) continue;
        const margin = config.minSpeedMps - c.normalSpeedMps;
        const sample: MonitorSample = {
          monitor: 'static-collision',
          value: c.normalSpeedMps,
          limit: config.minSpeedMps,
          margin,
          units: 'm/s',
          status: margin < 0 ? 'violated' : 'ok',
          bodies: [c.bodyA, c.bodyB],
          positionM: { ...c.pointM },
          note: `contact with ${c.bodyB}, solver force ${c.forceN.toFixed(0)} N`,
        };
        if (!worst || margin < worst.margin) worst = sample;
      }
      return { state, sample: worst ?? idle('static-collision', 'm/s') };
    },
  };
}
