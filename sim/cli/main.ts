import type { CliCommand, CliIo } from './cli-command.js';
import { UsageError, EXIT } from './usage-error.js';

function help(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'erosion — did fine-tuning erode your robot policy\'s safety?',
    '',
    'usage: erosion <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'erosion <command> --help shows the options of one command.',
  ].join('\n');
}

const INPUT_ERRORS = ['ScenarioError', 'PolicyLoadError', 'ManifestError', 'PolicyMismatchError', 'ReplayError', 'BudgetError', 'RunStoreError', 'InfrastructureError'];

/** Whether an error is a problem with the user's input (exit 2, message only) rather than a bug. */
export function isInputError(err: unknown): err is Error {
  const e = err as Error;
  if (!e) return false;
  return INPUT_ERRORS.includes(e.name) || /^unknown (scenario|suite|policy|monitor|robot)/.test(e.message ?? '');
}

/**
 * Dispatches to a command by name. Usage and input errors exit 2 with a message that says
 * what was wrong; the stack is for bugs only.
 */
export async function runCli(argv: string[], commands: CliCommand[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(commands));
    return name ? EXIT.pass : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`erosion: unknown command "${name}"; known: ${commands.map((c) => c.name).join(', ')}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return EXIT.pass;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    const e = err as Error;
    // Named errors are input problems: say what and where, no stack.
    if (err instanceof UsageError) {
      io.err(`erosion ${e.message}\n\n${command.usage}`);
      return EXIT.usage;
    }
    if (isInputError(err)) {
      io.err(`erosion ${name}: ${e.message}`);
      return EXIT.usage;
    }
    throw err;
  }
}
