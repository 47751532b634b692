// `erosion view RUN_FOLDER|FILE.mcap [--open] [--port N]`: serves the viewer on 127.0.0.1 and
// prints the URL; runs until interrupted.

import { spawn } from 'node:child_process';
import { access, stat } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import type { CliCommand } from '../../sim/cli/cli-command.js';
import { numberOption, parseOptions } from '../../sim/cli/parse-options.js';
import { EXIT, UsageError } from '../../sim/cli/usage-error.js';
import { DIST_DIR, ensureViewerBuild } from '../server/ensure-build.js';
import { listRun, RunListingError } from '../server/run-listing.js';
import { startViewServer } from '../server/view-server.js';

const USAGE = `erosion view RUN_FOLDER|REPLAY.mcap [--open] [--port N]

  Serves the replay viewer on 127.0.0.1 (a free port unless --port is given) and prints the
  URL to open. A run folder lists its incidents from report.json; a replay file opens alone,
  with its base/candidate pair when that file sits next to it. --open starts a browser.`;

async function findBrowserOpener(): Promise<string | undefined> {
  const names = process.platform === 'darwin' ? ['open'] : ['xdg-open', 'sensible-browser'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      if (
        await access(join(dir, name)).then(
          () => true,
          () => false,
        )
      )
        return join(dir, name);
    }
  }
  return undefined;
}

/** Resolves once SIGINT or SIGTERM arrives. */
function interrupted(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The one-line message for an error the user can fix, or undefined for a bug. */
function inputProblem(error: unknown, port: number): string | undefined {
  if (error instanceof RunListingError) return error.message;
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (code === 'EADDRINUSE') return `port ${port} is already in use; choose another with --port N (or leave --port out for any free port)`;
  if (syscall === 'listen') return `cannot listen on port ${port} (${code}); choose another with --port N`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR')
    return `cannot read the run folder (${(error as Error).message})`;
  return undefined;
}

export const viewCommand: CliCommand = {
  name: 'view',
  summary: 'review replays in the 3D viewer (serves it on 127.0.0.1)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions('view', args, { open: { type: 'boolean' }, port: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('view: give one run folder or one .mcap replay');
    const target = resolve(positionals[0]!);
    const info = await stat(target).catch(() => undefined);
    if (!info) throw new UsageError(`view: ${positionals[0]} does not exist`);
    if (info.isFile() && !target.endsWith('.mcap')) throw new UsageError(`view: ${positionals[0]} is not a .mcap replay`);
    const port = numberOption('view', 'port', values.port, 0, (n) => Number.isInteger(n) && n >= 0 && n < 65536);

    // Input and port first, so a mistake is reported at once rather than after a build; the
    // URL is printed only once the build it serves exists.
    let listing;
    let server;
    try {
      listing = await listRun(target);
      for (const problem of listing.problems) io.err(`warning: ${problem}`);
      server = await startViewServer({ appDir: DIST_DIR, listing, port });
    } catch (error) {
      // Bad input and a taken port are the user's to fix: one line, exit 2, no stack.
      const message = inputProblem(error, port);
      if (message === undefined) throw error;
      io.err(`erosion view: ${message}`);
      return EXIT.usage;
    }
    try {
      await ensureViewerBuild(io.err);
      const unsafe = listing.incidents.filter((i) => i.unsafe).length;
      io.out(`${listing.incidents.length} episode(s), ${unsafe} unsafe — viewer at ${server.url}`);
      if (values.open) {
        const opener = await findBrowserOpener();
        if (opener)
          spawn(opener, [server.url], { stdio: 'ignore', detached: true })
            .on('error', () => undefined)
            .unref();
        else io.err('no browser found to open; open the URL above');
      }
      io.out('press Ctrl+C to stop');
      await interrupted();
    } finally {
      await server.close();
    }
    return 0;
  },
};
