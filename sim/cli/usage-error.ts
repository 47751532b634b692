import { InputError } from '../../scenarios/input-error.js';

/** Wrong words on the command line: exit code 2 with a message saying what was wrong, and the command's usage. */
export class UsageError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** 0 pass, 1 regression, 2 usage or input error, 3 inconclusive (too few seeds to decide). */
export const EXIT = { pass: 0, regression: 1, usage: 2, inconclusive: 3 } as const;
