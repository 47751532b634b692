// A person drawn as the ISO/TS 15066 body regions the monitors judge, so a contact lights up
// exactly the region it touched (a shin, not "the person"). The regions never move against each
// other: they are one mesh, one draw call (on software rendering each call counts), each region
// its own range of vertex colours. Each region keeps an empty named stand-in recording its colour,
// so the scene still reads by region (see EpisodeStage.redNames).

import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { BodyRegion } from '../../../sim/frame.js';
import { PALETTE } from './palette.js';
import { sameSet } from './same-set.js';

/** Region capsules in the person's frame (x forward, y left), heights as fractions of stature. */
const PARTS: Array<{ region: BodyRegion; y: number; z0: number; z1: number; r: number; x?: number }> = [
  { region: 'lower-leg', y: 0.1, z0: 0.03, z1: 0.28, r: 0.055 },
  { region: 'lower-leg', y: -0.1, z0: 0.03, z1: 0.28, r: 0.055 },
  { region: 'thigh', y: 0.1, z0: 0.3, z1: 0.5, r: 0.075 },
  { region: 'thigh', y: -0.1, z0: 0.3, z1: 0.5, r: 0.075 },
  { region: 'pelvis', y: 0, z0: 0.51, z1: 0.56, r: 0.16 },
  { region: 'abdomen', y: 0, z0: 0.58, z1: 0.63, r: 0.15 },
  { region: 'chest', y: 0, z0: 0.66, z1: 0.74, r: 0.16 },
  { region: 'back', y: 0, z0: 0.66, z1: 0.74, r: 0.12, x: -0.06 },
  { region: 'upper-arm', y: 0.23, z0: 0.63, z1: 0.79, r: 0.045 },
  { region: 'upper-arm', y: -0.23, z0: 0.63, z1: 0.79, r: 0.045 },
  { region: 'lower-arm', y: 0.24, z0: 0.47, z1: 0.61, r: 0.04 },
  { region: 'lower-arm', y: -0.24, z0: 0.47, z1: 0.61, r: 0.04 },
  { region: 'hand', y: 0.24, z0: 0.42, z1: 0.45, r: 0.045 },
  { region: 'hand', y: -0.24, z0: 0.42, z1: 0.45, r: 0.045 },
  { region: 'neck', y: 0, z0: 0.81, z1: 0.85, r: 0.055 },
  { region: 'skull', y: 0, z0: 0.91, z1: 0.95, r: 0.09, x: -0.01 },
  { region: 'face', y: 0, z0: 0.89, z1: 0.92, r: 0.05, x: 0.07 },
];

const REFERENCE_HEIGHT_M = 1.75;

const HUMAN = new THREE.Color(PALETTE.human);
const RED = new THREE.Color(PALETTE.violation);

export class HumanFigure {
  readonly group = new THREE.Group();
  /** Per part: its region, its stand-in and its vertices in the merged mesh. */
  readonly #regions: Array<{ region: BodyRegion; standIn: THREE.Object3D; first: number; count: number }> = [];
  readonly #colours: THREE.BufferAttribute;
  #highlighted = new Set<BodyRegion>();
  #whole = false;
  /** A red ring on the floor around a person involved in a violation, readable from any angle. */
  readonly #ring: THREE.Mesh;

  constructor(
    readonly id: string,
    heightM: number,
  ) {
    const scale = heightM / REFERENCE_HEIGHT_M;
    const place = new THREE.Object3D();
    let first = 0;
    const parts = PARTS.map((part) => {
      const lengthM = Math.max(0.001, (part.z1 - part.z0) * heightM);
      const geometry = new THREE.CapsuleGeometry(part.r * scale, lengthM, 3, 8);
      // Capsules are built along y; stand them up along z.
      place.rotation.x = Math.PI / 2;
      place.position.set((part.x ?? 0) * scale, part.y * scale, ((part.z0 + part.z1) / 2) * heightM);
      place.updateMatrix();
      geometry.applyMatrix4(place.matrix);
      const count = geometry.attributes.position!.count;
      const standIn = new THREE.Object3D();
      standIn.name = `region:${part.region}`;
      standIn.userData.colorHex = PALETTE.human;
      this.group.add(standIn);
      this.#regions.push({ region: part.region, standIn, first, count });
      first += count;
      return geometry;
    });
    const body = mergeGeometries(parts)!;
    parts.forEach((g) => g.dispose());
    this.#colours = new THREE.BufferAttribute(new Float32Array(3 * first), 3);
    for (let v = 0; v < first; v++) this.#colours.setXYZ(v, HUMAN.r, HUMAN.g, HUMAN.b);
    body.setAttribute('color', this.#colours);
    // White: each region's colour is its vertices'.
    this.group.add(new THREE.Mesh(body, new THREE.MeshLambertMaterial({ color: 0xffffff, vertexColors: true })));
    this.#ring = new THREE.Mesh(
      new THREE.RingGeometry(0.4 * scale, 0.55 * scale, 32),
      new THREE.MeshBasicMaterial({ color: PALETTE.violation, side: THREE.DoubleSide }),
    );
    this.#ring.position.z = 0.02;
    this.#ring.visible = false;
    this.group.add(this.#ring);
    this.group.name = `human:${id}`;
  }

  /** Moves the figure and faces it along its walking direction. */
  update(x: number, y: number, vx: number, vy: number): void {
    this.group.position.set(x, y, 0);
    if (Math.hypot(vx, vy) > 0.05) this.group.rotation.z = Math.atan2(vy, vx);
  }

  /**
   * Red regions: those in contact or named; `whole` paints a person a violation names (and the ring).
   * Returns whether anything changed; nothing is touched (or allocated) when it did not.
   */
  highlight(regions: Set<BodyRegion>, whole: boolean): boolean {
    if (sameSet(regions, this.#highlighted) && whole === this.#whole) return false;
    this.#highlighted = new Set(regions);
    this.#whole = whole;
    this.#ring.visible = whole || regions.size > 0;
    // A region a contact or monitor names is red; so is the whole person when a monitor names them.
    for (const { region, standIn, first, count } of this.#regions) {
      const red = whole || regions.has(region);
      const colour = red ? RED : HUMAN;
      standIn.userData.colorHex = red ? PALETTE.violation : PALETTE.human;
      for (let v = first; v < first + count; v++) this.#colours.setXYZ(v, colour.r, colour.g, colour.b);
    }
    this.#colours.needsUpdate = true;
    return true;
  }

  get highlightedRegions(): BodyRegion[] {
    return [...this.#highlighted];
  }
}
