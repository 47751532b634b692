import type { CompareProgress } from '../run/run-compare.js';
import type { CliIo } from './cli-command.js';

function duration(sec: number): string {
  if (!Number.isFinite(sec)) return '?';
  const s = Math.round(sec);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

/**
 * Progress of a run: a redrawn bar on a terminal, a plain line every tenth of the run in a log.
 * Time left is estimated from the episodes this process ran, so a resumed run's stored part does
 * not make it look faster than it is.
 */
export function progressPrinter(io: CliIo): (p: CompareProgress) => void {
  const started = performance.now();
  let first: number | undefined;
  let lastTenth = -1;
  return (p) => {
    first ??= p.done;
    const ranHere = p.done - first;
    const elapsed = (performance.now() - started) / 1000;
    const left = ranHere === 0 ? Infinity : ((p.total - p.done) * elapsed) / ranHere;
    const text = `episodes ${p.done}/${p.total}, unsafe so far ${p.unsafe}, time left ${p.done === p.total ? '0s' : duration(left)}`;
    if (io.isTty) {
      const width = 24;
      const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\x1b[K${p.done === p.total ? '\n' : ''}`);
      return;
    }
    const tenth = p.total === 0 ? 10 : Math.floor((p.done / p.total) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      io.err(text);
    }
  };
}
