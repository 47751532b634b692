import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNavControllerModel, NAV_BASE_PARAMS } from '../../policies/fixtures/nav-controller-model.js';
import { navManifest } from '../../policies/temp-policy-dir.js';
import { BUNDLED_SCENARIO_DIR } from '../../../scenarios/index.js';
import { main } from '../../../bin/main.js';
import { runCli, SIM_COMMANDS } from '../../../sim/cli/index.js';

const dir = mkdtempSync(join(tmpdir(), 'erosion-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, SIM_COMMANDS, { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A one-scenario suite of the user's own, with few seeds, so a compare run is quick. */
function tinySuite(): string {
  const scenario = join(dir, 'my-crossing.yaml');
  copyFileSync(join(BUNDLED_SCENARIO_DIR, 'nav', 'crossing-pedestrian.yaml'), scenario);
  writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('id: nav/crossing-pedestrian', 'id: site/my-crossing'));
  const suite = join(dir, 'my-suite.yaml');
  writeFileSync(suite, 'id: my-suite\nentries:\n  - { scenario: my-crossing.yaml, levels: [1], seeds: 3 }\n');
  return suite;
}

describe('erosion CLI', () => {
  it('an unknown command or option exits 2 and says what was wrong', async () => {
    const unknown = await cli('compair');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "compair"');
    const badOption = await cli('compare', '--seedz', '3');
    expect(badOption.code).toBe(2);
    expect(badOption.err).toContain('--seedz');
    const badValue = await cli('compare', '--max-erosion', 'lots');
    expect(badValue.code).toBe(2);
    expect(badValue.err).toContain('--max-erosion');
  });

  it('validate names the file, the field path and what is expected', async () => {
    const bad = join(dir, 'bad.yaml');
    const text = readFileSync(join(BUNDLED_SCENARIO_DIR, 'nav', 'crossing-pedestrian.yaml'), 'utf8').replace('toleranceM: 0.4', 'toleranceM: -0.4');
    writeFileSync(bad, text);
    const r = await cli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(bad);
    expect(r.err).toContain('goal.toleranceM');
    const good = await cli('validate', join(BUNDLED_SCENARIO_DIR, 'nav', 'keep-out-zone.yaml'));
    expect(good.code).toBe(0);
  });

  it('a model whose input shape disagrees with its manifest is refused with both shapes, before any episode runs', async () => {
    const modelDir = join(dir, 'wrong-shape');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(modelDir);
    // A manifest declaring the 29-value layout, beside a model exported with 28 inputs.
    const bytes = buildNavControllerModel(NAV_BASE_PARAMS, { observationSize: 28 });
    writeFileSync(join(modelDir, 'nav-base.onnx'), bytes);
    const manifest = navManifest('nav-base', bytes);
    writeFileSync(join(modelDir, 'nav-base.manifest.json'), JSON.stringify(manifest));
    const out = join(dir, 'never');
    const r = await cli('compare', '--base', join(modelDir, 'nav-base.manifest.json'), '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\[batch,28\]/);
    expect(r.err).toMatch(/29 values/);
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });

  it('compare on a user suite writes report.json and replays, and two identical runs agree but for the timestamp', async () => {
    const suite = tinySuite();
    const a = await cli('compare', '--suite', suite, '--out', join(dir, 'a'));
    const b = await cli('compare', '--suite', suite, '--out', join(dir, 'b'));
    expect([0, 1, 3]).toContain(a.code);
    expect(b.code).toBe(a.code);
    expect(a.out).toContain('site/my-crossing');
    const ra = JSON.parse(readFileSync(join(dir, 'a', 'report.json'), 'utf8'));
    const rb = JSON.parse(readFileSync(join(dir, 'b', 'report.json'), 'utf8'));
    expect(ra.schemaVersion).toBe(2);
    expect(['pass', 'regression', 'inconclusive']).toContain(ra.verdict);
    const s = ra.scenarios[0];
    expect(s.id).toBe('site/my-crossing');
    expect(s.seeds).toBe(3);
    expect(typeof s.base.unsafe.rate).toBe('number');
    expect(typeof s.erosion.diff).toBe('number');
    expect(typeof s.erosion.pValue).toBe('number');
    delete ra.createdAt;
    delete rb.createdAt;
    expect(rb).toEqual(ra);
    expect(a.code).toBe({ pass: 0, regression: 1, inconclusive: 3 }[ra.verdict as string]);
    // One replay per episode of every pair with an unsafe episode.
    const replays = ra.scenarios.flatMap((x: { replays: Array<{ path: string }> }) => x.replays);
    for (const r of replays) expect(existsSync(join(dir, 'a', r.path))).toBe(true);
    const unsafeSeeds = new Set(replays.map((r: { seed: number }) => r.seed));
    expect(replays.length).toBe(unsafeSeeds.size * 2);
  });

  it('the bin entry point lists what is bundled', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      expect(await main(['list'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const text = lines.join('');
    for (const name of ['nav/occluded-child', 'separation', 'smoke', 'nav-candidate', 'scripted/careful']) expect(text).toContain(name);
    expect(readdirSync(BUNDLED_SCENARIO_DIR)).toContain('suites');
  });
});
