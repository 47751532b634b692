import { apply, IDENTITY, quatToMat, type Mat3 } from '../../sim/geometry/rotation.js';
import { humanRadiusM, type BodyRegion, type HumanFrame, type Vec3 } from '../../sim/index.js';
import type { HumanPartFrame } from '../../sim/frame.js';
import { MARKER, rosTimeSec, type MarkerArrayMsg, type MarkerMsg } from '../messages/ros-types.js';

// People around an arm, from body-region markers (visualization_msgs/msg/MarkerArray): one
// marker per region, a SPHERE or a two-point LINE_LIST, named by person (ns) and region (text),
// scale.x its diameter. A message is the whole picture at its time: a region not in it is gone.

export interface MarkerFrames {
  /** The frame the site's coordinates are in: markers in it are taken as they are. */
  cellFrameId: string;
  /** The arm's base frame: markers in it are moved by the mount. */
  baseFrameId: string;
  /** The arm's base in the cell frame (unrotated, as the simulator mounts it). */
  mountM: Vec3;
}

/** Snapshots further apart than this give no velocity (a gap, not motion). */
const MAX_VELOCITY_GAP_SEC = 0.5;

/** The time of a checked marker array: that of its oldest marker, since the picture is no newer than its stalest part. */
export function markerArrayStamp(msg: MarkerArrayMsg): { sec: number; nanosec: number } {
  let oldest = msg.markers[0]!.header.stamp;
  for (const m of msg.markers) if (rosTimeSec(m.header.stamp) < rosTimeSec(oldest)) oldest = m.header.stamp;
  return oldest;
}

function rotationOf(m: MarkerMsg): Mat3 {
  const q = m.pose.orientation;
  const n = Math.hypot(q.x, q.y, q.z, q.w);
  // RViz reads an all-zero quaternion as no rotation; so does this.
  return n < 1e-9 ? IDENTITY : quatToMat({ x: q.x / n, y: q.y / n, z: q.z / n, w: q.w / n });
}

/**
 * Turns marker arrays into the people the monitors see, each region a capsule in the cell
 * frame. Velocities are the change of each region's end point since the previous snapshot
 * (markers carry none), matched by person and marker id.
 */
export class PeopleFromMarkers {
  private last: { stampSec: number; ends: Map<string, Vec3> } | undefined;

  constructor(private readonly frames: MarkerFrames) {}

  /** Forget the previous snapshot (after a link loss: a gap is not motion). */
  reset(): void {
    this.last = undefined;
  }

  update(msg: MarkerArrayMsg, stampSec: number): HumanFrame[] {
    const ends = new Map<string, Vec3>();
    const dtSec = this.last ? stampSec - this.last.stampSec : 0;
    const byPerson = new Map<string, HumanPartFrame[]>();
    for (const m of msg.markers) {
      if (m.action !== MARKER.ADD) continue;
      const shift = m.header.frame_id === this.frames.baseFrameId ? this.frames.mountM : { x: 0, y: 0, z: 0 };
      const R = rotationOf(m);
      const t = m.pose.position;
      const place = (p: Vec3): Vec3 => {
        const r = apply(R, p);
        return { x: r.x + t.x + shift.x, y: r.y + t.y + shift.y, z: r.z + t.z + shift.z };
      };
      const local =
        m.type === MARKER.LINE_LIST
          ? m.points
          : [
              { x: 0, y: 0, z: 0 },
              { x: 0, y: 0, z: 0 },
            ];
      const startM = place(local[0]!);
      const endM = place(local[1]!);
      const key = `${m.ns}#${m.id}`;
      ends.set(key, endM);
      const before = this.last?.ends.get(key);
      const velocityMps =
        before && dtSec > 0 && dtSec <= MAX_VELOCITY_GAP_SEC
          ? { x: (endM.x - before.x) / dtSec, y: (endM.y - before.y) / dtSec, z: (endM.z - before.z) / dtSec }
          : { x: 0, y: 0, z: 0 };
      const parts = byPerson.get(m.ns) ?? [];
      parts.push({ region: m.text as BodyRegion, startM, endM, radiusM: m.scale.x / 2, velocityMps });
      byPerson.set(m.ns, parts);
    }
    this.last = { stampSec, ends };
    return [...byPerson].map(([id, parts]) => personOf(id, parts));
  }
}

function personOf(id: string, parts: HumanPartFrame[]): HumanFrame {
  const n = parts.length;
  const mid = parts.reduce((s, p) => ({ x: s.x + (p.startM.x + p.endM.x) / (2 * n), y: s.y + (p.startM.y + p.endM.y) / (2 * n) }), { x: 0, y: 0 });
  const velocity = parts.reduce((s, p) => ({ x: s.x + p.velocityMps.x / n, y: s.y + p.velocityMps.y / n, z: s.z + p.velocityMps.z / n }), { x: 0, y: 0, z: 0 });
  const heightM = Math.max(...parts.map((p) => Math.max(p.startM.z, p.endM.z) + p.radiusM));
  return {
    id,
    parts,
    positionM: { x: mid.x, y: mid.y, z: 0 },
    velocityMps: velocity,
    heightM,
    radiusM: humanRadiusM(heightM),
    visible: true,
  };
}
