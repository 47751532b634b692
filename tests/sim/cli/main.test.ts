import { describe, expect, it } from 'vitest';
import { findAnyScenario, InputError } from '../../../scenarios/index.js';
import type { CliCommand } from '../../../sim/cli/cli-command.js';
import { runCli } from '../../../sim/cli/main.js';
import { UsageError } from '../../../sim/cli/usage-error.js';
import { BudgetError } from '../../../sim/report/budget.js';
import { PolicyLoadError } from '../../../policies/policy-load-error.js';

// How the command line classifies an error is decided by the error's type, set where it is
// thrown, never by its message text.

function throwing(make: () => unknown): CliCommand {
  return { name: 'try', summary: 'throws', usage: 'usage: erosion try', run: async () => Promise.reject(make()) };
}

async function exitOf(make: () => unknown): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await runCli(['try'], [throwing(make)], { out: () => {}, err: (l) => err.push(l), isTty: false });
  return { code, err: err.join('\n') };
}

describe('runCli error classes', () => {
  it('an input error thrown where the input is read exits 2 with its message and no stack', async () => {
    const r = await exitOf(() => {
      findAnyScenario('nav/no-such-scenario');
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^erosion try: unknown scenario "nav\/no-such-scenario"; known: /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('every input error class exits 2, and a usage error also prints the usage', async () => {
    expect((await exitOf(() => new BudgetError('budget.yaml: invalid'))).code).toBe(2);
    expect((await exitOf(() => new PolicyLoadError('nav-bse', ['unknown policy']))).code).toBe(2);
    const usage = await exitOf(() => new UsageError('try: --seeds must be a number'));
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('usage: erosion try');
  });

  it('a plain error is a bug even when its text reads like an input problem: it is thrown on, not turned into exit 2', async () => {
    await expect(exitOf(() => new Error('unknown scenario "x"'))).rejects.toThrow('unknown scenario "x"');
  });

  it('the input errors share one base class', () => {
    expect(new BudgetError('x')).toBeInstanceOf(InputError);
    expect(new UsageError('x')).toBeInstanceOf(InputError);
  });
});
