import { InputError } from '../../scenarios/input-error.js';

/** Why a replay could not be read, for callers that branch on it (a viewer, the CLI). */
export type ReplayProblem = 'not-mcap' | 'truncated' | 'corrupt' | 'not-episode' | 'io';

/** A replay file that cannot be read as a whole; the message names the source and what survived. */
export class ReplayError extends InputError {
  constructor(
    readonly source: string,
    message: string,
    readonly problem: ReplayProblem,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
    this.name = 'ReplayError';
  }
}
