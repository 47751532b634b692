/** One subcommand of `erosion`, registered by name. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether stdout is a terminal (progress bars) or a log (plain lines). */
  isTty: boolean;
}
