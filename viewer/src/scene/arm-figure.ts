// An arm as its recorded link capsules (the very capsules the separation monitor measured), the
// object it holds at the tool pose, a marker at the tool, and the protective-separation bubble
// around the tool. Whatever a violated monitor names turns red: one link ("arm:wrist_link"), the
// tool ("arm:tool"), the held object ("held:knife") or the whole arm ("arm").

import * as THREE from 'three';
import type { SceneArmCell } from '../../../sim/record/record-scene.js';
import { ARM_OWNER, type EpisodeColumns } from '../decode/episode-columns.js';
import { CapsulePool } from './capsule-pool.js';
import { PALETTE } from './palette.js';
import { SeparationBubble } from './separation-bubble.js';

/** The body names a violated monitor may give the arm and what it holds. */
export function isArmBody(body: string): boolean {
  return body === ARM_OWNER || body.startsWith(`${ARM_OWNER}:`) || body.startsWith('held:');
}

export class ArmFigure {
  readonly group = new THREE.Group();
  readonly bubble: THREE.Object3D;
  readonly #bubble = new SeparationBubble(new THREE.SphereGeometry(1, 24, 16), true);
  readonly #links: CapsulePool;
  /** The body name ("arm:<link>") of each capsule in use at the step shown. */
  readonly #linkNames: string[] = [];
  readonly #color: number;
  /** At the tool pose; the held object sits in it where the physics has it. */
  readonly #tool = new THREE.Group();
  readonly #toolMaterial: THREE.MeshLambertMaterial;
  readonly #heldMaterial: THREE.MeshLambertMaterial | undefined;
  readonly #heldName: string | undefined;
  readonly #owner: number;
  readonly #ghost: boolean;
  #used = 0;
  /** The bodies painted red now (the stage paints only when they change). */
  #red: ReadonlySet<string> = new Set();

  constructor(
    private readonly columns: EpisodeColumns,
    cell: SceneArmCell,
    options: { ghost?: boolean } = {},
  ) {
    const ghost = (this.#ghost = Boolean(options.ghost));
    this.#color = ghost ? PALETTE.ghost : PALETTE.robot;
    // White: each link's colour is its own, in the pool (see CapsulePool.paint).
    const material = new THREE.MeshLambertMaterial({ color: 0xffffff, transparent: ghost, opacity: ghost ? 0.45 : 1 });
    this.#links = new CapsulePool(material, ghost ? 'arm-link-ghost' : 'arm-link', this.#color);
    this.group.add(this.#links.group);
    this.#owner = columns.strings.indexOf(ARM_OWNER);
    this.#toolMaterial = new THREE.MeshLambertMaterial({ color: ghost ? PALETTE.ghost : PALETTE.tool, transparent: ghost, opacity: ghost ? 0.45 : 1 });
    const marker = new THREE.Mesh(new THREE.SphereGeometry(0.03, 16, 12), this.#toolMaterial);
    marker.name = ghost ? 'tool-ghost' : 'arm:tool';
    this.#tool.add(marker);
    if (cell.held) {
      const { xM, yM, zM } = cell.held.sizeM;
      const color = cell.held.kind === 'knife' ? PALETTE.blade : PALETTE.held;
      this.#heldMaterial = new THREE.MeshLambertMaterial({ color, transparent: ghost, opacity: ghost ? 0.45 : 1 });
      this.#heldMaterial.userData.color = color;
      const held = new THREE.Mesh(new THREE.BoxGeometry(xM, yM, zM), this.#heldMaterial);
      // Half its longest side out along its axis in the tool frame, as the physics attaches it.
      const along = Math.max(xM, yM, zM) / 2;
      held.position.set(cell.held.axis.x * along, cell.held.axis.y * along, cell.held.axis.z * along);
      this.#heldName = held.name = `held:${cell.held.id}`;
      this.#tool.add(held);
    }
    this.group.add(this.#tool);
    this.bubble = this.#bubble.object;
    this.group.name = ghost ? 'robot-ghost' : 'robot';
  }

  /** The arm at step i of its columns. */
  show(i: number): void {
    const c = this.columns;
    let used = 0;
    let renamed = false;
    for (let k = c.capsuleStart[i]!; k < c.capsuleStart[i + 1]!; k++) {
      if (c.capsuleOwner[k] !== this.#owner) continue;
      const d = 7 * k;
      const cd = c.capsuleData;
      this.#links.set(used, cd[d]!, cd[d + 1]!, cd[d + 2]!, cd[d + 3]!, cd[d + 4]!, cd[d + 5]!, cd[d + 6]!);
      const name = `${ARM_OWNER}:${c.strings[c.capsuleName[k]!] ?? ''}`;
      if (this.#linkNames[used] !== name) {
        this.#linkNames[used] = name;
        if (!this.#ghost) this.#links.at(used).name = name;
        renamed = true;
      }
      used++;
    }
    this.#links.hideFrom(used);
    if (used !== this.#used || renamed) {
      this.#used = used;
      if (this.#red.size) this.#repaint();
    }
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

  /** The whole arm red (a violation naming the robot, or nothing drawn). */
  setViolated(violated: boolean): void {
    this.paint(violated ? new Set([ARM_OWNER]) : new Set());
  }

  /** Paints red each link, the tool and the held object that `bodies` names ("arm" names them all). */
  paint(bodies: ReadonlySet<string>): void {
    this.#red = new Set(bodies);
    this.#repaint();
  }

  #repaint(): void {
    const bodies = this.#red;
    const whole = bodies.has(ARM_OWNER);
    for (let k = 0; k < this.#used; k++) {
      this.#links.paint(k, whole || bodies.has(this.#linkNames[k]!) ? PALETTE.violation : this.#color);
    }
    this.#toolMaterial.color.setHex(whole || bodies.has(`${ARM_OWNER}:tool`) ? PALETTE.violation : this.#ghost ? PALETTE.ghost : PALETTE.tool);
    if (this.#heldMaterial) {
      this.#heldMaterial.color.setHex(whole || bodies.has(this.#heldName!) ? PALETTE.violation : (this.#heldMaterial.userData.color as number));
    }
  }
}
