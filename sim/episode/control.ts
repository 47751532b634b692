import type { CommandFrame, Frame } from '../frame.js';
import type { ObservationContext } from '../observation/index.js';
import type { WorldCommand } from '../world.js';

/** One robot family's side of the episode loop: what it observes, how an action becomes a command, when the task is done. */
export interface Control {
  idle: CommandFrame;
  context(frame: Frame): ObservationContext;
  decide(action: number[], frame: Frame): { applied: WorldCommand; command: CommandFrame; clamps: string[] };
  reached(frame: Frame): boolean;
}
