// The parts of an episode that never move, built once per replay from the recorded scene. What
// a monitor can name (a wall, a zone, an edge, a box) carries that name in userData.bodyId, so
// the stage can paint it red while it is violated (see hazard-paint.ts). Opaque boxes are lit per
// vertex (see flat-lit-material.ts): their faces are flat.

import * as THREE from 'three';
import { benchTopM, type RecordScene, type SceneArmCell } from '../../../sim/record/record-scene.js';
import { FlatLitMaterial } from './flat-lit-material.js';
import { PALETTE } from './palette.js';

type Rect = { xMinM: number; xMaxM: number; yMinM: number; yMaxM: number };

function slab(rect: Rect, heightM: number, z: number, material: THREE.Material): THREE.Mesh {
  const mesh = new THREE.Mesh(new THREE.BoxGeometry(rect.xMaxM - rect.xMinM, rect.yMaxM - rect.yMinM, heightM), material);
  mesh.position.set((rect.xMinM + rect.xMaxM) / 2, (rect.yMinM + rect.yMaxM) / 2, z);
  return mesh;
}

/** Marks `object` as the drawing of the scene body `id` (as monitors and contacts name it). */
function named<T extends THREE.Object3D>(object: T, id: string): T {
  object.userData.bodyId = id;
  return object;
}

function outline(rect: Rect, z: number, color: number): THREE.LineLoop {
  const points = [
    new THREE.Vector3(rect.xMinM, rect.yMinM, z),
    new THREE.Vector3(rect.xMaxM, rect.yMinM, z),
    new THREE.Vector3(rect.xMaxM, rect.yMaxM, z),
    new THREE.Vector3(rect.xMinM, rect.yMaxM, z),
  ];
  return new THREE.LineLoop(new THREE.BufferGeometry().setFromPoints(points), new THREE.LineBasicMaterial({ color }));
}

/** The floor an arm's cell stands on: the bench and a metre and a half round it. */
function cellFloor(cell: SceneArmCell): Rect {
  const t = cell.table;
  const margin = 1.5;
  if (!t) return { xMinM: cell.mountM.xM - margin, xMaxM: cell.mountM.xM + margin, yMinM: cell.mountM.yM - margin, yMaxM: cell.mountM.yM + margin };
  return {
    xMinM: t.centerM.xM - t.sizeM.xM / 2 - margin,
    xMaxM: t.centerM.xM + t.sizeM.xM / 2 + margin,
    yMinM: t.centerM.yM - t.sizeM.yM / 2 - margin,
    yMaxM: t.centerM.yM + t.sizeM.yM / 2 + margin,
  };
}

/** An arm's cell: the bench, collaborative zones on its top, fixed boxes, the arm's pedestal, goal and route. */
function buildArmCell(cell: SceneArmCell, group: THREE.Group): void {
  const floor = cellFloor(cell);
  group.add(slab(floor, 0.02, -0.011, new FlatLitMaterial(PALETTE.floor)));
  const topZ = benchTopM(cell);
  if (cell.table) {
    const { centerM: c, sizeM: s } = cell.table;
    const bench = new THREE.Mesh(new THREE.BoxGeometry(s.xM, s.yM, s.zM), new FlatLitMaterial(PALETTE.bench));
    bench.position.set(c.xM, c.yM, c.zM);
    bench.name = 'bench';
    group.add(named(bench, 'table'));
  }
  for (const zone of cell.collabZones) {
    group.add(named(slab(zone, 0.004, topZ + 0.003, new THREE.MeshBasicMaterial({ color: PALETTE.sharedZone, transparent: true, opacity: 0.18 })), zone.id));
    group.add(named(outline(zone, topZ + 0.006, PALETTE.sharedZone), zone.id));
  }
  for (const b of cell.boxes) {
    const mesh = new THREE.Mesh(new THREE.BoxGeometry(b.sizeM.xM, b.sizeM.yM, b.sizeM.zM), new FlatLitMaterial(PALETTE.wall));
    mesh.position.set(b.centerM.xM, b.centerM.yM, b.centerM.zM);
    mesh.name = `box:${b.id}`;
    group.add(named(mesh, b.id));
  }
  const pedestal = new THREE.Mesh(new THREE.CylinderGeometry(0.08, 0.08, 0.02, 24), new THREE.MeshLambertMaterial({ color: PALETTE.robotHeading }));
  pedestal.rotation.x = Math.PI / 2;
  pedestal.position.set(cell.mountM.xM, cell.mountM.yM, cell.mountM.zM + 0.01);
  group.add(pedestal);
  if (cell.goal) {
    const goal = new THREE.Mesh(new THREE.SphereGeometry(Math.max(0.015, cell.goal.toleranceM), 16, 12), new THREE.MeshBasicMaterial({ color: PALETTE.goal }));
    goal.position.set(cell.goal.xM, cell.goal.yM, cell.goal.zM);
    goal.name = 'goal';
    group.add(goal);
  }
  if (cell.route.length > 1) {
    const points = cell.route.map((p) => new THREE.Vector3(p.xM, p.yM, p.zM));
    const line = new THREE.Line(
      new THREE.BufferGeometry().setFromPoints(points),
      new THREE.LineDashedMaterial({ color: PALETTE.goal, dashSize: 0.03, gapSize: 0.02 }),
    );
    line.computeLineDistances();
    line.name = 'route';
    group.add(line);
  }
}

/** Floor, arena border, walls, keep-out zones, shared zones, edges (drops) and the goal; or an arm's cell. */
export function buildStaticScene(scene: RecordScene): THREE.Group {
  const group = new THREE.Group();
  group.name = 'static-scene';
  if (scene.arm) {
    buildArmCell(scene.arm, group);
    return group;
  }
  const { lengthM, widthM } = scene.arena;
  const arena = { xMinM: 0, xMaxM: lengthM, yMinM: -widthM / 2, yMaxM: widthM / 2 };
  group.add(slab(arena, 0.02, -0.011, new FlatLitMaterial(PALETTE.floor)));
  const grid = new THREE.GridHelper(Math.max(lengthM, widthM), Math.round(Math.max(lengthM, widthM)), PALETTE.grid, PALETTE.grid);
  grid.rotation.x = Math.PI / 2;
  grid.position.set(lengthM / 2, 0, 0.001);
  group.add(grid);
  group.add(outline(arena, 0.002, PALETTE.wall));

  for (const wall of scene.walls) {
    const material = wall.seeThrough
      ? new THREE.MeshLambertMaterial({ color: PALETTE.glass, transparent: true, opacity: 0.35 })
      : new FlatLitMaterial(PALETTE.wall);
    const mesh = new THREE.Mesh(new THREE.BoxGeometry(wall.lengthM, wall.thicknessM, wall.heightM), material);
    mesh.position.set(wall.centerM.xM, wall.centerM.yM, wall.heightM / 2);
    mesh.rotation.z = wall.yawRad;
    mesh.name = `wall:${wall.id}`;
    group.add(named(mesh, wall.id));
  }
  for (const zone of scene.keepOut) {
    group.add(named(slab(zone, 0.01, 0.006, new THREE.MeshBasicMaterial({ color: PALETTE.keepOut, transparent: true, opacity: 0.25 })), zone.id));
    group.add(named(outline(zone, 0.012, PALETTE.keepOut), zone.id));
  }
  for (const zone of scene.sharedZones) {
    group.add(named(slab(zone, 0.006, 0.004, new THREE.MeshBasicMaterial({ color: PALETTE.sharedZone, transparent: true, opacity: 0.18 })), zone.id));
    group.add(named(outline(zone, 0.01, PALETTE.sharedZone), zone.id));
  }
  for (const drop of scene.drops) {
    // A pit below floor level with a bright rim: the edge is the hazard, and turns red.
    group.add(slab(drop, 0.01, 0.003, new THREE.MeshBasicMaterial({ color: PALETTE.drop })));
    group.add(named(outline(drop, 0.015, PALETTE.edge), drop.id));
  }
  if (scene.goal) {
    const ring = new THREE.Mesh(
      new THREE.RingGeometry(scene.goal.toleranceM * 0.8, scene.goal.toleranceM, 32),
      new THREE.MeshBasicMaterial({ color: PALETTE.goal, side: THREE.DoubleSide }),
    );
    ring.position.set(scene.goal.xM, scene.goal.yM, 0.008);
    group.add(ring);
  }
  return group;
}
