// Arm presets as plain data. Kinematics, joint limits, speeds and efforts live in the
// preset's URDF file (the way a team brings its own arm); the rest comes from the datasheet.
import { InputError } from './input-error.js';

export interface ArmPreset {
  name: string;
  family: 'arm';
  source: string;
  /** URDF file, relative to the scenarios folder. */
  urdfFile: string;
  /** Link the tool centre point is attached to. */
  tipLink: string;
  /** Whole arm without payload. */
  massKg: number;
  ratedPayloadKg: number;
  /** Largest tool speed the controller allows (the maker's TCP speed limit). */
  maxToolSpeedMps: number;
  /** Deceleration of a protective stop at the tool; sets S_s in the separation formula. */
  stopDecelMps2: number;
  /** Joint positions of the ready pose, for scenarios that do not give their own. */
  homeJointsRad: number[];
}

export const ARM_PRESETS: Record<string, ArmPreset> = {
  ur5e: {
    name: 'ur5e',
    family: 'arm',
    source:
      'Universal Robots UR5e datasheet and DH/dynamics table (5 kg payload, 850 mm reach, 20.6 kg, ±360° joints with the elbow at ±180°, 180°/s, TCP 1 m/s); 2F-85-class gripper',
    urdfFile: 'urdf/ur5e.urdf',
    tipLink: 'tcp',
    massKg: 20.6,
    ratedPayloadKg: 5,
    maxToolSpeedMps: 1.0,
    // Stop category 1 from 1 m/s in about 0.4 s; an assumption, not a datasheet figure.
    stopDecelMps2: 2.5,
    homeJointsRad: [-0.3007, -1.7005, 1.8912, -1.7615, -1.5708, 1.2701],
  },
};

export function armPreset(name: string): ArmPreset {
  const preset = Object.hasOwn(ARM_PRESETS, name) ? ARM_PRESETS[name] : undefined;
  if (!preset) throw new InputError(`unknown arm preset "${name}"; known: ${Object.keys(ARM_PRESETS).join(', ')}`);
  return preset;
}
