import { InputError } from '../../scenarios/index.js';

/**
 * policies/ reports a bad policy file with these two errors, which do not derive from InputError
 * yet; they are recognised by name here, the one place that does so, until they do.
 */
const POLICY_INPUT_ERRORS: ReadonlySet<string> = new Set(['PolicyLoadError', 'ManifestError']);

/** Whether an error is a problem with what the user gave (exit 2, message without a stack). */
export function isInputError(err: unknown): err is Error {
  if (err instanceof InputError) return true;
  return err instanceof Error && POLICY_INPUT_ERRORS.has(err.name);
}
