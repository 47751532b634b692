import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli, SIM_COMMANDS } from '../../../sim/cli/index.js';

/** Two hazards, two seeds each: the reckless candidate is unsafe in some pairs, so replays get written. */
export function tinySuite(dir: string): string {
  const suite = join(dir, 'tiny-suite.yaml');
  writeFileSync(
    suite,
    'id: tiny\nentries:\n  - { scenario: nav/crossing-pedestrian, levels: [1], seeds: 2 }\n  - { scenario: nav/sudden-stop-ahead, levels: [1], seeds: 2 }\n',
  );
  return suite;
}

/**
 * Careful against reckless, judged by the observed rule: these tests are about how a run is
 * executed (workers, resume, shards), and two seeds are too few for the statistical gate to decide.
 */
export const POLICIES = ['--base', 'scripted/careful', '--candidate', 'scripted/reckless', '--gate', 'observed'];

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, SIM_COMMANDS, { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** report.json without the one field that differs between identical runs. */
export function reportOf(dir: string): Record<string, unknown> {
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
  delete report.createdAt;
  return report;
}

/** Every replay file under a run folder, by relative path, with its bytes as hex. */
export function replayFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full).toString('hex');
    }
  };
  walk(join(dir, 'replays'));
  return out;
}
