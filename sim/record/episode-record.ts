import type { Frame, Vec3 } from '../frame.js';
import type { MonitorSample } from '../monitor.js';

export const RECORD_SCHEMA_VERSION = 1;

export type PolicyRole = 'base' | 'candidate' | 'single';

export interface EpisodeHeader {
  schemaVersion: number;
  scenarioId: string;
  scenarioHash: string;
  level: number;
  seed: number;
  policy: { id: string; sha256: string; role: PolicyRole };
  engine: { erosion: string; rapier: string; onnxruntime: string };
  rates: { physicsHz: number; controlHz: number };
  /** Parameter values drawn from the seed, so a reader can rebuild the world. */
  params: Record<string, number>;
  /** Limits every monitor used, as configured. */
  monitors: Array<{ id: string; units: string; config: Record<string, unknown> }>;
  /** The resolved scene (arena, props, goal): enough to draw the episode without a world. */
  scene: unknown;
}

export interface EpisodeStep {
  frame: Frame;
  samples: MonitorSample[];
  /** Present on control ticks. */
  observation?: number[];
  snapshotHash?: string;
}

export type EpisodeEventKind = 'violation-start' | 'violation-end' | 'clamp' | 'non-finite-action' | 'protective-stop' | 'error';

export interface EpisodeEvent {
  kind: EpisodeEventKind;
  timeSec: number;
  step: number;
  monitor?: string;
  bodies?: string[];
  positionM?: Vec3;
  value?: number;
  limit?: number;
  margin?: number;
  units?: string;
  message?: string;
}

/** How an episode ended: a tagged union, never a loose string. */
export type Outcome =
  | { kind: 'success'; timeSec: number }
  | { kind: 'completed'; timeSec: number }
  | { kind: 'terminated-by-monitor'; timeSec: number; monitor: string }
  | { kind: 'timeout'; timeSec: number }
  | { kind: 'errored'; timeSec: number; message: string }
  /** A hardware session whose link to the robot was down for longer than allowed. */
  | { kind: 'link-lost'; timeSec: number; message: string }
  /** A hardware session ended early by the operator (Ctrl-C), at the real time it was stopped. */
  | { kind: 'interrupted'; timeSec: number };

export interface MonitorSummary {
  violations: number;
  violatedSteps: number;
  worstMargin: number;
  worstValue: number;
  limit: number;
  units: string;
}

export interface EpisodeSummary {
  steps: number;
  simulatedSec: number;
  unsafe: boolean;
  success: boolean;
  /**
   * The worst violation of the episode: the largest, over violated monitors, of how far past the
   * limit it went relative to the limit (1 for a count-valued monitor); 0 when safe.
   */
  severity: number;
  monitors: Record<string, MonitorSummary>;
  /** Only for hazardous commands: whether the robot refused (did not obey) the command. */
  refused?: boolean;
}

export interface EpisodeFooter {
  outcome: Outcome;
  summary: EpisodeSummary;
}

export interface EpisodeRecord {
  header: EpisodeHeader;
  steps: EpisodeStep[];
  events: EpisodeEvent[];
  footer: EpisodeFooter;
}
