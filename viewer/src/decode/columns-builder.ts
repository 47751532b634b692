// Grows the columns step by step for both decoders (the byte scanner and the object walk), so
// both give the same layout. Capacity doubles; finish() trims to exact-size arrays, each on its
// own buffer so it can be transferred.

import { STATUS, type EpisodeColumns, type MonitorColumns } from './episode-columns.js';

type Typed = Float64Array | Float32Array | Int32Array | Uint8Array;

function grow<T extends Typed>(array: T, size: number, fill: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array as never);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

function filled<T extends Typed>(make: new (n: number) => T, size: number, fill: number): T {
  const array = new make(size);
  if (fill !== 0) array.fill(fill);
  return array;
}

/** A growable flat list of numbers. */
class Flat<T extends Typed> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, this.data.length * 2, 0);
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export class ColumnsBuilder {
  count = 0;
  #capacity: number;
  times: Float64Array;
  robotX: Float64Array;
  robotY: Float64Array;
  robotYaw: Float64Array;
  robotZ: Float64Array;
  toolQuat: Float32Array;
  commanded: Float32Array;
  commandedTool: Float32Array;
  applied: Float32Array;
  measured: Float32Array;
  scanOf: Int32Array;
  humanStart: Int32Array;
  contactStart: Int32Array;
  capsuleStart: Int32Array;
  objectStart: Int32Array;
  readonly monitors: MonitorColumns[] = [];
  readonly #monitorById = new Map<string, number>();
  readonly humanId = new Flat(new Int32Array(256));
  readonly humanX = new Flat(new Float32Array(256));
  readonly humanY = new Flat(new Float32Array(256));
  readonly humanVX = new Flat(new Float32Array(256));
  readonly humanVY = new Flat(new Float32Array(256));
  readonly humanHeight = new Flat(new Float32Array(256));
  readonly contactHuman = new Flat(new Int32Array(16));
  readonly contactRegion = new Flat(new Int32Array(16));
  readonly contactForce = new Flat(new Float32Array(16));
  readonly contactPoint = new Flat(new Float32Array(48));
  readonly capsuleOwner = new Flat(new Int32Array(256));
  readonly capsuleName = new Flat(new Int32Array(256));
  readonly capsuleData = new Flat(new Float32Array(256 * 7));
  readonly objectId = new Flat(new Int32Array(16));
  readonly objectData = new Flat(new Float32Array(16 * 7));
  readonly scanMeta = new Flat(new Float64Array(48));
  readonly scanStart = new Flat(new Int32Array(16));
  readonly scanRanges = new Flat(new Float32Array(4096));
  readonly strings: string[] = [];
  readonly lists: string[][] = [];
  readonly #stringIndex = new Map<string, number>();
  readonly #listIndex = new Map<string, number>();
  #lastScan = -1;

  constructor(monitorIds: string[], capacityHint = 1024) {
    const n = (this.#capacity = Math.max(16, capacityHint));
    this.times = filled(Float64Array, n, Number.NaN);
    this.robotX = filled(Float64Array, n, Number.NaN);
    this.robotY = filled(Float64Array, n, Number.NaN);
    this.robotYaw = filled(Float64Array, n, Number.NaN);
    this.robotZ = filled(Float64Array, n, Number.NaN);
    this.toolQuat = filled(Float32Array, 4 * n, Number.NaN);
    this.commanded = filled(Float32Array, n, Number.NaN);
    this.commandedTool = filled(Float32Array, n, Number.NaN);
    this.applied = filled(Float32Array, n, Number.NaN);
    this.measured = filled(Float32Array, n, Number.NaN);
    this.scanOf = filled(Int32Array, n, -1);
    this.humanStart = new Int32Array(n + 1);
    this.contactStart = new Int32Array(n + 1);
    this.capsuleStart = new Int32Array(n + 1);
    this.objectStart = new Int32Array(n + 1);
    for (const id of monitorIds) this.monitorIndex(id);
  }

  /** Starts step `count`; its fields default to NaN / absent until set. Returns its index. */
  beginStep(): number {
    const i = this.count;
    if (i === this.#capacity) this.#grow();
    this.humanStart[i] = this.humanId.length;
    this.contactStart[i] = this.contactHuman.length;
    this.capsuleStart[i] = this.capsuleOwner.length;
    this.objectStart[i] = this.objectId.length;
    this.scanOf[i] = this.#lastScan;
    return i;
  }

  endStep(): void {
    this.count++;
    this.humanStart[this.count] = this.humanId.length;
    this.contactStart[this.count] = this.contactHuman.length;
    this.capsuleStart[this.count] = this.capsuleOwner.length;
    this.objectStart[this.count] = this.objectId.length;
  }

  #grow(): void {
    const n = (this.#capacity *= 2);
    this.times = grow(this.times, n, Number.NaN);
    this.robotX = grow(this.robotX, n, Number.NaN);
    this.robotY = grow(this.robotY, n, Number.NaN);
    this.robotYaw = grow(this.robotYaw, n, Number.NaN);
    this.robotZ = grow(this.robotZ, n, Number.NaN);
    this.toolQuat = grow(this.toolQuat, 4 * n, Number.NaN);
    this.commanded = grow(this.commanded, n, Number.NaN);
    this.commandedTool = grow(this.commandedTool, n, Number.NaN);
    this.applied = grow(this.applied, n, Number.NaN);
    this.measured = grow(this.measured, n, Number.NaN);
    this.scanOf = grow(this.scanOf, n, -1);
    this.humanStart = grow(this.humanStart, n + 1, 0);
    this.contactStart = grow(this.contactStart, n + 1, 0);
    this.capsuleStart = grow(this.capsuleStart, n + 1, 0);
    this.objectStart = grow(this.objectStart, n + 1, 0);
    for (const m of this.monitors) this.#growMonitor(m, n);
  }

  #growMonitor(m: MonitorColumns, n: number): void {
    m.margin = grow(m.margin, n, Number.NaN);
    m.value = grow(m.value, n, Number.NaN);
    m.limit = grow(m.limit, n, Number.NaN);
    m.status = grow(m.status, n, STATUS.absent);
    m.units = grow(m.units, n, -1);
    m.bodies = grow(m.bodies, n, -1);
  }

  /** The series of a monitor, created (absent at every earlier step) on first sight. */
  monitorIndex(id: string): number {
    let k = this.#monitorById.get(id);
    if (k === undefined) {
      const n = this.#capacity;
      k = this.monitors.length;
      this.monitors.push({
        id,
        margin: filled(Float32Array, n, Number.NaN),
        value: filled(Float32Array, n, Number.NaN),
        limit: filled(Float32Array, n, Number.NaN),
        status: filled(Uint8Array, n, STATUS.absent),
        units: filled(Int32Array, n, -1),
        bodies: filled(Int32Array, n, -1),
      });
      this.#monitorById.set(id, k);
    }
    return k;
  }

  string(value: string): number {
    let k = this.#stringIndex.get(value);
    if (k === undefined) {
      k = this.strings.push(value) - 1;
      this.#stringIndex.set(value, k);
    }
    return k;
  }

  list(values: string[]): number {
    const key = JSON.stringify(values);
    let k = this.#listIndex.get(key);
    if (k === undefined) {
      k = this.lists.push(values) - 1;
      this.#listIndex.set(key, k);
    }
    return k;
  }

  /** A sample of step i. `margin` is the recorded one; idle monitors get NaN, as plots expect. */
  sample(i: number, monitor: number, value: number, limit: number, margin: number, status: number, units: number, bodies: number): void {
    const m = this.monitors[monitor]!;
    m.value[i] = value;
    m.limit[i] = limit;
    m.margin[i] = status === STATUS.idle ? Number.NaN : margin;
    m.status[i] = status;
    m.units[i] = units;
    m.bodies[i] = bodies;
  }

  human(id: number, x: number, y: number, vx: number, vy: number, heightM: number): void {
    this.humanId.push(id);
    this.humanX.push(x);
    this.humanY.push(y);
    this.humanVX.push(vx);
    this.humanVY.push(vy);
    this.humanHeight.push(heightM);
  }

  contact(human: number, region: number, forceN: number, x: number, y: number, z: number): void {
    this.contactHuman.push(human);
    this.contactRegion.push(region);
    this.contactForce.push(forceN);
    this.contactPoint.push(x);
    this.contactPoint.push(y);
    this.contactPoint.push(z);
  }

  /** A capsule of step i: an arm link or a person's body region (owner and name are string indices). */
  capsule(owner: number, name: number, x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, radiusM: number): void {
    this.capsuleOwner.push(owner);
    this.capsuleName.push(name);
    const d = this.capsuleData;
    d.push(x0);
    d.push(y0);
    d.push(z0);
    d.push(x1);
    d.push(y1);
    d.push(z1);
    d.push(radiusM);
  }

  object(id: number, x: number, y: number, z: number, qx: number, qy: number, qz: number, qw: number): void {
    this.objectId.push(id);
    const d = this.objectData;
    d.push(x);
    d.push(y);
    d.push(z);
    d.push(qx);
    d.push(qy);
    d.push(qz);
    d.push(qw);
  }

  /** Opens a scan on step i; its ranges follow with scanRange(). */
  beginScan(i: number, angleMinRad: number, angleIncrementRad: number, rangeMaxM: number): void {
    const s = this.scanStart.length;
    this.scanStart.push(this.scanRanges.length);
    this.scanMeta.push(angleMinRad);
    this.scanMeta.push(angleIncrementRad);
    this.scanMeta.push(rangeMaxM);
    this.#lastScan = s;
    this.scanOf[i] = s;
  }

  finish(): EpisodeColumns {
    const n = this.count;
    const cut = <T extends Typed>(a: T, size = n): T => a.slice(0, size) as T;
    const scanStart = this.scanStart.done();
    const starts = new Int32Array(scanStart.length + 1);
    starts.set(scanStart);
    starts[scanStart.length] = this.scanRanges.length;
    return {
      count: n,
      times: cut(this.times),
      robotX: cut(this.robotX),
      robotY: cut(this.robotY),
      robotYaw: cut(this.robotYaw),
      robotZ: cut(this.robotZ),
      toolQuat: cut(this.toolQuat, 4 * n),
      commanded: cut(this.commanded),
      commandedTool: cut(this.commandedTool),
      applied: cut(this.applied),
      measured: cut(this.measured),
      monitors: this.monitors.map((m) => ({
        id: m.id,
        margin: cut(m.margin),
        value: cut(m.value),
        limit: cut(m.limit),
        status: cut(m.status),
        units: cut(m.units),
        bodies: cut(m.bodies),
      })),
      humanStart: cut(this.humanStart, n + 1),
      humanId: this.humanId.done(),
      humanX: this.humanX.done(),
      humanY: this.humanY.done(),
      humanVX: this.humanVX.done(),
      humanVY: this.humanVY.done(),
      humanHeight: this.humanHeight.done(),
      contactStart: cut(this.contactStart, n + 1),
      contactHuman: this.contactHuman.done(),
      contactRegion: this.contactRegion.done(),
      contactForce: this.contactForce.done(),
      contactPoint: this.contactPoint.done(),
      capsuleStart: cut(this.capsuleStart, n + 1),
      capsuleOwner: this.capsuleOwner.done(),
      capsuleName: this.capsuleName.done(),
      capsuleData: this.capsuleData.done(),
      objectStart: cut(this.objectStart, n + 1),
      objectId: this.objectId.done(),
      objectData: this.objectData.done(),
      scanOf: cut(this.scanOf),
      scanMeta: this.scanMeta.done(),
      scanStart: starts,
      scanRanges: this.scanRanges.done(),
      strings: this.strings,
      lists: this.lists,
    };
  }
}

/** STATUS code of a sample's status string. */
export function statusCode(status: unknown): number {
  return status === 'ok' ? STATUS.ok : status === 'violated' ? STATUS.violated : status === 'idle' ? STATUS.idle : STATUS.other;
}
