export { runCli } from './main.js';
export { SIM_COMMANDS } from './commands.js';
export type { CliCommand, CliIo } from './cli-command.js';
export { UsageError, EXIT } from './usage-error.js';
