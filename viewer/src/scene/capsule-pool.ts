// Capsules drawn from the columns: an arm's links, or a person's body regions as the monitors saw
// them. Each capsule is a unit cylinder and two half-sphere caps, scaled and turned in place every
// frame. A pool draws all its capsules with two instanced meshes (bodies, caps): on software
// rendering every draw call and every triangle counts, and a person's seventeen regions drawn as
// separate meshes cost more than the rest of the frame. Geometry is shared and built once, so
// playing allocates nothing.
//
// Each capsule keeps an empty stand-in object carrying its name and colour, so what is drawn (and
// in which colour) can still be read by name from the scene (see EpisodeStage.redNames).

import * as THREE from 'three';

const UNIT_CYLINDER = new THREE.CylinderGeometry(1, 1, 1, 14, 1, true);
/** A cap: the outer half of a unit sphere, its pole on +y. The inner half is always inside the body. */
const UNIT_CAP = new THREE.SphereGeometry(1, 14, 5, 0, 2 * Math.PI, 0, Math.PI / 2);
const Y_AXIS = new THREE.Vector3(0, 1, 0);
/** Turns a cap from +y to -y: the start cap faces away from the capsule's direction. */
const FLIP = new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(1, 0, 0), Math.PI);
const FIRST_CAPACITY = 24;

/** Reusable scratch values: placing capsules allocates nothing. */
const dir = new THREE.Vector3();
const at = new THREE.Vector3();
const scale = new THREE.Vector3();
const turn = new THREE.Quaternion();
const matrix = new THREE.Matrix4();
const colour = new THREE.Color();

/** A growing pool of capsules in one material; those not used at a step are not drawn. */
export class CapsulePool {
  readonly group = new THREE.Group();
  /** Per capsule: its stand-in (name, visibility, colour in userData.colorHex) and its turn. */
  readonly #standIns: THREE.Object3D[] = [];
  readonly #turns: THREE.Quaternion[] = [];
  readonly #colours: number[] = [];
  #bodies: THREE.InstancedMesh;
  #caps: THREE.InstancedMesh;
  #used = 0;

  /** `material` is drawn white-based: each capsule's colour is its own (see `paint`). */
  constructor(
    private readonly material: THREE.Material,
    private readonly name: string,
    private readonly colorHex: number,
  ) {
    this.group.name = name;
    [this.#bodies, this.#caps] = this.#meshes(FIRST_CAPACITY);
  }

  /** Instanced meshes for `capacity` capsules (and twice as many caps). */
  #meshes(capacity: number): [THREE.InstancedMesh, THREE.InstancedMesh] {
    const meshes = [new THREE.InstancedMesh(UNIT_CYLINDER, this.material, capacity), new THREE.InstancedMesh(UNIT_CAP, this.material, 2 * capacity)] as const;
    for (const mesh of meshes) {
      mesh.count = 0;
      // Instances move every frame: a bounding sphere computed once would cull them wrongly.
      mesh.frustumCulled = false;
      mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
      // Colours from the start, so the shader program is the same one from the first frame on.
      for (let k = 0; k < mesh.instanceMatrix.count; k++) mesh.setColorAt(k, colour.setHex(this.colorHex));
      this.group.add(mesh);
    }
    return [meshes[0], meshes[1]];
  }

  /** Makes room for capsule k: its stand-in, and instances (a larger pair of meshes when full). */
  #reserve(k: number): void {
    while (this.#standIns.length <= k) {
      const standIn = new THREE.Object3D();
      standIn.name = this.name;
      standIn.userData.colorHex = this.colorHex;
      standIn.matrixAutoUpdate = false;
      this.#standIns.push(standIn);
      this.#turns.push(new THREE.Quaternion());
      this.#colours.push(this.colorHex);
      this.group.add(standIn);
    }
    if (k < this.#bodies.instanceMatrix.count) return;
    const [bodies, caps] = [this.#bodies, this.#caps];
    [this.#bodies, this.#caps] = this.#meshes(2 * bodies.instanceMatrix.count);
    for (const [old, next] of [
      [bodies, this.#bodies],
      [caps, this.#caps],
    ] as const) {
      next.instanceMatrix.array.set(old.instanceMatrix.array);
      next.count = old.count;
      old.removeFromParent();
      old.dispose();
    }
    this.#colours.forEach((hex, j) => this.#paintInstances(j, hex));
  }

  /** The stand-in of capsule k (made on first use, named after the pool). */
  at(k: number): THREE.Object3D {
    this.#reserve(k);
    return this.#standIns[k]!;
  }

  /** Places capsule k from (x0, y0, z0) to (x1, y1, z1) with radius r. */
  set(k: number, x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, r: number): void {
    this.#reserve(k);
    const radius = Number.isFinite(r) && r > 0 ? r : 0.01;
    const d = dir.set(x1 - x0, y1 - y0, z1 - z0);
    const length = d.length();
    // A capsule of no length keeps its last direction: its caps still face apart.
    const q = this.#turns[k]!;
    if (length > 1e-9) q.setFromUnitVectors(Y_AXIS, d.divideScalar(length));
    this.#bodies.setMatrixAt(k, matrix.compose(at.set((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2), q, scale.set(radius, Math.max(1e-4, length), radius)));
    scale.setScalar(radius);
    this.#caps.setMatrixAt(2 * k, matrix.compose(at.set(x0, y0, z0), turn.multiplyQuaternions(q, FLIP), scale));
    this.#caps.setMatrixAt(2 * k + 1, matrix.compose(at.set(x1, y1, z1), q, scale));
    this.#bodies.instanceMatrix.needsUpdate = true;
    this.#caps.instanceMatrix.needsUpdate = true;
  }

  /** Colours capsule k (only when its colour changes). */
  paint(k: number, hex: number): void {
    this.#reserve(k);
    if (this.#colours[k] === hex) return;
    this.#colours[k] = hex;
    this.#standIns[k]!.userData.colorHex = hex;
    this.#paintInstances(k, hex);
  }

  #paintInstances(k: number, hex: number): void {
    colour.setHex(hex);
    this.#bodies.setColorAt(k, colour);
    this.#caps.setColorAt(2 * k, colour);
    this.#caps.setColorAt(2 * k + 1, colour);
    this.#bodies.instanceColor!.needsUpdate = true;
    this.#caps.instanceColor!.needsUpdate = true;
  }

  /** Draws capsules 0 to used - 1 only. */
  hideFrom(used: number): void {
    if (used > 0) this.#reserve(used - 1);
    for (let k = 0; k < this.#standIns.length; k++) this.#standIns[k]!.visible = k < used;
    if (used === this.#used) return;
    this.#used = used;
    this.#bodies.count = used;
    this.#caps.count = 2 * used;
  }
}
