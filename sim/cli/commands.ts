import type { CliCommand } from './cli-command.js';
import { compareCommand } from './compare-command.js';
import { historyCommand } from './history-command.js';
import { huntCommand } from './hunt-command.js';
import { mergeCommand } from './merge-command.js';
import { labCommand } from './lab-command.js';
import { listCommand } from './list-command.js';
import { manifestCommand } from './manifest-command.js';
import { runCommand } from './run-command.js';
import { trainCommand } from './train-command.js';
import { validateCommand } from './validate-command.js';

/** The simulator's commands; bin/ adds those of the bridge and the viewer. */
export const SIM_COMMANDS: CliCommand[] = [
  compareCommand,
  huntCommand,
  mergeCommand,
  historyCommand,
  runCommand,
  listCommand,
  validateCommand,
  manifestCommand,
  trainCommand,
  labCommand,
];
