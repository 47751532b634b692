import type { ResolvedArmScenario } from '../../scenarios/index.js';
import { IDENTITY } from '../geometry/rotation.js';
import type { Transform } from './arm-kinematics.js';
import type { ArmModel } from './arm-model.js';
import { loadUrdfFile } from './load-urdf.js';

// One cache for every reader of a scenario's arm (the worlds, the control loop, the monitors,
// the bridge): a URDF file is read and parsed once per process.
const models = new Map<string, ArmModel>();

/** The arm's model, read once per URDF file. */
export function armModelFor(scene: ResolvedArmScenario): ArmModel {
  let model = models.get(scene.urdfPath);
  if (!model) {
    model = loadUrdfFile(scene.urdfPath, scene.robot.tipLink);
    models.set(scene.urdfPath, model);
  }
  return model;
}

/** Where the arm's root link sits in the scene: at the mount point, unrotated. */
export function armBaseTransform(scene: ResolvedArmScenario): Transform {
  return { p: { x: scene.mountM.xM, y: scene.mountM.yM, z: scene.mountM.zM }, R: IDENTITY };
}
