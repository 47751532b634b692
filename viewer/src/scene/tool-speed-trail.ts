// The tool's path over the last moments, each stretch coloured by its speed against the
// tool-speed limit: green well under it, amber within 20 % of it, red over it. A tool-speed
// violation has no body to turn red but the tool; this shows how fast, where and for how long.
// Buffers are allocated once; showing a step rewrites them in place.

import * as THREE from 'three';
import { STATUS, type EpisodeColumns, type MonitorColumns } from '../decode/episode-columns.js';
import { PALETTE } from './palette.js';

/** Seconds of path behind the tool. */
const WINDOW_SEC = 1.5;
/** Vertices along the window: enough for a smooth curve, few enough to rewrite every frame. */
const POINTS = 96;

const GREEN = new THREE.Color(PALETTE.underLimit);
const AMBER = new THREE.Color(PALETTE.nearLimit);
const RED = new THREE.Color(PALETTE.violation);

/** The colour of a speed against its limit. */
export function speedColour(speedMps: number, limitMps: number): THREE.Color {
  if (!(limitMps > 0) || !Number.isFinite(speedMps)) return GREEN;
  const ratio = speedMps / limitMps;
  return ratio > 1 ? RED : ratio > 0.8 ? AMBER : GREEN;
}

export class ToolSpeedTrail {
  /** The path as a line, with a dot per vertex: a one-pixel line alone is easy to miss. */
  readonly line: THREE.Line;
  readonly #positions = new Float32Array(POINTS * 3);
  readonly #colors = new Float32Array(POINTS * 3);
  /** The limit where the monitor was idle (nobody in the zone): its last active limit. */
  readonly #fallbackLimit: number;
  /** Whether any stretch of the path shown is over the limit. */
  overLimit = false;

  constructor(
    private readonly columns: EpisodeColumns,
    private readonly monitor: MonitorColumns,
  ) {
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(this.#positions, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(this.#colors, 3));
    this.line = new THREE.Line(geometry, new THREE.LineBasicMaterial({ vertexColors: true, depthTest: false }));
    this.line.renderOrder = 9;
    this.line.frustumCulled = false;
    this.line.name = 'tool-speed-trail';
    const dots = new THREE.Points(geometry, new THREE.PointsMaterial({ vertexColors: true, size: 5, sizeAttenuation: false, depthTest: false }));
    dots.renderOrder = 9;
    dots.frustumCulled = false;
    this.line.add(dots);
    let limit = Number.NaN;
    for (let i = 0; i < monitor.limit.length; i++) if (Number.isFinite(monitor.limit[i]!)) limit = monitor.limit[i]!;
    this.#fallbackLimit = limit;
  }

  /** Speed at step i: what the monitor measured, or the path's own where it was idle. */
  #speed(i: number): number {
    const measured = this.monitor.value[i]!;
    const status = this.monitor.status[i]!;
    if ((status === STATUS.ok || status === STATUS.violated) && Number.isFinite(measured)) return measured;
    const c = this.columns;
    if (i === 0) return 0;
    const dt = c.times[i]! - c.times[i - 1]!;
    return dt > 0 ? Math.hypot(c.robotX[i]! - c.robotX[i - 1]!, c.robotY[i]! - c.robotY[i - 1]!, c.robotZ[i]! - c.robotZ[i - 1]!) / dt : 0;
  }

  /** The path from WINDOW_SEC before step i up to it. */
  show(i: number): void {
    const c = this.columns;
    const endSec = c.times[i]!;
    // First step of the window (steps are evenly spaced in time; a search would do the same).
    let first = i;
    while (first > 0 && c.times[first - 1]! >= endSec - WINDOW_SEC) first--;
    const span = i - first;
    this.overLimit = false;
    for (let k = 0; k < POINTS; k++) {
      const j = span === 0 ? i : first + Math.round((k / (POINTS - 1)) * span);
      this.#positions[3 * k] = c.robotX[j]!;
      this.#positions[3 * k + 1] = c.robotY[j]!;
      this.#positions[3 * k + 2] = c.robotZ[j]!;
      const limit = this.monitor.limit[j]!;
      const colour = speedColour(this.#speed(j), Number.isFinite(limit) ? limit : this.#fallbackLimit);
      if (colour === RED) this.overLimit = true;
      this.#colors[3 * k] = colour.r;
      this.#colors[3 * k + 1] = colour.g;
      this.#colors[3 * k + 2] = colour.b;
    }
    const geometry = this.line.geometry;
    geometry.attributes.position!.needsUpdate = true;
    geometry.attributes.color!.needsUpdate = true;
  }
}
