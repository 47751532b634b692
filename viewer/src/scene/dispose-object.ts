import type * as THREE from 'three';

/** Frees the GPU buffers of everything under `root` that this viewer created. */
export function disposeObject(root: THREE.Object3D): void {
  root.traverse((object) => {
    const item = object as Partial<THREE.Mesh>;
    item.geometry?.dispose();
    const material = item.material;
    if (Array.isArray(material)) material.forEach((m) => m.dispose());
    else material?.dispose();
  });
  root.removeFromParent();
}
