// ROS 2 message shapes as rosbridge carries them in JSON (field names as in the .msg files).

export interface RosTime {
  sec: number;
  nanosec: number;
}

export interface RosHeader {
  stamp: RosTime;
  frame_id: string;
}

export interface RosVector3 {
  x: number;
  y: number;
  z: number;
}

export interface RosQuaternion extends RosVector3 {
  w: number;
}

/** sensor_msgs/msg/LaserScan. rosbridge encodes an infinite range (no return) as null. */
export interface LaserScanMsg {
  header: RosHeader;
  angle_min: number;
  angle_max: number;
  angle_increment: number;
  time_increment: number;
  scan_time: number;
  range_min: number;
  range_max: number;
  ranges: Array<number | null>;
  intensities: number[];
}

/** nav_msgs/msg/Odometry. */
export interface OdometryMsg {
  header: RosHeader;
  child_frame_id: string;
  pose: { pose: { position: RosVector3; orientation: RosQuaternion }; covariance: number[] };
  twist: { twist: { linear: RosVector3; angular: RosVector3 }; covariance: number[] };
}

/** people_msgs/msg/Person. */
export interface PersonMsg {
  name: string;
  position: RosVector3;
  velocity: RosVector3;
  reliability: number;
  tagnames: string[];
  tags: string[];
}

/** people_msgs/msg/People. */
export interface PeopleMsg {
  header: RosHeader;
  people: PersonMsg[];
}

/** geometry_msgs/msg/Twist. */
export interface TwistMsg {
  linear: RosVector3;
  angular: RosVector3;
}

/** geometry_msgs/msg/TwistStamped. */
export interface TwistStampedMsg {
  header: RosHeader;
  twist: TwistMsg;
}

/** sensor_msgs/msg/JointState. */
export interface JointStateMsg {
  header: RosHeader;
  name: string[];
  position: number[];
  velocity: number[];
  effort: number[];
}

/** trajectory_msgs/msg/JointTrajectory. */
export interface JointTrajectoryMsg {
  header: RosHeader;
  joint_names: string[];
  points: Array<{ positions: number[]; velocities: number[]; accelerations: number[]; effort: number[]; time_from_start: RosTime }>;
}

/** std_msgs/msg/Float64MultiArray. */
export interface Float64MultiArrayMsg {
  layout: { dim: Array<{ label: string; size: number; stride: number }>; data_offset: number };
  data: number[];
}

/** std_msgs/msg/ColorRGBA. */
export interface RosColor {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** visualization_msgs/msg/Marker, the fields this bridge reads and writes (rosbridge fills the rest). */
export interface MarkerMsg {
  header: RosHeader;
  ns: string;
  id: number;
  type: number;
  action: number;
  pose: { position: RosVector3; orientation: RosQuaternion };
  scale: RosVector3;
  color: RosColor;
  lifetime: RosTime;
  frame_locked: boolean;
  points: RosVector3[];
  colors: RosColor[];
  text: string;
  mesh_resource: string;
  mesh_use_embedded_materials: boolean;
}

/** visualization_msgs/msg/MarkerArray. */
export interface MarkerArrayMsg {
  markers: MarkerMsg[];
}

/** Marker types and actions used for people (visualization_msgs/msg/Marker constants). */
export const MARKER = { SPHERE: 2, LINE_LIST: 5, ADD: 0, DELETE: 2, DELETEALL: 3 } as const;

/** Seconds since the epoch as a ROS time. */
export function rosTime(sec: number): RosTime {
  const whole = Math.floor(sec);
  return { sec: whole, nanosec: Math.min(999_999_999, Math.round((sec - whole) * 1e9)) };
}

export function rosTimeSec(t: RosTime): number {
  return t.sec + t.nanosec * 1e-9;
}
