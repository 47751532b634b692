import { runCli, SIM_COMMANDS, type CliCommand } from '../sim/cli/index.js';

// The composition root: every folder's commands meet here, so sim/ never imports bridge/ or viewer/.
const COMMANDS: CliCommand[] = [...SIM_COMMANDS];

export async function main(argv: string[]): Promise<number> {
  return runCli(argv, COMMANDS, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    isTty: Boolean(process.stderr.isTTY),
  });
}
