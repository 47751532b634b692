// Robot presets as plain data. Numbers come from the makers' published specs so a
// scenario's limits mean what they would on the real platform.
import { InputError } from './input-error.js';

export interface MobileBasePreset {
  name: string;
  family: 'mobile-base';
  source: string;
  /** Box footprint, centred on the body origin. */
  lengthM: number;
  widthM: number;
  heightM: number;
  massKg: number;
  maxLinearMps: number;
  maxAngularRadps: number;
  maxLinearAccelMps2: number;
  maxAngularAccelRadps2: number;
  /** Deceleration of a protective stop; sets the stopping distance in the SSM formula. */
  brakingDecelMps2: number;
  /** Largest force the drive can put on the floor; bounds how hard the robot can push. */
  maxDriveForceN: number;
}

export const MOBILE_BASE_PRESETS: Record<string, MobileBasePreset> = {
  'turtlebot3-burger': {
    name: 'turtlebot3-burger',
    family: 'mobile-base',
    source: 'ROBOTIS TurtleBot3 Burger datasheet (138x178x192 mm, 1 kg, 0.22 m/s, 2.84 rad/s); nav2 TB3 accel limits',
    lengthM: 0.138,
    widthM: 0.178,
    heightM: 0.192,
    massKg: 1.0,
    maxLinearMps: 0.22,
    maxAngularRadps: 2.84,
    maxLinearAccelMps2: 2.5,
    maxAngularAccelRadps2: 3.2,
    brakingDecelMps2: 2.5,
    maxDriveForceN: 5,
  },
  'warehouse-amr': {
    name: 'warehouse-amr',
    family: 'mobile-base',
    source: 'MiR100-class warehouse AMR (890x580x352 mm, 67 kg), capped at 1.2 m/s as in shared-zone deployments',
    lengthM: 0.89,
    widthM: 0.58,
    heightM: 0.352,
    massKg: 67,
    maxLinearMps: 1.2,
    maxAngularRadps: 1.0,
    maxLinearAccelMps2: 0.8,
    maxAngularAccelRadps2: 1.5,
    brakingDecelMps2: 1.2,
    maxDriveForceN: 250,
  },
};

export function mobileBasePreset(name: string): MobileBasePreset {
  const preset = Object.hasOwn(MOBILE_BASE_PRESETS, name) ? MOBILE_BASE_PRESETS[name] : undefined;
  if (!preset) {
    throw new InputError(`unknown robot preset "${name}"; known: ${Object.keys(MOBILE_BASE_PRESETS).join(', ')}`);
  }
  return preset;
}
