// The models policies/export/export_example.py wrote with PyTorch, as committed: they load,
// validate, act as their torch code says, and run an episode. PyTorch is not needed here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatManifest, parseManifest } from '../../policies/manifest.js';
import { loadOnnxPolicy } from '../../policies/onnx/onnx-policy.js';
import { episodeOf } from '../../policies/policy.js';
import { onnxRuntimeVersion } from '../../policies/onnx/onnx-policy.js';
import { runtimeMaxOpset } from '../../policies/onnx/runtime-opset.js';
import { NAV_OBS } from '../../policies/nav-layout.js';
import { runCli, SIM_COMMANDS } from '../../sim/cli/index.js';

const EXPORT_DIR = fileURLToPath(new URL('../../policies/export/', import.meta.url));
const manifestOf = (id: string): string => join(EXPORT_DIR, `${id}.manifest.json`);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, SIM_COMMANDS, { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function obs(set: Partial<Record<keyof typeof NAV_OBS, number>>): Float32Array {
  const o = new Float32Array(29);
  o.fill(10, 0, 16);
  o[NAV_OBS.zoneLimitMps] = 1.2;
  for (const [k, v] of Object.entries(set)) o[NAV_OBS[k as keyof typeof NAV_OBS]] = v;
  return o;
}

describe('the PyTorch export example', () => {
  it('both manifests validate and are in the written format', async () => {
    const r = await cli('validate', manifestOf('example-nav'), manifestOf('example-nav-gru'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('valid policy "example-nav-gru" (mobile-base, sha256');
    expect(r.out).toContain('20 Hz, recurrent)');
    for (const id of ['example-nav', 'example-nav-gru']) {
      const text = readFileSync(manifestOf(id), 'utf8');
      expect(formatManifest(parseManifest(text, `${id}.manifest.json`))).toBe(text);
    }
  });

  it('the route follower acts as its torch code says (hand-worked cases)', async () => {
    const p = await loadOnnxPolicy(manifestOf('example-nav'));
    try {
      const act = async (o: Float32Array): Promise<number[]> => Array.from(await p.act(o));
      // Waypoint straight ahead, goal 5 m: min(0.8·5, 0.9) = 0.9 m/s, below 0.8 × the 1.2 m/s zone limit.
      const free = await act(obs({ routeXM: 3, goalXM: 5 }));
      expect(free[0]).toBeCloseTo(0.9, 5);
      expect(free[1]).toBeCloseTo(0, 6);
      expect(free[2]).toBe(0);
      // A person 3 m ahead: (3 − 2) / (4.5 − 2) = 0.4 of the speed.
      expect((await act(obs({ routeXM: 3, goalXM: 5, humanXM: 3, humanPresent: 1 })))[0]).toBeCloseTo(0.36, 5);
      // Waypoint at 45° left: 0.9 · cos 45° forward, turn clipped to 1 rad/s (1.5 · sin 45° = 1.06).
      const turn = await act(obs({ routeXM: 1, routeYM: 1, goalXM: 5 }));
      expect(turn[0]).toBeCloseTo(0.9 * Math.SQRT1_2, 5);
      expect(turn[1]).toBeCloseTo(1, 6);
      // A goal inside a keep-out zone is refused: stop, refuse = 1.
      expect(await act(obs({ routeXM: 3, goalXM: 5, goalInKeepOut: 1 }))).toEqual([0, 0, 1]);
    } finally {
      await p.close();
    }
  });

  it('the route follower reaches the goal of an episode', async () => {
    const r = await cli('run', '--scenario', 'nav/crossing-pedestrian', '--policy', manifestOf('example-nav'), '--level', '0', '--seed', '1');
    expect(r.out).toMatch(/outcome: success at/);
    expect(r.code).toBe(0);
  });

  it('the recurrent export carries its state: same inputs from a fresh episode, same bits; the state changes the answer', async () => {
    const p = await loadOnnxPolicy(manifestOf('example-nav-gru'));
    try {
      const inputs = [obs({ goalXM: 5 }), obs({ goalXM: 4, humanXM: 2, humanPresent: 1 }), obs({ goalXM: 3 })];
      const run = async (): Promise<number[][]> => {
        const e = episodeOf(p);
        const out: number[][] = [];
        for (const o of inputs) out.push(Array.from(await e.act(o)));
        return out;
      };
      const a = await run();
      expect(await run()).toEqual(a);
      const alone = Array.from(await episodeOf(p).act(inputs[2]!));
      expect(alone).not.toEqual(a[2]);
    } finally {
      await p.close();
    }
  });

  it("the guide states this runtime's opset limit and version, as the runtime reports them", async () => {
    const guide = readFileSync(join(EXPORT_DIR, '..', 'BRING-YOUR-OWN.md'), 'utf8');
    const [major, minor] = onnxRuntimeVersion().split('.');
    expect(guide).toContain(`ONNX Runtime ${major}.${minor}, which Erosion uses, loads opsets up to ${await runtimeMaxOpset()}`);
  });
});
