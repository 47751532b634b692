import { InputError } from '../../scenarios/index.js';

/** Whether an error is a problem with what the user gave (exit 2, message without a stack): it says so by its type. */
export function isInputError(err: unknown): err is Error {
  return err instanceof InputError;
}
