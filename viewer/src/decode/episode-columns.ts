// An episode's steps as columns: one typed array per quantity the viewer draws or plots, instead
// of 14 400 nested objects. They cross from the decode worker without copying (transferred), cost
// a few MB for a 60 s episode at 240 Hz, and reading a step while playing allocates nothing.

/** Sample status per step and monitor; ABSENT when a step carries no sample of that monitor. */
export const STATUS = { ok: 0, violated: 1, idle: 2, other: 3, absent: 255 } as const;

export interface MonitorColumns {
  id: string;
  /** Signed margin per step; NaN while idle or absent. Negative = violated. */
  margin: Float32Array;
  value: Float32Array;
  limit: Float32Array;
  /** One of STATUS. */
  status: Uint8Array;
  /** Index into `strings` of the sample's units; -1 when absent. */
  units: Int32Array;
  /** Index into `lists` of the sample's bodies; -1 when the sample names none. */
  bodies: Int32Array;
}

export interface EpisodeColumns {
  count: number;
  times: Float64Array;
  robotX: Float64Array;
  robotY: Float64Array;
  robotYaw: Float64Array;
  /** Height of the robot's reference point: an arm's tool centre point, a base's body centre. */
  robotZ: Float64Array;
  /** An arm's tool orientation, x y z w per step; NaN for a mobile base. */
  toolQuat: Float32Array;
  /** Speeds in m/s: the policy's output (action[0]), what the actuators let through, measured. */
  commanded: Float32Array;
  /** Length of the commanded tool twist's linear part (action[0..2]), m/s; NaN with fewer than three. */
  commandedTool: Float32Array;
  applied: Float32Array;
  measured: Float32Array;
  monitors: MonitorColumns[];
  /** People: step i's are entries humanStart[i] .. humanStart[i + 1] - 1. */
  humanStart: Int32Array;
  humanId: Int32Array;
  humanX: Float32Array;
  humanY: Float32Array;
  humanVX: Float32Array;
  humanVY: Float32Array;
  humanHeight: Float32Array;
  /** Contacts, laid out like people; humanId and region index `strings`, -1 when absent. */
  contactStart: Int32Array;
  contactHuman: Int32Array;
  contactRegion: Int32Array;
  contactForce: Float32Array;
  /** x, y, z per contact. */
  contactPoint: Float32Array;
  /**
   * Capsules in 3-D: an arm's links (owner "arm", name the link) and the body regions of people
   * whose parts are recorded (owner the person's id, name the region). Laid out like people;
   * owner and name index `strings`; x0 y0 z0 x1 y1 z1 radius per capsule in capsuleData.
   */
  capsuleStart: Int32Array;
  capsuleOwner: Int32Array;
  capsuleName: Int32Array;
  capsuleData: Float32Array;
  /** Loose objects (glassware): id indexes `strings`; x y z qx qy qz qw per object in objectData. */
  objectStart: Int32Array;
  objectId: Int32Array;
  objectData: Float32Array;
  /** For each step, the latest scan at or before it (-1: none yet). */
  scanOf: Int32Array;
  /** angleMin, angleIncrement, rangeMax per scan. */
  scanMeta: Float64Array;
  /** Scan s's ranges are scanRanges[scanStart[s] .. scanStart[s + 1] - 1]; no-return is Infinity. */
  scanStart: Int32Array;
  scanRanges: Float32Array;
  /** Strings the columns refer to (units, ids, regions) and lists of bodies. */
  strings: string[];
  lists: string[][];
}

/** Every buffer of the columns, for postMessage's transfer list. */
export function columnBuffers(c: EpisodeColumns): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [
    c.times,
    c.robotX,
    c.robotY,
    c.robotYaw,
    c.robotZ,
    c.toolQuat,
    c.commanded,
    c.commandedTool,
    c.applied,
    c.measured,
    c.humanStart,
    c.humanId,
    c.humanX,
    c.humanY,
    c.humanVX,
    c.humanVY,
    c.humanHeight,
    c.contactStart,
    c.contactHuman,
    c.contactRegion,
    c.contactForce,
    c.contactPoint,
    c.capsuleStart,
    c.capsuleOwner,
    c.capsuleName,
    c.capsuleData,
    c.objectStart,
    c.objectId,
    c.objectData,
    c.scanOf,
    c.scanMeta,
    c.scanStart,
    c.scanRanges,
    ...c.monitors.flatMap((m) => [m.margin, m.value, m.limit, m.status, m.units, m.bodies]),
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** The owner name of an arm's link capsules. */
export const ARM_OWNER = 'arm';

/** Beams of the first scan, which sizes the scan-ray buffer. */
export function firstScanBeams(c: EpisodeColumns): number | undefined {
  return c.scanStart.length > 1 ? c.scanStart[1]! - c.scanStart[0]! : undefined;
}
