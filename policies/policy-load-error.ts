import { InputError } from '../scenarios/input-error.js';

/**
 * A policy that cannot be used: names the file (manifest or model) and every problem found,
 * so a user fixes them in one pass instead of one per run.
 */
export class PolicyLoadError extends InputError {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: cannot load policy\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyLoadError';
  }
}
