import { describe, expect, it } from 'vitest';
import { dlsStep, forwardKinematics, jacobian } from '../../../sim/arm/arm-kinematics.js';
import { loadUrdfFile } from '../../../sim/arm/load-urdf.js';
import { parseUrdf, UrdfError } from '../../../sim/arm/parse-urdf.js';
import { BUNDLED_SCENARIO_DIR } from '../../../scenarios/index.js';

const ur5e = loadUrdfFile(`${BUNDLED_SCENARIO_DIR}/urdf/ur5e.urdf`, 'tcp');

describe('UR5e URDF and kinematics', () => {
  it('reads six revolute joints with the datasheet limits', () => {
    const joints = ur5e.chain.filter((j) => j.type !== 'fixed');
    expect(joints.map((j) => j.name)).toEqual(['shoulder_pan_joint', 'shoulder_lift_joint', 'elbow_joint', 'wrist_1_joint', 'wrist_2_joint', 'wrist_3_joint']);
    expect(joints[2]!.upperRad).toBeCloseTo(Math.PI, 6);
    expect(joints[0]!.maxVelocityRadps).toBeCloseTo(Math.PI, 4);
  });

  it('puts the flange at the DH zero pose: (a2+a3, d4+d6, d1-d5) plus the gripper', () => {
    // a2+a3 = 0.8172, d4+d6 = 0.2329, d1-d5 = 0.0628; the fingertip is 0.16 m further along +y.
    const tip = forwardKinematics(ur5e, [0, 0, 0, 0, 0, 0]).tip.p;
    expect(tip.x).toBeCloseTo(0.8172, 9);
    expect(tip.y).toBeCloseTo(0.2329 + 0.16, 9);
    expect(tip.z).toBeCloseTo(0.0628, 9);
  });

  it('the base joint moves the tip tangentially: J column 1 = z × p', () => {
    const J = jacobian(forwardKinematics(ur5e, [0, 0, 0, 0, 0, 0]));
    expect(J[0]![0]).toBeCloseTo(-0.3929, 9);
    expect(J[1]![0]).toBeCloseTo(0.8172, 9);
    expect(J[5]![0]).toBe(1);
  });

  it('one DLS step on a 1x1 system is J/(J²+λ²) times the error', () => {
    // J = 2, λ = 1: qdot = 2 / (4 + 1) · 1 = 0.4.
    expect(dlsStep([[2]], [1], 1)[0]).toBeCloseTo(0.4, 12);
    // λ = 0 on a square invertible J is the exact inverse.
    const q = dlsStep(
      [
        [1, 1],
        [0, 2],
      ],
      [3, 4],
      0,
    );
    expect(q[0]).toBeCloseTo(1, 12);
    expect(q[1]).toBeCloseTo(2, 12);
  });

  it('a URDF with a mesh collision names the link', () => {
    const text = `<robot name="x"><link name="a"><collision><geometry><mesh filename="a.stl"/></geometry></collision></link></robot>`;
    expect(() => parseUrdf(text, 'x.urdf', 'a')).toThrow(UrdfError);
    expect(() => parseUrdf(text, 'x.urdf', 'a')).toThrow(/link "a": collision geometry must be a box, cylinder or sphere/);
  });
});
