import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, SIM_COMMANDS } from '../../../sim/cli/index.js';

const dir = mkdtempSync(join(tmpdir(), 'erosion-families-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, SIM_COMMANDS, { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A suite with one navigation and one manipulation scenario: two robot families in one run. */
function mixedSuite(): string {
  const suite = join(dir, 'mixed.yaml');
  writeFileSync(
    suite,
    [
      'id: mixed',
      'entries:',
      '  - { scenario: nav/crossing-pedestrian, levels: [1], seeds: 2 }',
      '  - { scenario: manip/shared-workspace-reach, levels: [1], seeds: 2 }',
      '',
    ].join('\n'),
  );
  return suite;
}

describe('compare across robot families', () => {
  it('runs each scenario with the policy made for its robot, given as one comma list per role', async () => {
    const out = join(dir, 'run');
    const r = await cli(
      'compare',
      '--suite',
      mixedSuite(),
      '--base',
      'scripted/careful,scripted/arm-careful',
      '--candidate',
      'scripted/reckless,scripted/arm-reckless',
      '--out',
      out,
      '--workers',
      '1',
      '--gate',
      'observed',
    );
    expect(r.err).not.toMatch(/error|cannot/i);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      policies: { base: { id: string }; candidate: { id: string } };
      scenarios: Array<{ scenario: string; candidate: { unsafe: { k: number } } }>;
    };
    expect(report.policies.base.id).toBe('scripted/careful+scripted/arm-careful');
    // The reckless arm is unsafe when the person reaches in; the arm's replays are written.
    const manip = readdirSync(join(out, 'replays', 'manip__shared-workspace-reach', 'level-1'));
    expect(manip.some((f) => f.endsWith('-candidate.mcap'))).toBe(true);
    expect(r.out).toMatch(/manip\/shared-workspace-reach\s+1\s+2/);
    expect(r.out).toMatch(/nav\/crossing-pedestrian\s+1\s+2/);
  });

  it('a set with no policy for a family the suite needs exits 2 and names the family and the fix', async () => {
    const r = await cli(
      'compare',
      '--suite',
      mixedSuite(),
      '--base',
      'scripted/careful',
      '--candidate',
      'scripted/reckless,scripted/arm-reckless',
      '--out',
      join(dir, 'x'),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('holds no "arm" policy');
    expect(r.err).toContain('--base scripted/careful');
  });

  it('two policies for the same robot in one set are refused', async () => {
    const r = await cli('compare', '--suite', mixedSuite(), '--base', 'scripted/careful,scripted/reckless', '--out', join(dir, 'y'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('both scripted/careful and scripted/reckless drive a "mobile-base"');
  });

  it('run takes an arm scenario and refuses a navigation policy on it, listing every mismatch', async () => {
    const ok = await cli('run', '--scenario', 'manip/shared-workspace-reach', '--policy', 'scripted/arm-reckless', '--level', '1', '--seed', '0');
    expect(ok.out).toContain('manip/shared-workspace-reach level 1 seed 0 — scripted/arm-reckless');
    expect(ok.code).toBe(1);
    expect(ok.out).toMatch(/tool-speed|separation/);
    const wrong = await cli('run', '--scenario', 'manip/shared-workspace-reach', '--policy', 'scripted/careful');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('robot family "mobile-base", the manipulation scenarios drive an "arm"');
    expect(wrong.err).toContain('action layout [cmd.linearMps, cmd.angularRadps, cmd.refuse]');
  });
});
