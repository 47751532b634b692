/** Wrong words on the command line: exit code 2 with a message saying what was wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { pass: 0, regression: 1, usage: 2 } as const;
