import type { MobileBasePreset } from '../../scenarios/index.js';
import { clampBaseCommand, type BaseCommand } from '../../sim/index.js';
import type { CommandShaper } from './safety-envelope.js';

/** A mobile base: the simulator's own speed and acceleration clamp, so sim and robot clamp alike. */
export function baseCommandShaper(robot: MobileBasePreset): CommandShaper<BaseCommand> {
  return {
    zero: { linearMps: 0, angularRadps: 0 },
    isFinite: (c) => Number.isFinite(c.linearMps) && Number.isFinite(c.angularRadps),
    shape: (requested, previous, ctrlDtSec) => clampBaseCommand(requested, previous, robot, ctrlDtSec),
  };
}

/** An arm under velocity control: each joint clamped to its velocity limit; a wrong length is not finite. */
export function jointVelocityShaper(joints: ReadonlyArray<{ name: string; maxVelocityRadps: number }>): CommandShaper<number[]> {
  return {
    zero: joints.map(() => 0),
    isFinite: (c) => c.length === joints.length && c.every(Number.isFinite),
    shape: (requested) => {
      const clamps: string[] = [];
      const command = requested.map((v, i) => {
        const max = joints[i]!.maxVelocityRadps;
        if (Math.abs(v) <= max) return v;
        clamps.push(`${joints[i]!.name} velocity ${v.toFixed(3)} beyond ±${max} rad/s`);
        return Math.sign(v) * max;
      });
      return { command, clamps };
    },
  };
}
