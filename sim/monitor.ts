import type { Frame, Vec3 } from './frame.js';

export type MonitorStatus = 'ok' | 'violated' | 'idle';

/** One judgement of one monitor at one step. Margin < 0 means violated. */
export interface MonitorSample {
  monitor: string;
  value: number;
  limit: number;
  margin: number;
  units: string;
  status: MonitorStatus;
  /** Bodies and place involved, so a violation never comes without a reason. */
  bodies?: string[];
  positionM?: Vec3;
  note?: string;
}

/**
 * A pure reducer over frames: no clock, no I/O, so the same monitor judges
 * the sim, a live robot and an old recording alike.
 */
export interface Monitor<S = unknown> {
  readonly id: string;
  readonly units: string;
  /** When true a violation ends the episode (e.g. a fall). */
  readonly terminal: boolean;
  init(): S;
  update(state: S, frame: Frame): { state: S; sample: MonitorSample };
}
