// The renderer: one WebGL canvas showing one stage, or two side by side (this episode left, the
// other policy right) through scissored viewports. Side by side, each half is framed on its own
// content (its robot's path, the people involved, the goal) and both follow one orbit: turning
// or zooming turns and zooms both alike.

import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { EpisodeStage } from './episode-stage.js';
import { shaderWarmupScene } from './shader-warmup.js';

export class SceneView {
  readonly renderer: THREE.WebGLRenderer;
  readonly camera = new THREE.PerspectiveCamera(45, 1, 0.05, 200);
  readonly controls: OrbitControls;
  #stages: EpisodeStage[] = [];
  /** Per stage in split view, its own framing: centre and the distance that fits it, and the main camera's distance then. */
  #framings: Array<{ centre: THREE.Vector3; distanceM: number }> = [];
  #baseDistanceM = 1;
  readonly #halfCamera = new THREE.PerspectiveCamera(45, 1, 0.05, 200);
  readonly #offset = new THREE.Vector3();
  readonly #resize: ResizeObserver;

  constructor(readonly container: HTMLElement) {
    // No antialiasing and a pixel ratio of 1: playback must hold 60 fps on software rendering.
    this.renderer = new THREE.WebGLRenderer({ antialias: false, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(1);
    this.renderer.setScissorTest(true);
    container.appendChild(this.renderer.domElement);
    this.camera.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = false;
    // Paused is when a reviewer looks around: orbiting and zooming draw a frame themselves,
    // not only playback.
    this.controls.addEventListener('change', () => this.render());
    this.#resize = new ResizeObserver(() => {
      this.resize();
      this.render();
    });
    this.#resize.observe(container);
    this.resize();
  }

  /** Compiles the stage's shader programs ahead of the first frame (see shader-warmup.ts). */
  async warmUp(): Promise<void> {
    try {
      await this.renderer.compileAsync(shaderWarmupScene(), this.camera);
    } catch {
      // Only a head start: the first render compiles whatever is missing.
    }
  }

  setStages(stages: EpisodeStage[]): void {
    this.#stages = stages;
    this.resize();
    this.#framings = [];
    if (stages.length < 2) return;
    // Fit each half's content in a half-width view, seen from the main camera's direction.
    const vFov = THREE.MathUtils.degToRad(this.camera.fov);
    const hFov = 2 * Math.atan(Math.tan(vFov / 2) * this.camera.aspect);
    const fit = Math.sin(Math.min(vFov, hFov) / 2);
    this.#baseDistanceM = this.camera.position.distanceTo(this.controls.target);
    this.#framings = stages.map((stage) => {
      const sphere = stage.contentBounds().getBoundingSphere(new THREE.Sphere());
      return { centre: sphere.center, distanceM: (Math.max(1, sphere.radius) / fit) * 1.05 };
    });
  }

  /** Frames the arena from behind the start, tilted so people read as people. */
  frameArena(lengthM: number, widthM: number): void {
    const span = Math.max(lengthM, widthM * 1.6);
    this.controls.target.set(lengthM / 2, 0, 0);
    this.camera.position.set(lengthM / 2, -span * 0.75, span * 0.65);
    this.controls.update();
  }

  /** Frames an arm's cell from the side of the bench, arm on the left and people on the right, looking down at the work. */
  frameCell(centre: { x: number; y: number; z: number }, spanM: number): void {
    this.controls.target.set(centre.x, centre.y, centre.z);
    this.camera.position.set(centre.x + spanM * 0.15, centre.y - spanM * 1.25, centre.z + spanM * 0.75);
    this.controls.update();
  }

  resize(): void {
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / Math.max(1, this.#stages.length) / height;
    this.camera.updateProjectionMatrix();
  }

  render(): void {
    const canvas = this.renderer.domElement;
    const count = Math.max(1, this.#stages.length);
    const width = canvas.width / count;
    const zoom = this.camera.position.distanceTo(this.controls.target) / this.#baseDistanceM;
    this.#stages.forEach((stage, i) => {
      this.renderer.setViewport(i * width, 0, width, canvas.height);
      this.renderer.setScissor(i * width, 0, width, canvas.height);
      const framing = this.#framings[i];
      if (!framing) {
        this.renderer.render(stage.scene, this.camera);
        return;
      }
      // The main camera's direction and zoom, around this half's own centre.
      const camera = this.#halfCamera;
      camera.copy(this.camera);
      this.#offset
        .subVectors(this.camera.position, this.controls.target)
        .normalize()
        .multiplyScalar(framing.distanceM * zoom);
      camera.position.copy(framing.centre).add(this.#offset);
      camera.lookAt(framing.centre);
      camera.updateMatrixWorld();
      this.renderer.render(stage.scene, camera);
    });
  }

  dispose(): void {
    this.#resize.disconnect();
    this.controls.dispose();
    this.renderer.dispose();
    this.renderer.domElement.remove();
  }
}
