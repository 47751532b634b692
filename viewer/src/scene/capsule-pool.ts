// Capsules drawn from the columns: an arm's links, or a person's body regions as the monitors saw
// them. Each capsule is a unit cylinder and two unit spheres, scaled and turned in place every
// frame; geometry is shared and built once, so playing allocates nothing.

import * as THREE from 'three';

const UNIT_CYLINDER = new THREE.CylinderGeometry(1, 1, 1, 14, 1, true);
const UNIT_SPHERE = new THREE.SphereGeometry(1, 14, 10);
const Y_AXIS = new THREE.Vector3(0, 1, 0);

export class CapsuleMesh {
  readonly group = new THREE.Group();
  readonly #body: THREE.Mesh;
  readonly #start: THREE.Mesh;
  readonly #end: THREE.Mesh;
  readonly #dir = new THREE.Vector3();

  constructor(
    readonly material: THREE.Material,
    name: string,
  ) {
    this.#body = new THREE.Mesh(UNIT_CYLINDER, material);
    this.#start = new THREE.Mesh(UNIT_SPHERE, material);
    this.#end = new THREE.Mesh(UNIT_SPHERE, material);
    this.group.add(this.#body, this.#start, this.#end);
    this.group.name = name;
  }

  /** Places the capsule from (x0, y0, z0) to (x1, y1, z1) with radius r. */
  set(x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, r: number): void {
    const radius = Number.isFinite(r) && r > 0 ? r : 0.01;
    const d = this.#dir.set(x1 - x0, y1 - y0, z1 - z0);
    const length = d.length();
    this.#body.position.set((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
    this.#body.scale.set(radius, Math.max(1e-4, length), radius);
    if (length > 1e-9) this.#body.quaternion.setFromUnitVectors(Y_AXIS, d.divideScalar(length));
    this.#start.position.set(x0, y0, z0);
    this.#end.position.set(x1, y1, z1);
    this.#start.scale.setScalar(radius);
    this.#end.scale.setScalar(radius);
  }
}

/** A growing pool of capsules; those not used at a step are hidden. */
export class CapsulePool {
  readonly group = new THREE.Group();
  readonly capsules: CapsuleMesh[] = [];

  constructor(
    private readonly material: (index: number) => THREE.Material,
    private readonly name: string,
  ) {
    this.group.name = name;
  }

  /** The k-th capsule, made on first use (named after the pool). */
  at(k: number): CapsuleMesh {
    while (this.capsules.length <= k) {
      const capsule = new CapsuleMesh(this.material(this.capsules.length), this.name);
      this.capsules.push(capsule);
      this.group.add(capsule.group);
    }
    return this.capsules[k]!;
  }

  /** Hides every capsule from `used` on. */
  hideFrom(used: number): void {
    for (let k = 0; k < this.capsules.length; k++) this.capsules[k]!.group.visible = k < used;
  }
}
