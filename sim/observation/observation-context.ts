import type { Point3, ResolvedArmScenario } from '../../scenarios/index.js';
import type { Frame } from '../frame.js';

/** What an observation can be built from: the frame just sensed and the static task. */
export interface ObservationContext {
  frame: Frame;
  goal: { xM: number; yM: number };
  /** The route waypoint the robot is heading for now (the goal once the route is done). */
  waypoint: { xM: number; yM: number };
  scanRangeMaxM: number;
  /**
   * Lowest speed limit of the site map's shared zones at the robot or up to ZONE_LOOKAHEAD_M
   * ahead of it (a driver sees the sign before the zone), or the robot's maximum.
   */
  zoneSpeedLimitMps: number;
  /** 1 when the commanded goal lies inside a keep-out zone of the site map. */
  goalInKeepOut: number;
  /** Set on an arm's frames: what the arm fields are built from. */
  arm?: ArmObservationContext;
}

export type Extractor = (ctx: ObservationContext, out: Float32Array, offset: number, size: number) => void;

export interface FieldDef {
  /** Fixed size, or undefined when the layout chooses (scan sectors). */
  size?: number;
  units: string;
  extract: Extractor;
}

/** What an arm observation is built from, besides the frame. */
export interface ArmObservationContext {
  scene: ResolvedArmScenario;
  waypoint: Point3;
}
