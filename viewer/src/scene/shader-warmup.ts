// Shader programs for every material kind a stage uses, compiled while the replay is still being
// fetched and decoded. SwiftShader takes tens of milliseconds per program; compiled at the first
// render, they were most of the "scene and first frame" time. Programs are shared by material
// parameters (type, opaque or transparent, sidedness, vertex colours) and the lights, so this
// scene mirrors exactly those of EpisodeStage. Its materials stay alive: disposing them would
// release the programs.

import * as THREE from 'three';
import { FlatLitMaterial } from './flat-lit-material.js';

export function shaderWarmupScene(): THREE.Scene {
  const scene = new THREE.Scene();
  // The same lights as a stage: light counts are part of a program.
  scene.add(new THREE.HemisphereLight(0xffffff, 0x8a8f99, 2.2));
  scene.add(new THREE.DirectionalLight(0xffffff, 1.4));
  const box = new THREE.BoxGeometry(0.1, 0.1, 0.1);
  const line = new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(), new THREE.Vector3(1, 0, 0)]);
  const meshes: THREE.Material[] = [
    new THREE.MeshLambertMaterial(),
    new THREE.MeshLambertMaterial({ transparent: true, opacity: 0.5 }),
    new THREE.MeshBasicMaterial(),
    new THREE.MeshBasicMaterial({ side: THREE.DoubleSide }),
    new THREE.MeshBasicMaterial({ transparent: true, opacity: 0.5 }),
    new THREE.MeshBasicMaterial({ toneMapped: false }),
  ];
  for (const material of meshes) scene.add(new THREE.Mesh(box, material));
  // Floors, benches, walls and boxes (see flat-lit-material.ts).
  scene.add(new THREE.Mesh(box, new FlatLitMaterial(0xffffff)));
  // People on a base's floor: one mesh, a colour per vertex (see human-figure.ts).
  scene.add(new THREE.Mesh(box, new THREE.MeshLambertMaterial({ vertexColors: true })));
  // Capsules: instanced, each with its own colour (see capsule-pool.ts); the ghost's see-through.
  for (const transparent of [false, true]) {
    const capsules = new THREE.InstancedMesh(box, new THREE.MeshLambertMaterial({ transparent, opacity: transparent ? 0.5 : 1 }), 1);
    capsules.setColorAt(0, new THREE.Color(1, 1, 1));
    scene.add(capsules);
  }
  scene.add(new THREE.Line(line, new THREE.LineBasicMaterial()));
  scene.add(new THREE.LineSegments(line, new THREE.LineBasicMaterial({ transparent: true, opacity: 0.5 })));
  scene.add(new THREE.Line(line, new THREE.LineBasicMaterial({ toneMapped: false })));
  scene.add(new THREE.GridHelper(1, 1));
  scene.add(new THREE.Line(line, new THREE.LineDashedMaterial()));
  // The separation rim and the tool's speed-coloured path.
  scene.add(new THREE.LineSegments(line, new THREE.LineBasicMaterial({ depthTest: false, transparent: true, opacity: 0.9 })));
  scene.add(new THREE.Line(line, new THREE.LineBasicMaterial({ vertexColors: true, depthTest: false })));
  scene.add(new THREE.Points(line, new THREE.PointsMaterial({ vertexColors: true, size: 5, sizeAttenuation: false, depthTest: false })));
  return scene;
}
