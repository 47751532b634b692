/**
 * An error in what the user gave (a file, a name, an option): the command line prints its message
 * without a stack and exits 2. Thrown where the problem is found, so nothing downstream has to
 * recognise an input problem by its message text. Lives in scenarios/, the folder every other
 * folder may import.
 */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}
