import type { Outcome } from '../../sim/index.js';
import { EXIT } from '../../sim/cli/usage-error.js';

/** The std_srvs/Trigger service `--release-on service` offers through rosbridge. */
export const RELEASE_SERVICE = '/erosion/release_protective_stop';

/** hil's exit codes: those of every command, plus a lost link and an interrupted session. */
export const HIL_EXIT = { ...EXIT, linkLost: 4, interrupted: 130 } as const;

/**
 * The exit code for a session: interrupted (130, as a shell reports Ctrl-C) whatever happened
 * before; otherwise unsafe (1) before link lost (4), since a violation is the graver finding;
 * no telemetry or a failure (2); else 0.
 */
export function hilExitCode(outcome: Outcome, unsafe: boolean): number {
  if (outcome.kind === 'interrupted') return HIL_EXIT.interrupted;
  if (unsafe) return HIL_EXIT.regression;
  if (outcome.kind === 'link-lost') return HIL_EXIT.linkLost;
  if (outcome.kind === 'errored') return HIL_EXIT.usage;
  return HIL_EXIT.pass;
}
