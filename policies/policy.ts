// The Policy seam: observation vector in, action vector out, over layouts
// declared as data so the simulator and a real robot feed a model identically.

export type RobotFamily = 'mobile-base' | 'arm';

export interface LayoutField {
  name: string;
  size: number;
  units: string;
}

export interface ActionField {
  name: string;
  units: string;
}

export interface PolicyInfo {
  id: string;
  sha256: string;
  robotFamily: RobotFamily;
  controlHz: number;
  observation: LayoutField[];
  action: ActionField[];
}

/** One episode of a recurrent policy: its state starts at zero and is fed back each tick. */
export interface PolicyEpisode {
  act(observation: Float32Array): Promise<Float32Array>;
}

export interface Policy {
  readonly info: PolicyInfo;
  act(observation: Float32Array): Promise<Float32Array>;
  /** Many episodes' observations in one call; same results as act() on each. */
  actBatch(observations: Float32Array[]): Promise<Float32Array[]>;
  /** Present on recurrent policies (whose act() refuses): a fresh episode with zeroed state. */
  readonly startEpisode?: () => PolicyEpisode;
  close(): Promise<void>;
}

/** What an episode calls each control tick: a recurrent policy's own episode, else its act(). */
export function episodeOf(policy: Policy): PolicyEpisode {
  return policy.startEpisode ? policy.startEpisode() : { act: (observation) => policy.act(observation) };
}

export function layoutSize(fields: readonly LayoutField[]): number {
  return fields.reduce((n, f) => n + f.size, 0);
}
