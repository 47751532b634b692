import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hilCommand, serveCommand } from '../../bridge/index.js';
import { runCli, type CliCommand } from '../../sim/cli/index.js';
import { loadPolicy } from '../../policies/index.js';
import { createRapierWorld } from '../../sim/rapier/index.js';
import { readEpisodeFile } from '../../sim/record/index.js';
import { ENGINE, sleep } from './helpers/hil-rig.js';

// `erosion serve` and `erosion hil` as a user runs them, for an arm: what is refused before
// anything connects, and a whole shadow session against the served arm.

const COMMANDS: CliCommand[] = [hilCommand({ loadPolicy, defaultPolicy: 'nav-base', engine: async () => ENGINE }), serveCommand(createRapierWorld)];
const dir = mkdtempSync(join(tmpdir(), 'erosion-bridge-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(...argv: string[]): { done: Promise<number>; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { done: runCli(argv, COMMANDS, { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false }), out, err };
}

async function cli(...argv: string[]): Promise<{ code: number; text: string }> {
  const run = start(...argv);
  const code = await run.done;
  return { code, text: [...run.out, ...run.err].join('\n') };
}

const REACH = 'manip/shared-workspace-reach';

describe('erosion serve and hil for an arm', () => {
  it('serve refuses a mobile-base profile for an arm scenario, naming both', async () => {
    const r = await cli('serve', '--scenario', REACH, '--profile', 'nav-base', '--port', '0', '--duration', '1');
    expect(r.code).toBe(2);
    expect(r.text).toMatch(/profile nav-base drives a mobile base, but manip\/shared-workspace-reach is an arm scenario/);
  });

  it('hil needs an arm policy for an arm site, and says which family each side is', async () => {
    const missing = await cli('hil', '--url', 'ws://127.0.0.1:9', '--mode', 'shadow', '--scenario', REACH);
    expect(missing.code).toBe(2);
    expect(missing.text).toMatch(/--policy is required with an arm profile/);
    const wrong = await cli('hil', '--url', 'ws://127.0.0.1:9', '--mode', 'shadow', '--scenario', REACH, '--policy', 'nav-base');
    expect(wrong.code).toBe(2);
    expect(wrong.text).toMatch(/cannot run nav-base on profile arm-forward-velocity \(arm\)/);
    const site = await cli('hil', '--url', 'ws://127.0.0.1:9', '--mode', 'shadow', '--scenario', REACH, '--profile', 'nav-base', '--policy', 'nav-base');
    expect(site.code).toBe(2);
    expect(site.text).toMatch(/site manip\/shared-workspace-reach is for an arm, profile nav-base drives a mobile base/);
  });

  it('a shadow session against the served arm writes a replay of the judged episode', async () => {
    const serve = start('serve', '--scenario', REACH, '--level', '1', '--port', '0', '--duration', '6');
    let url: string | undefined;
    while (!url) {
      url = serve.out.map((l) => /on (ws:\/\/127\.0\.0\.1:\d+)/.exec(l)?.[1]).find(Boolean);
      if (!url) await sleep(20);
    }
    expect(serve.out.join('\n')).toMatch(/publishing \/joint_states, \/people\/body_regions; accepting \/forward_velocity_controller\/commands/);
    const out = join(dir, 'hil');
    const hil = await cli(
      'hil',
      '--url',
      url,
      '--mode',
      'shadow',
      '--scenario',
      REACH,
      '--level',
      '1',
      '--policy',
      'arm-candidate',
      '--duration',
      '2',
      '--out',
      out,
    );
    expect(hil.text).not.toMatch(/no telemetry/);
    expect([0, 1]).toContain(hil.code);
    const files = readdirSync(out).filter((f) => f.endsWith('.mcap'));
    expect(files).toHaveLength(1);
    const record = await readEpisodeFile(join(out, files[0]!));
    expect(record.header.policy.id).toBe('arm-candidate');
    // How many frames fit in 2 s depends on the machine's load: every one is judged, in order.
    expect(record.steps.length).toBeGreaterThan(0);
    expect(record.steps.every((s) => s.frame.arm !== undefined && s.samples.length === record.header.monitors.length)).toBe(true);
    expect(await serve.done).toBe(0);
    expect(serve.out.join('\n')).toMatch(/stopped; 0 command\(s\) received/);
  });
});
