// An arm as its recorded link capsules (the very capsules the separation monitor measured), the
// object it holds at the tool pose, and the protective-separation bubble around the tool.

import * as THREE from 'three';
import type { SceneArmCell } from '../../../sim/record/record-scene.js';
import { ARM_OWNER, type EpisodeColumns } from '../decode/episode-columns.js';
import { CapsulePool } from './capsule-pool.js';
import { PALETTE } from './palette.js';
import { SeparationBubble } from './separation-bubble.js';

export class ArmFigure {
  readonly group = new THREE.Group();
  readonly bubble: THREE.Mesh;
  readonly #bubble = new SeparationBubble(new THREE.SphereGeometry(1, 24, 16));
  readonly #links: CapsulePool;
  readonly #material: THREE.MeshLambertMaterial;
  /** At the tool pose; the held object sits in it where the physics has it. */
  readonly #tool = new THREE.Group();
  readonly #owner: number;
  #violated = false;

  constructor(
    private readonly columns: EpisodeColumns,
    cell: SceneArmCell,
    options: { ghost?: boolean } = {},
  ) {
    const ghost = Boolean(options.ghost);
    this.#material = new THREE.MeshLambertMaterial({ color: ghost ? PALETTE.ghost : PALETTE.robot, transparent: ghost, opacity: ghost ? 0.45 : 1 });
    this.#links = new CapsulePool(() => this.#material, ghost ? 'arm-link-ghost' : 'arm-link');
    this.group.add(this.#links.group);
    this.#owner = columns.strings.indexOf(ARM_OWNER);
    if (cell.held) {
      const { xM, yM, zM } = cell.held.sizeM;
      const color = cell.held.kind === 'knife' ? PALETTE.blade : PALETTE.held;
      const held = new THREE.Mesh(new THREE.BoxGeometry(xM, yM, zM), new THREE.MeshLambertMaterial({ color, transparent: ghost, opacity: ghost ? 0.45 : 1 }));
      // Half its longest side out along its axis in the tool frame, as the physics attaches it.
      const along = Math.max(xM, yM, zM) / 2;
      held.position.set(cell.held.axis.x * along, cell.held.axis.y * along, cell.held.axis.z * along);
      held.name = `held:${cell.held.id}`;
      this.#tool.add(held);
      this.group.add(this.#tool);
    }
    this.bubble = this.#bubble.mesh;
    this.group.name = ghost ? 'robot-ghost' : 'robot';
  }

  /** The arm at step i of its columns. */
  show(i: number): void {
    const c = this.columns;
    let used = 0;
    for (let k = c.capsuleStart[i]!; k < c.capsuleStart[i + 1]!; k++) {
      if (c.capsuleOwner[k] !== this.#owner) continue;
      const d = 7 * k;
      const cd = c.capsuleData;
      this.#links.at(used++).set(cd[d]!, cd[d + 1]!, cd[d + 2]!, cd[d + 3]!, cd[d + 4]!, cd[d + 5]!, cd[d + 6]!);
    }
    this.#links.hideFrom(used);
    const x = c.robotX[i]!;
    const y = c.robotY[i]!;
    const z = c.robotZ[i]!;
    this.#tool.position.set(x, y, z);
    const q = c.toolQuat;
    if (Number.isFinite(q[4 * i + 3]!)) this.#tool.quaternion.set(q[4 * i]!, q[4 * i + 1]!, q[4 * i + 2]!, q[4 * i + 3]!);
    this.bubble.position.set(x, y, z);
  }

  /** The protective-separation distance around the tool, red while it is breached. */
  setBubble(radiusM: number | undefined, violated: boolean): void {
    this.#bubble.set(radiusM, violated);
  }

  setViolated(violated: boolean): void {
    if (violated === this.#violated) return;
    this.#violated = violated;
    this.#material.emissive.setHex(violated ? 0x7a0000 : 0x000000);
  }
}
