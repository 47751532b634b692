import { hilCommand, serveCommand } from '../bridge/index.js';
import { runCli, SIM_COMMANDS, type CliCommand } from '../sim/cli/index.js';
import { engineVersions } from '../sim/episode/engine-versions.js';
import { loadPolicy } from '../policies/index.js';
import { createRapierWorld } from '../sim/rapier/index.js';
import { viewCommand } from '../viewer/index.js';

// The composition root: every folder's commands meet here, so sim/ never imports bridge/ or viewer/.
const COMMANDS: CliCommand[] = [
  ...SIM_COMMANDS,
  hilCommand({
    loadPolicy,
    defaultPolicy: 'nav-base',
    // A live episode has no physics engine: the robot is the physics.
    engine: async () => ({ ...(await engineVersions()), rapier: 'none (real robot over rosbridge)' }),
  }),
  serveCommand(createRapierWorld),
  viewCommand,
];

export async function main(argv: string[]): Promise<number> {
  return runCli(argv, COMMANDS, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    isTty: Boolean(process.stderr.isTTY),
  });
}
