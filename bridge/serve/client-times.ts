import { rosTime, type RosTime } from '../messages/ros-types.js';
import type { RosVersion } from '../messages/ros-dialect.js';

// How rosbridge_server turns a client's JSON times into ROS times, by ROS version, so the
// rehearsal server treats a client's message the way the robot's real server would:
//  - ROS 2 takes `sec` or `secs` and `nanosec` or `nsecs` alike.
//  - ROS 1 copies only `secs` and `nsecs`: a time in the other form keeps the value it started
//    with, which for a Header stamp is the server's own clock (it fills every Header's stamp with
//    "now" first) and for any other time or duration is zero.
// Inside the server every time is in ROS 2 form afterwards.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTimeLike = (o: Obj): boolean => {
  const keys = Object.keys(o);
  return keys.length > 0 && keys.length <= 2 && keys.every((k) => k === 'sec' || k === 'secs' || k === 'nanosec' || k === 'nsecs');
};

function readTime(o: Obj, ros: RosVersion, fallback: RosTime): RosTime {
  const secKeys = ros === 1 ? ['secs'] : ['sec', 'secs'];
  const nsecKeys = ros === 1 ? ['nsecs'] : ['nanosec', 'nsecs'];
  const sec = secKeys.map((k) => o[k]).find((v) => v !== undefined);
  const nanosec = nsecKeys.map((k) => o[k]).find((v) => v !== undefined);
  return { sec: sec === undefined ? fallback.sec : (sec as number), nanosec: nanosec === undefined ? fallback.nanosec : (nanosec as number) };
}

const ZERO: RosTime = { sec: 0, nanosec: 0 };

function walk(v: unknown, ros: RosVersion, now: RosTime, depth: number): unknown {
  if (depth > 64) return v;
  if (Array.isArray(v)) return v.map((x) => walk(x, ros, now, depth + 1));
  if (!isObj(v)) return v;
  const out: Obj = {};
  const isHeader = 'frame_id' in v && isObj(v.stamp);
  for (const [k, x] of Object.entries(v)) {
    if (isHeader && k === 'stamp') out[k] = readTime(x as Obj, ros, now);
    else if (isObj(x) && isTimeLike(x)) out[k] = readTime(x, ros, ZERO);
    else out[k] = walk(x, ros, now, depth + 1);
  }
  return out;
}

/** A client's message as the server reads it, every time in ROS 2 form; `nowSec` is the server's clock (epoch seconds). */
export function clientTimes(msg: Obj, ros: RosVersion, nowSec: number): Obj {
  return walk(msg, ros, rosTime(nowSec), 0) as Obj;
}
