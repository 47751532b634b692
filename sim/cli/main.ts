import type { CliCommand, CliIo } from './cli-command.js';
import { isInputError } from '../run/is-input-error.js';
import { UsageError, EXIT } from './usage-error.js';

function help(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "erosion — did fine-tuning erode your robot policy's safety?",
    '',
    'usage: erosion <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'erosion <command> --help shows the options of one command.',
  ].join('\n');
}

// validate and list report input errors per file with the same test.
export { isInputError };

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
    // Input problems say what and where, without a stack; anything else is a bug and keeps its stack.
    if (err instanceof UsageError) {
      io.err(`erosion ${err.message}\n\n${command.usage}`);
      return EXIT.usage;
    }
    if (isInputError(err)) {
      io.err(`erosion ${name}: ${err.message}`);
      return EXIT.usage;
    }
    throw err;
  }
}
