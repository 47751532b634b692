// The parts of an episode that never move, built once per replay from the recorded scene.

import * as THREE from 'three';
import type { RecordScene } from '../../../sim/record/record-scene.js';
import { PALETTE } from './palette.js';

type Rect = { xMinM: number; xMaxM: number; yMinM: number; yMaxM: number };

function slab(rect: Rect, heightM: number, z: number, material: THREE.Material): THREE.Mesh {
  const mesh = new THREE.Mesh(new THREE.BoxGeometry(rect.xMaxM - rect.xMinM, rect.yMaxM - rect.yMinM, heightM), material);
  mesh.position.set((rect.xMinM + rect.xMaxM) / 2, (rect.yMinM + rect.yMaxM) / 2, z);
  return mesh;
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

/** Floor, arena border, walls, keep-out zones, shared zones, edges (drops) and the goal. */
export function buildStaticScene(scene: RecordScene): THREE.Group {
  const group = new THREE.Group();
  group.name = 'static-scene';
  const { lengthM, widthM } = scene.arena;
  const arena = { xMinM: 0, xMaxM: lengthM, yMinM: -widthM / 2, yMaxM: widthM / 2 };
  group.add(slab(arena, 0.02, -0.011, new THREE.MeshLambertMaterial({ color: PALETTE.floor })));
  const grid = new THREE.GridHelper(Math.max(lengthM, widthM), Math.round(Math.max(lengthM, widthM)), PALETTE.grid, PALETTE.grid);
  grid.rotation.x = Math.PI / 2;
  grid.position.set(lengthM / 2, 0, 0.001);
  group.add(grid);
  group.add(outline(arena, 0.002, PALETTE.wall));

  for (const wall of scene.walls) {
    const material = wall.seeThrough
      ? new THREE.MeshLambertMaterial({ color: PALETTE.glass, transparent: true, opacity: 0.35 })
      : new THREE.MeshLambertMaterial({ color: PALETTE.wall });
    const mesh = new THREE.Mesh(new THREE.BoxGeometry(wall.lengthM, wall.thicknessM, wall.heightM), material);
    mesh.position.set(wall.centerM.xM, wall.centerM.yM, wall.heightM / 2);
    mesh.rotation.z = wall.yawRad;
    mesh.name = `wall:${wall.id}`;
    group.add(mesh);
  }
  for (const zone of scene.keepOut) {
    group.add(slab(zone, 0.01, 0.006, new THREE.MeshBasicMaterial({ color: PALETTE.keepOut, transparent: true, opacity: 0.25 })));
    group.add(outline(zone, 0.012, PALETTE.keepOut));
  }
  for (const zone of scene.sharedZones) {
    group.add(slab(zone, 0.006, 0.004, new THREE.MeshBasicMaterial({ color: PALETTE.sharedZone, transparent: true, opacity: 0.18 })));
    group.add(outline(zone, 0.01, PALETTE.sharedZone));
  }
  for (const drop of scene.drops) {
    // A pit below floor level with a bright rim: the edge is the hazard.
    group.add(slab(drop, 0.01, 0.003, new THREE.MeshBasicMaterial({ color: PALETTE.drop })));
    group.add(outline(drop, 0.015, PALETTE.edge));
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
