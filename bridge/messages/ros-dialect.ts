// ROS 1 and ROS 2 say the same messages two ways over rosbridge: type names (`pkg/Type` against
// `pkg/msg/Type`) and times (`{secs, nsecs}` against `{sec, nanosec}`, for stamps and durations
// alike). Inside Erosion everything is in the ROS 2 form; these turn it into the robot's form on
// the way out and back on the way in.

export type RosVersion = 1 | 2;

/** A type name in the given ROS's form: `sensor_msgs/LaserScan` (1) or `sensor_msgs/msg/LaserScan` (2). */
export function rosTypeName(type: string, ros: RosVersion): string {
  const parts = type.split('/').filter((p) => p !== '');
  if (parts.length === 3 && parts[1] === 'msg') return ros === 1 ? `${parts[0]}/${parts[2]}` : type;
  if (parts.length === 2) return ros === 1 ? type : `${parts[0]}/msg/${parts[1]}`;
  return type;
}

/** Which form a type name is in; undefined when it is neither. */
export function typeNameForm(type: string): RosVersion | undefined {
  const parts = type.split('/').filter((p) => p !== '');
  if (parts.length === 2) return 1;
  if (parts.length === 3 && parts[1] === 'msg') return 2;
  return undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keysAre = (o: Record<string, unknown>, a: string, b: string): boolean => {
  const keys = Object.keys(o);
  return keys.length === 2 && a in o && b in o;
};

/** A time or duration in one form, as the other form (anything else unchanged). */
function mapTimes(v: unknown, from: [string, string], to: [string, string], depth: number): unknown {
  // Messages nest a few levels; a depth bound keeps a hostile one from exhausting the stack.
  if (depth > 64) return v;
  if (Array.isArray(v)) return v.some((x) => typeof x === 'object' && x !== null) ? v.map((x) => mapTimes(x, from, to, depth + 1)) : v;
  if (!isObj(v)) return v;
  if (keysAre(v, from[0], from[1])) return { [to[0]]: v[from[0]], [to[1]]: v[from[1]] };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = mapTimes(x, from, to, depth + 1);
  return out;
}

const ROS1_TIME: [string, string] = ['secs', 'nsecs'];
const ROS2_TIME: [string, string] = ['sec', 'nanosec'];

/** An outgoing message (ROS 2 form inside Erosion) in the robot's form. */
export function timesToWire<T>(msg: T, ros: RosVersion): T {
  return ros === 1 ? (mapTimes(msg, ROS2_TIME, ROS1_TIME, 0) as T) : msg;
}

/** An incoming message in the robot's form, in Erosion's (ROS 2) form. A time in the other ROS's form is left as it is. */
export function timesFromWire<T>(msg: T, ros: RosVersion): T {
  return ros === 1 ? (mapTimes(msg, ROS1_TIME, ROS2_TIME, 0) as T) : msg;
}
