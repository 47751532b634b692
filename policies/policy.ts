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

export interface Policy {
  readonly info: PolicyInfo;
  act(observation: Float32Array): Promise<Float32Array>;
  /** Many episodes' observations in one call; same results as act() on each. */
  actBatch(observations: Float32Array[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export function layoutSize(fields: readonly LayoutField[]): number {
  return fields.reduce((n, f) => n + f.size, 0);
}
