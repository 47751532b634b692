import { BODY_MODEL } from '../../sim/index.js';
import { MARKER, type JointStateMsg, type LaserScanMsg, type MarkerArrayMsg, type OdometryMsg, type PeopleMsg, type RosHeader } from './ros-types.js';

// Incoming messages are checked before anything uses them: a wrong shape, a NaN or a missing
// stamp is refused with a reason, never half-used. Each check returns the message or a problem.

/** Why a message was refused, for diagnostics that say what to fix. */
export type DropReason = 'shape' | 'non-finite' | 'stamp-form' | 'frame' | 'stale' | 'order';

export type Checked<T> = { ok: true; msg: T } | { ok: false; problem: string; reason: DropReason };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Problems {
  first: string | undefined;
  reason: DropReason = 'shape';
  fail(path: string, what: string, reason: DropReason = 'shape'): void {
    if (this.first !== undefined) return;
    this.first = `${path}: ${what}`;
    this.reason = reason;
  }
  num(v: unknown, path: string): void {
    // JSON has no NaN: rosbridge sends a non-finite float as null, which lands here too.
    if (v === null) this.fail(path, 'expected a number, got null (NaN or infinite)', 'non-finite');
    else if (typeof v !== 'number') this.fail(path, `expected a number, got ${typeof v}`);
    else if (!Number.isFinite(v)) this.fail(path, `not finite (${v})`, 'non-finite');
  }
  /** The header's frame_id against the one the profile names (when it names one). */
  frame(h: unknown, expected: string | undefined, path = 'header.frame_id'): void {
    if (expected === undefined) return;
    const frame = isObj(h) ? h.frame_id : undefined;
    if (frame !== expected) this.fail(path, `"${String(frame).slice(0, 80)}" is not the profile's "${expected}"`, 'frame');
  }
  obj(v: unknown, path: string): Obj {
    if (!isObj(v)) {
      this.fail(path, 'expected an object');
      return {};
    }
    return v;
  }
  arr(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) {
      this.fail(path, 'expected an array');
      return [];
    }
    return v;
  }
  vec(v: unknown, path: string, keys = ['x', 'y', 'z']): void {
    const o = this.obj(v, path);
    for (const k of keys) this.num(o[k], `${path}.${k}`);
  }
  header(v: unknown, path = 'header'): void {
    const h = this.obj(v, path);
    const stamp = this.obj(h.stamp, `${path}.stamp`);
    if ('secs' in stamp || 'nsecs' in stamp) {
      return this.fail(`${path}.stamp`, 'in ROS 1 form {secs, nsecs}, but the bridge speaks ROS 2 to this robot', 'stamp-form');
    }
    if (!Number.isInteger(stamp.sec) || (stamp.sec as number) < 0) this.fail(`${path}.stamp.sec`, 'expected a whole number ≥ 0');
    if (!Number.isInteger(stamp.nanosec) || (stamp.nanosec as number) < 0 || (stamp.nanosec as number) > 999_999_999) {
      this.fail(`${path}.stamp.nanosec`, 'expected a whole number in [0, 999999999]');
    }
    // A zero stamp means the driver never set it: its age cannot be known, so it cannot be trusted.
    if (stamp.sec === 0 && stamp.nanosec === 0) this.fail(`${path}.stamp`, 'unset (zero): the age of the data is unknown');
  }
  result<T>(msg: unknown): Checked<T> {
    return this.first !== undefined ? { ok: false, problem: this.first, reason: this.reason } : { ok: true, msg: msg as T };
  }
}

export function checkLaserScan(msg: unknown, frameId?: string): Checked<LaserScanMsg> {
  const p = new Problems();
  const m = p.obj(msg, 'message');
  p.header(m.header);
  p.frame(m.header, frameId);
  for (const k of ['angle_min', 'angle_max', 'angle_increment', 'range_min', 'range_max']) p.num(m[k], k);
  if (typeof m.range_max === 'number' && m.range_max <= 0) p.fail('range_max', 'must be > 0');
  if (typeof m.angle_increment === 'number' && m.angle_increment === 0) p.fail('angle_increment', 'must not be 0');
  const ranges = p.arr(m.ranges, 'ranges');
  if (ranges.length === 0) p.fail('ranges', 'empty');
  // null is how rosbridge carries +inf ("no return within range", REP 117); a string or object is not a range.
  ranges.forEach((r, i) => {
    if (r !== null && typeof r !== 'number') p.fail(`ranges[${i}]`, `expected a number or null, got ${typeof r}`);
  });
  return p.result(msg);
}

export function checkOdometry(msg: unknown, frameId?: string): Checked<OdometryMsg> {
  const p = new Problems();
  const m = p.obj(msg, 'message');
  p.header(m.header);
  p.frame(m.header, frameId);
  const pose = p.obj(p.obj(m.pose, 'pose').pose, 'pose.pose');
  p.vec(pose.position, 'pose.pose.position');
  p.vec(pose.orientation, 'pose.pose.orientation', ['x', 'y', 'z', 'w']);
  const q = pose.orientation as Obj | undefined;
  if (q && [q.x, q.y, q.z, q.w].every((c) => typeof c === 'number' && Number.isFinite(c))) {
    const norm = Math.hypot(q.x as number, q.y as number, q.z as number, q.w as number);
    if (Math.abs(norm - 1) > 0.01) p.fail('pose.pose.orientation', `not a unit quaternion (norm ${norm.toFixed(3)})`);
  }
  const twist = p.obj(p.obj(m.twist, 'twist').twist, 'twist.twist');
  p.vec(twist.linear, 'twist.twist.linear');
  p.vec(twist.angular, 'twist.twist.angular');
  return p.result(msg);
}

export function checkPeople(msg: unknown): Checked<PeopleMsg> {
  const p = new Problems();
  const m = p.obj(msg, 'message');
  p.header(m.header);
  p.arr(m.people, 'people').forEach((person, i) => {
    const o = p.obj(person, `people[${i}]`);
    if (typeof o.name !== 'string') p.fail(`people[${i}].name`, 'expected a string');
    p.vec(o.position, `people[${i}].position`);
    p.vec(o.velocity, `people[${i}].velocity`);
  });
  return p.result(msg);
}

export function checkJointState(msg: unknown, joints: readonly string[]): Checked<JointStateMsg> {
  const p = new Problems();
  const m = p.obj(msg, 'message');
  p.header(m.header);
  const names = p.arr(m.name, 'name');
  const positions = p.arr(m.position, 'position');
  if (positions.length !== names.length) p.fail('position', `${positions.length} values for ${names.length} joints`);
  positions.forEach((v, i) => p.num(v, `position[${i}]`));
  // velocity may be left empty (REP: "all or none"); when given it must cover every joint.
  const velocities = p.arr(m.velocity ?? [], 'velocity');
  if (velocities.length !== 0 && velocities.length !== names.length)
    p.fail('velocity', `${velocities.length} values for ${names.length} joints (give all or none)`);
  velocities.forEach((v, i) => p.num(v, `velocity[${i}]`));
  for (const j of joints) if (!names.includes(j)) p.fail('name', `joint "${j}" missing`);
  return p.result(msg);
}

/**
 * People as body-region markers (see README, "People around an arm"): every marker stamped and
 * in one of `frames`; an ADD marker is a SPHERE or a two-point LINE_LIST named by its person
 * (ns) and ISO/TS 15066 body region (text), scale.x its diameter. DELETE and DELETEALL markers
 * only carry the time. An empty array has no stamp, so it cannot be told apart from an old one.
 */
export function checkMarkerArray(msg: unknown, frames: readonly string[]): Checked<MarkerArrayMsg> {
  const p = new Problems();
  const m = p.obj(msg, 'message');
  const markers = p.arr(m.markers, 'markers');
  if (markers.length === 0 && Array.isArray(m.markers)) {
    p.fail('markers', 'empty, so it carries no time: start every array with a DELETEALL marker stamped with the snapshot time');
  }
  markers.forEach((raw, i) => {
    const at = `markers[${i}]`;
    const mk = p.obj(raw, at);
    p.header(mk.header, `${at}.header`);
    const frame = (mk.header as Obj | undefined)?.frame_id;
    if (typeof frame !== 'string' || !frames.includes(frame)) {
      p.fail(
        `${at}.header.frame_id`,
        `"${String(frame)}" is not ${frames.map((f) => `"${f}"`).join(' or ')} (the bridge does no tf lookups: publish in one of these)`,
        'frame',
      );
    }
    if (mk.action === MARKER.DELETE || mk.action === MARKER.DELETEALL) return;
    if (mk.action !== MARKER.ADD) return p.fail(`${at}.action`, `expected ADD (0), DELETE (2) or DELETEALL (3), got ${String(mk.action)}`);
    if (typeof mk.ns !== 'string' || mk.ns === '') p.fail(`${at}.ns`, 'expected the person id');
    if (typeof mk.text !== 'string' || !(mk.text in BODY_MODEL)) {
      p.fail(`${at}.text`, `expected a body region (${Object.keys(BODY_MODEL).join(', ')}), got ${JSON.stringify(mk.text)}`);
    }
    const pose = p.obj(mk.pose, `${at}.pose`);
    p.vec(pose.position, `${at}.pose.position`);
    p.vec(pose.orientation, `${at}.pose.orientation`, ['x', 'y', 'z', 'w']);
    const scale = p.obj(mk.scale, `${at}.scale`);
    p.num(scale.x, `${at}.scale.x`);
    if (typeof scale.x === 'number' && !(scale.x > 0)) p.fail(`${at}.scale.x`, 'the region diameter must be > 0');
    if (mk.type === MARKER.LINE_LIST) {
      const points = p.arr(mk.points, `${at}.points`);
      if (points.length !== 2) p.fail(`${at}.points`, `a body region is one segment: expected 2 points, got ${points.length}`);
      points.forEach((pt, k) => p.vec(pt, `${at}.points[${k}]`));
    } else if (mk.type !== MARKER.SPHERE) {
      p.fail(`${at}.type`, `expected SPHERE (2) or LINE_LIST (5), got ${String(mk.type)}`);
    }
  });
  return p.result(msg);
}

/** The header of an already checked message. */
export function headerOf(msg: unknown): RosHeader {
  return (msg as { header: RosHeader }).header;
}
