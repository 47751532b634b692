import type { Policy } from '../../policies/policy.js';

/** Where the planted regression fires: the nearest person's speed across the robot's heading, in m/s. */
export interface PlantedBand {
  minMps: number;
  maxMps: number;
  /** While the band holds the robot drives on at no less than this, instead of yielding. */
  cruiseMps: number;
}

/**
 * A copy of a real base policy with one planted regression: while the tracker sees a person
 * whose relative speed across the robot's heading (the crossing speed) lies in a narrow band,
 * the robot speeds up to a cruise speed instead of yielding (the actuator still clamps it). Everywhere else it is the base, action
 * for action, so only a world that puts a person in that band can tell the two apart: the
 * kind of erosion that random seeds find only where it is common.
 */
export function plantedSpeedUpPolicy(base: Policy, band: PlantedBand, id = `${base.info.id}+planted`): Policy {
  const offset = (name: string): number => {
    let at = 0;
    for (const f of base.info.observation) {
      if (f.name === name) return at;
      at += f.size;
    }
    throw new Error(`${base.info.id}: observation has no "${name}" field; the planted regression needs the people tracker`);
  };
  const vy = offset('human.vyMps');
  const present = offset('human.present');
  const linear = base.info.action.findIndex((a) => a.name === 'cmd.linearMps');
  if (linear < 0) throw new Error(`${base.info.id}: action has no "cmd.linearMps"`);
  const plant = (obs: Float32Array, action: Float32Array): Float32Array => {
    // Across the heading only: along it, the robot's own speed would move the band as it drives.
    const relMps = Math.abs(obs[vy]!);
    if (obs[present]! < 0.5 || relMps < band.minMps || relMps > band.maxMps) return action;
    const out = Float32Array.from(action);
    out[linear] = Math.max(out[linear]!, band.cruiseMps);
    return out;
  };
  return {
    info: { ...base.info, id, sha256: `${base.info.sha256}+planted-${band.minMps}-${band.maxMps}-${band.cruiseMps}` },
    async act(obs) {
      return plant(obs, await base.act(obs));
    },
    async actBatch(observations) {
      const actions = await base.actBatch(observations);
      return actions.map((a, i) => plant(observations[i]!, a));
    },
    close: () => base.close(),
  };
}
