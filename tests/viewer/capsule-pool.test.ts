// The viewer's capsule pool (an arm's links, a person's body regions): every capsule in use is
// drawn where the columns put it, in its own colour, also past the pool's first allocation; the
// rest are not drawn. Read off the pool's instanced meshes and named stand-ins, without a GPU.

import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { CapsulePool } from '../../viewer/src/scene/capsule-pool.js';

const BLUE = 0x2f6fe0;
const RED = 0xff1a1a;

/** The pool's two instanced meshes: bodies (one per capsule) and caps (two per capsule). */
function meshes(pool: CapsulePool): { bodies: THREE.InstancedMesh; caps: THREE.InstancedMesh } {
  const [bodies, caps] = pool.group.children.filter((o): o is THREE.InstancedMesh => (o as THREE.InstancedMesh).isInstancedMesh);
  return { bodies: bodies!, caps: caps! };
}

function colourAt(mesh: THREE.InstancedMesh, k: number): number {
  const colour = new THREE.Color();
  mesh.getColorAt(k, colour);
  return colour.getHex();
}

describe('capsule pool', () => {
  it('draws each capsule in use from its ends and radius, in its colour, past the first allocation', () => {
    const pool = new CapsulePool(new THREE.MeshLambertMaterial({ color: 0xffffff }), 'arm-link', BLUE);
    const count = 60;
    for (let k = 0; k < count; k++) {
      pool.set(k, k, 0, 0, k, 0, 1, 0.05);
      pool.at(k).name = `arm:link_${k}`;
    }
    pool.paint(7, RED);
    pool.hideFrom(count);
    const { bodies, caps } = meshes(pool);
    expect(bodies.count).toBe(count);
    expect(caps.count).toBe(2 * count);

    const matrix = new THREE.Matrix4();
    const position = new THREE.Vector3();
    const scale = new THREE.Vector3();
    const turn = new THREE.Quaternion();
    for (const k of [0, 7, 59]) {
      // The body: centred between the ends, as long as they are apart, as wide as the radius.
      bodies.getMatrixAt(k, matrix);
      matrix.decompose(position, turn, scale);
      expect(position.toArray().map((v) => Number(v.toFixed(6)))).toEqual([k, 0, 0.5]);
      expect(scale.x).toBeCloseTo(0.05, 6);
      expect(scale.y).toBeCloseTo(1, 6);
      // The caps at the two ends, facing away from each other (their poles point outwards).
      const poles = [0, 1].map((end) => {
        caps.getMatrixAt(2 * k + end, matrix);
        matrix.decompose(position, turn, scale);
        expect(position.z).toBeCloseTo(end, 6);
        expect(scale.x).toBeCloseTo(0.05, 6);
        return new THREE.Vector3(0, 1, 0).applyQuaternion(turn);
      });
      expect(poles[0]!.z).toBeCloseTo(-1, 6);
      expect(poles[1]!.z).toBeCloseTo(1, 6);
    }
    expect(colourAt(bodies, 7)).toBe(RED);
    expect([colourAt(caps, 14), colourAt(caps, 15)]).toEqual([RED, RED]);
    expect([colourAt(bodies, 6), colourAt(bodies, 59), colourAt(caps, 119)]).toEqual([BLUE, BLUE, BLUE]);

    // The stand-ins carry the names and colours the scene is read by.
    const shown = pool.group.children.filter((o) => !(o as THREE.InstancedMesh).isInstancedMesh && o.visible);
    expect(shown).toHaveLength(count);
    expect(shown[7]!.name).toBe('arm:link_7');
    expect(shown[7]!.userData.colorHex).toBe(RED);
  });

  it('draws only the capsules of the step shown', () => {
    const pool = new CapsulePool(new THREE.MeshLambertMaterial({ color: 0xffffff }), 'human:walker', BLUE);
    for (let k = 0; k < 17; k++) pool.set(k, 0, 0, k, 0, 0, k + 0.5, 0.1);
    pool.hideFrom(17);
    pool.hideFrom(5);
    const { bodies, caps } = meshes(pool);
    expect([bodies.count, caps.count]).toEqual([5, 10]);
    expect(pool.group.children.filter((o) => !(o as THREE.InstancedMesh).isInstancedMesh && o.visible)).toHaveLength(5);
  });
});
