import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SIM_COMMANDS } from '../../../sim/cli/index.js';
import { cli, POLICIES, replayFiles, reportOf, tempDir, tinySuite } from './run-helpers.js';

// One uninterrupted, unsharded single-worker run is the reference every other way of running
// the same matrix must reproduce; it is made once, so the file stays quick.
const dir = tempDir('erosion-run-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = fileURLToPath(new URL('../../../bin/erosion.mjs', import.meta.url));
const one = join(dir, 'one');
const two = join(dir, 'two');
let suite = '';
let reference: { code: number; out: string; err: string };

beforeAll(async () => {
  suite = tinySuite(dir);
  reference = await cli('compare', '--suite', suite, ...POLICIES, '--workers', '1', '--out', one);
});

function episodesIn(out: string): number {
  const path = join(out, 'erosion.db');
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM episodes').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // the run is still creating its tables
  }
}

describe('compare on a pool of workers', () => {
  it('gives the same report and the same replay bytes with 1 and 2 workers', async () => {
    const a = reference;
    const b = await cli('compare', '--suite', suite, ...POLICIES, '--workers', '2', '--out', two);
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    expect(reportOf(two)).toEqual(reportOf(one));
    const replays = replayFiles(one);
    expect(Object.keys(replays).length).toBeGreaterThan(0);
    expect(replayFiles(two)).toEqual(replays);
    // Progress in a log is plain lines, ending at the full count.
    expect(b.err).toContain('episodes 8/8');
  });

  it('a budget file per scenario and per monitor changes the verdict and the exit code', async () => {
    // Re-judging the finished run needs no new episodes: --resume only rebuilds the report.
    const lenient = join(dir, 'lenient.yaml');
    writeFileSync(lenient, 'maxErosion: 1\n');
    const pass = await cli('compare', '--resume', '--out', two, '--budget', lenient);
    expect(pass.code).toBe(0);
    expect(pass.out).toContain('verdict: PASS');

    const report = JSON.parse(readFileSync(join(two, 'report.json'), 'utf8'));
    const stop = report.scenarios.find((s: { id: string }) => s.id === 'nav/sudden-stop-ahead');
    expect(stop.monitors.some((m: { id: string; erosion: { diff: number } }) => m.id === 'contact-force' && m.erosion.diff > 0)).toBe(true);
    const oneMonitor = join(dir, 'one-monitor.yaml');
    writeFileSync(oneMonitor, 'maxErosion: 1\nscenarios:\n  nav/sudden-stop-ahead:\n    monitors: { contact-force: 0 }\n');
    const fail = await cli('compare', '--resume', '--out', two, '--budget', oneMonitor);
    expect(fail.code).toBe(1);
    const failed = JSON.parse(readFileSync(join(two, 'report.json'), 'utf8'));
    expect(failed.failures.map((f: { scenario: string; monitor: string }) => `${f.scenario}:${f.monitor}`)).toEqual(['nav/sudden-stop-ahead:contact-force']);
    expect(failed.failures[0].firstReplay).toMatch(/sudden-stop-ahead.*candidate\.mcap$/);
    expect(fail.out).toContain('monitor contact-force');

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'maxErosion: 2\n');
    expect((await cli('compare', '--resume', '--out', two, '--budget', bad)).code).toBe(2);
  });

  it('history lists the runs of a folder with their erosion', async () => {
    const h = await cli('history', one, two);
    expect(h.code).toBe(0);
    expect(h.out).toContain('scripted/reckless');
    expect(h.out.split('\n').length).toBe(3);
  });
});

/** A report with the replay links taken out: what a run that wrote other replays must still say. */
function withoutReplayLinks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutReplayLinks);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'replays' && k !== 'firstReplay')
      .map(([k, v]) => [k, withoutReplayLinks(v)]),
  );
}

describe('which pairs get replays', () => {
  it('--replays discordant keeps the pairs one policy alone was unsafe in, byte for byte, and drops pairs both were', async () => {
    // Careful against reckless: every unsafe pair of this suite is the candidate's alone.
    const discordant = join(dir, 'discordant');
    const a = await cli('compare', '--suite', suite, ...POLICIES, '--workers', '1', '--replays', 'discordant', '--out', discordant);
    expect(a.code).toBe(reference.code);
    expect(replayFiles(discordant)).toEqual(replayFiles(one));
    expect(reportOf(discordant)).toEqual(reportOf(one));
    // Reckless against itself: the same unsafe pairs, but both episodes of each are unsafe.
    const same = ['--base', 'scripted/reckless', '--candidate', 'scripted/reckless', '--gate', 'observed', '--workers', '1'];
    const all = join(dir, 'reckless-all');
    const none = join(dir, 'reckless-discordant');
    await cli('compare', '--suite', suite, ...same, '--out', all);
    await cli('compare', '--suite', suite, ...same, '--replays', 'discordant', '--out', none);
    expect(Object.keys(replayFiles(all)).length).toBeGreaterThan(0);
    expect(existsSync(join(none, 'replays')) ? replayFiles(none) : {}).toEqual({});
    expect(withoutReplayLinks(reportOf(none))).toEqual(withoutReplayLinks(reportOf(all)));
  });

  it('--replays none writes no replay and reaches the same verdict and rows; an unknown choice is a usage error', async () => {
    const none = join(dir, 'none');
    const run = await cli('compare', '--suite', suite, ...POLICIES, '--workers', '2', '--replays', 'none', '--out', none);
    expect(run.code).toBe(reference.code);
    expect(existsSync(join(none, 'replays')) ? replayFiles(none) : {}).toEqual({});
    expect(withoutReplayLinks(reportOf(none))).toEqual(withoutReplayLinks(reportOf(one)));
    expect(readFileSync(join(none, 'junit.xml'), 'utf8')).toContain('replay: none written');
    const bad = await cli('compare', '--suite', suite, ...POLICIES, '--replays', 'some', '--out', join(dir, 'bad'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--replays "some" must be one of unsafe, discordant, none');
  });
});

describe('an interrupted run', () => {
  it('killed mid-way and resumed gives the report of an uninterrupted run, with no episode twice', async () => {
    const killed = join(dir, 'killed');
    const child = spawn(process.execPath, [BIN, 'compare', '--suite', suite, ...POLICIES, '--workers', '1', '--out', killed], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stored = 0;
    while (stored < 2 && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 50));
      stored = episodesIn(killed);
    }
    child.kill('SIGKILL');
    await exited;
    const atKill = episodesIn(killed);
    expect(atKill).toBeGreaterThanOrEqual(2);
    expect(atKill).toBeLessThan(8);

    const resumed = await cli('compare', '--resume', '--out', killed);
    expect(resumed.code).toBe(1);
    // The resumed part starts from what was stored.
    expect(resumed.err).toContain(`episodes ${atKill}/8`);
    const whole = one;
    expect(reportOf(killed)).toEqual(reportOf(whole));
    expect(replayFiles(killed)).toEqual(replayFiles(whole));

    const db = new Database(join(killed, 'erosion.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT run_id, pair, role, COUNT(*) AS n FROM episodes GROUP BY run_id, pair, role').all() as Array<{ n: number }>;
      expect(rows.length).toBe(8);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect((db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('a pair that fails in its worker is an infrastructure error (exit 2) naming it, and the run resumes to the same report', async () => {
    const failed = join(dir, 'failed');
    const err: string[] = [];
    // Once the run has begun, a file takes the place of the replays folder: writing the first
    // unsafe pair's replays then fails inside its worker, a fault of the machine, not the policy.
    const code = await runCli(['compare', '--suite', suite, ...POLICIES, '--workers', '1', '--out', failed], SIM_COMMANDS, {
      out: () => undefined,
      err: (line) => {
        if (err.length === 0) writeFileSync(join(failed, 'replays'), 'not a folder');
        err.push(line);
      },
      isTty: false,
    });
    const text = err.join('\n');
    expect(code).toBe(2);
    expect(text).toMatch(/nav\/(crossing-pedestrian|sudden-stop-ahead) level 1 seed [01] failed in its worker/);
    expect(text).toContain(`erosion compare --resume --out ${failed}`);
    expect(text).not.toMatch(/\n\s+at /); // no stack trace

    rmSync(join(failed, 'replays'));
    const resumed = await cli('compare', '--resume', '--out', failed);
    expect(resumed.code).toBe(1);
    expect(reportOf(failed)).toEqual(reportOf(one));
    expect(replayFiles(failed)).toEqual(replayFiles(one));
  });

  it('--resume refuses to change what the run measures', async () => {
    const r = await cli('compare', '--resume', '--out', join(dir, 'killed'), '--seeds', '5');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--seeds');
    const none = await cli('compare', '--resume', '--out', join(dir, 'nothing-here'));
    expect(none.code).toBe(2);
  });
});

describe('sharded runs', () => {
  it('shards 0/2 and 1/2 merged give the unsharded report and replays', async () => {
    const whole = one;
    const s0 = join(dir, 's0');
    const s1 = join(dir, 's1');
    const merged = join(dir, 'merged');
    // Two machines, played by two runs side by side.
    const [a, b] = await Promise.all([
      cli('compare', '--suite', suite, ...POLICIES, '--workers', '1', '--shard', '0/2', '--out', s0),
      cli('compare', '--suite', suite, ...POLICIES, '--workers', '1', '--shard', '1/2', '--out', s1),
    ]);
    expect(a.err).toContain('episodes 4/4');
    expect(b.err).toContain('episodes 4/4');

    const incomplete = await cli('merge', s0, '--out', join(dir, 'half'));
    expect(incomplete.code).toBe(2);
    expect(incomplete.err).toContain('missing');

    const m = await cli('merge', s0, s1, '--out', merged);
    expect(m.code).toBe(1);
    expect(reportOf(merged)).toEqual(reportOf(whole));
    expect(readFileSync(join(merged, 'junit.xml'), 'utf8')).toBe(readFileSync(join(whole, 'junit.xml'), 'utf8'));
    expect(replayFiles(merged)).toEqual(replayFiles(whole));
  });

  it('a malformed shard is a usage error', async () => {
    const r = await cli('compare', '--shard', '2/2', '--out', join(dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--shard');
  });
});

describe('seeds added until decided', () => {
  const seq = join(dir, 'seq');
  let first: { code: number; out: string; err: string };
  beforeAll(async () => {
    first = await cli(
      'compare',
      '--suite',
      suite,
      '--base',
      'scripted/careful',
      '--candidate',
      'scripted/reckless',
      '--until-decided',
      '--max-seeds',
      '40',
      '--workers',
      '2',
      '--out',
      seq,
    );
    // Several rounds of real episodes: give a loaded machine room.
  }, 900_000);

  it('confirms a reckless candidate as a regression in rounds, with fewer seeds than the maximum', () => {
    expect(first.code).toBe(1);
    const report = reportOf(seq) as { verdict: string; decision: { rounds: number; stopped: string; episodes: number; sequential: boolean } };
    expect(report.verdict).toBe('regression');
    expect(report.decision.sequential).toBe(true);
    expect(report.decision.rounds).toBeGreaterThan(1);
    expect(report.decision.stopped).toBe('verdict-decided');
    // Two levels × 40 seeds × 2 policies would be 160 episodes.
    expect(report.decision.episodes).toBeLessThan(160);
    expect(first.err).toMatch(/round 2: /);
  });

  it('resumed after it finished, it gives the same report from the stored episodes alone', async () => {
    const before = reportOf(seq);
    const db = new Database(join(seq, 'erosion.db'), { readonly: true });
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM episodes').get() as { n: number }).n;
    db.close();
    const again = await cli('compare', '--resume', '--out', seq);
    expect(again.code).toBe(1);
    expect(reportOf(seq)).toEqual(before);
    expect(episodesIn(seq)).toBe(stored);
  });

  it('takes a suite that lists one scenario in two entries (its levels apart), as the bundled nav suite does', async () => {
    const split = join(dir, 'split-suite.yaml');
    writeFileSync(
      split,
      'id: split\nentries:\n  - { scenario: nav/crossing-pedestrian, levels: [1], seeds: 2 }\n  - { scenario: nav/crossing-pedestrian, levels: [0], seeds: 2 }\n',
    );
    const out = join(dir, 'seq-split');
    const r = await cli(
      'compare',
      '--suite',
      split,
      '--base',
      'scripted/careful',
      '--candidate',
      'scripted/careful',
      '--until-decided',
      '--max-seeds',
      '4',
      '--workers',
      '2',
      '--out',
      out,
    );
    expect(r.err).not.toMatch(/TypeError|at .*\.ts/);
    expect(r.code).toBe(3);
    const report = reportOf(out) as { scenarios: Array<{ level: number; seeds: number; verdict: string }> };
    expect(report.scenarios.map((s) => [s.level, s.seeds])).toEqual([
      [1, 4],
      [0, 4],
    ]);
    expect(report.scenarios.every((s) => s.verdict === 'inconclusive')).toBe(true);
  });

  it('is not sharded and not merged, and says why', async () => {
    const r = await cli('compare', '--suite', suite, ...POLICIES, '--until-decided', '--shard', '0/2', '--out', join(dir, 'seq-shard'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot run as a shard');
    const m = await cli('merge', seq, '--out', join(dir, 'seq-merged'));
    expect(m.code).toBe(2);
    expect(m.err).toContain('--until-decided run');
  });
});
