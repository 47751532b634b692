import { boundText, listProblems, MAX_QUOTED_CHARS } from './error-text.js';
import { InputError } from './input-error.js';

/**
 * A scenario or suite that cannot be used; names the file and every offending path. The message
 * is safe to print: bounded, control characters escaped, the first problems listed then a count.
 */
export class ScenarioError extends InputError {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${boundText(source, 4 * MAX_QUOTED_CHARS)}: invalid scenario\n${listProblems(problems)}`);
    this.name = 'ScenarioError';
  }
}
