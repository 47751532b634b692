// The commands a team uses to bring its own model: manifest, list fields, validate, list --dir,
// and compare's policy checks.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatManifest, parseManifest } from '../../../policies/manifest.js';
import { BUNDLED_POLICY_DIR } from '../../../policies/policy-catalog.js';
import { runCli, SIM_COMMANDS } from '../../../sim/cli/index.js';
import { buildNavControllerModel, NAV_BASE_PARAMS } from '../../policies/fixtures/nav-controller-model.js';
import { buildGruModel, gruWeights, withExtraOutput } from '../../policies/fixtures/recurrent-models.js';
import { navManifest } from '../../policies/temp-policy-dir.js';

const root = mkdtempSync(join(tmpdir(), 'erosion-byo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, SIM_COMMANDS, { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let n = 0;
function modelFile(bytes: Uint8Array, name = 'mine'): string {
  const dir = join(root, `m${n++}`);
  mkdirSync(dir);
  const path = join(dir, `${name}.onnx`);
  writeFileSync(path, bytes);
  return path;
}

describe('erosion manifest', () => {
  it('drafts a manifest that validates for a model with the full layout, a meaning per field', async () => {
    const path = modelFile(buildNavControllerModel(NAV_BASE_PARAMS));
    const r = await cli('manifest', path, '--family', 'mobile-base');
    expect(r.code).toBe(0);
    const manifestPath = path.replace(/\.onnx$/, '.manifest.json');
    const m = parseManifest(readFileSync(manifestPath, 'utf8'), manifestPath);
    expect(m.input.observation.map((f) => f.name)).toContain('zone.speedLimitMps');
    expect(m.input.observation.every((f) => (f.meaning ?? '').length > 0)).toBe(true);
    expect(m.output.action.map((a) => a.name)).toEqual(['cmd.linearMps', 'cmd.angularRadps', 'cmd.refuse']);
    expect((await cli('validate', manifestPath)).code).toBe(0);
    // It does not overwrite without --force.
    const again = await cli('manifest', path, '--family', 'mobile-base');
    expect(again.code).toBe(2);
    expect(again.err).toContain('pass --force');
  });

  it('names an SB3-style log_std output as ignored and picks the action head', async () => {
    const path = modelFile(withExtraOutput(buildNavControllerModel(NAV_BASE_PARAMS)));
    const r = await cli('manifest', path, '--family', 'mobile-base');
    expect(r.code).toBe(0);
    expect(r.out).toContain('output "log_std" is ignored as: log standard deviation of the action distribution');
    const v = await cli('validate', path.replace(/\.onnx$/, '.manifest.json'));
    expect(v.code).toBe(0);
    expect(v.out).toContain('output "log_std" is ignored (log standard deviation of the action distribution');
  });

  it('pairs a hidden-state input with its output for a recurrent model', async () => {
    const path = modelFile(buildGruModel(gruWeights(4)));
    const r = await cli('manifest', path, '--family', 'mobile-base');
    expect(r.code).toBe(0);
    const m = parseManifest(readFileSync(path.replace(/\.onnx$/, '.manifest.json'), 'utf8'), 'mine.manifest.json');
    expect(m.state).toEqual([{ input: 'h_in', output: 'h_out', shape: [1, 1, 4] }]);
    expect((await cli('validate', path)).out).toContain('recurrent)');
  });

  it('refuses what cannot work with the reason: an action width no robot of the family takes', async () => {
    const path = modelFile(buildNavControllerModel(NAV_BASE_PARAMS));
    const r = await cli('manifest', path, '--family', 'arm');
    expect(r.code).toBe(2);
    expect(r.err).toContain('output "action" has 3 values; an arm is driven by 7 or 8');
  });

  it('writes a layout to trim when the model reads fewer values, and says so', async () => {
    const path = modelFile(buildNavControllerModel(NAV_BASE_PARAMS, { observationSize: 25 }));
    const r = await cli('manifest', path, '--family', 'mobile-base');
    expect(r.code).toBe(0);
    expect(r.out).toContain('NOT YET VALID: the model reads 25 values, the drafted layout lists 29');
    expect((await cli('validate', path)).code).toBe(2);
  });

  it('refuses a FIFO as the model', async () => {
    const dir = join(root, 'fifo');
    mkdirSync(dir);
    execFileSync('mkfifo', [join(dir, 'pipe.onnx')]);
    const r = await cli('manifest', join(dir, 'pipe.onnx'), '--family', 'mobile-base');
    expect(r.code).toBe(2);
    expect(r.err).toContain('is a FIFO (named pipe), not a regular file');
  });
});

describe('erosion list fields', () => {
  it('lists every field of a family with order, size, units, frame and the scan convention', async () => {
    const r = await cli('list', 'fields', '--family', 'mobile-base');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ 1\. scan\.rangesM\s+size N \(default 16\)\s+m\s+frame robot/);
    expect(r.out).toContain('sector 0 starts straight behind and sweeps counter-clockwise');
    expect(r.out).toMatch(/14\. goal\.inKeepOut/);
    expect(r.out).toMatch(/3\. cmd\.refuse\s+1\s+optional/);
    expect(r.out).toContain('normalisation (optional)');
    expect(r.out).not.toContain('tool.positionM');
  });
});

describe('erosion validate on several files', () => {
  it('checks every file, names each problem, and exits 2 when any is bad', async () => {
    const dir = join(root, 'several');
    mkdirSync(dir);
    const bytes = buildNavControllerModel(NAV_BASE_PARAMS);
    writeFileSync(join(dir, 'good.onnx'), bytes);
    writeFileSync(join(dir, 'good.manifest.json'), formatManifest(navManifest('good', bytes)));
    const bad = navManifest('bad', bytes);
    bad.input.observation[3] = { name: 'odom.speedMps', size: 1, units: 'm/s' };
    bad.input.observation[4] = { name: 'tool.positionM', size: 1, units: 'm' };
    writeFileSync(join(dir, 'bad.onnx'), bytes);
    writeFileSync(join(dir, 'bad.manifest.json'), formatManifest(bad));
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const r = await cli('validate', join(dir, 'bad.manifest.json'), join(dir, 'pipe.yaml'), join(dir, 'good.manifest.json'));
    expect(r.code).toBe(2);
    expect(r.out).toContain('valid policy "good"');
    expect(r.err).toContain('pipe.yaml: file is a FIFO (named pipe), not a regular file');
    expect(r.err).toContain('observation[3] "odom.speedMps": unknown field');
    expect(r.err).toContain('observation[4] "tool.positionM": an arm field, but the navigation scenarios drive a "mobile-base"');
    // The family's valid fields once, with sizes and units, and none of the arm's.
    expect(r.err.match(/valid mobile-base observation fields/g)).toHaveLength(1);
    expect(r.err).toContain('scan.rangesM [N] m, odom.linearMps [1] m/s');
    expect(r.err).not.toMatch(/valid mobile-base observation fields.*tool\.positionM \[/);
    expect(r.out).toContain('1 of 3 files valid');
  });
});

describe('erosion list policies --dir', () => {
  it('marks manifests whose model cannot load', async () => {
    const dir = join(root, 'listed');
    mkdirSync(dir);
    const bytes = buildNavControllerModel(NAV_BASE_PARAMS);
    writeFileSync(join(dir, 'fine.onnx'), bytes);
    writeFileSync(join(dir, 'fine.manifest.json'), formatManifest({ ...navManifest('fine', bytes), description: 'works' }));
    writeFileSync(join(dir, 'stale.onnx'), bytes);
    writeFileSync(join(dir, 'stale.manifest.json'), formatManifest({ ...navManifest('stale', bytes), sha256: 'e'.repeat(64) }));
    writeFileSync(join(dir, 'orphan.manifest.json'), formatManifest(navManifest('orphan', bytes)));
    const r = await cli('list', 'policies', '--dir', dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/fine\s+mobile-base\s+works/);
    expect(r.out).toMatch(/stale\s+mobile-base\s+BROKEN: cannot load: sha256: stale\.onnx hashes to/);
    expect(r.out).toMatch(/orphan\s+mobile-base\s+BROKEN: cannot load: model: file orphan\.onnx not found/);
  });
});

describe('compare policy checks', () => {
  it('reports the missing family of both sides at once and suggests the single-family suite', async () => {
    const dir = join(root, 'nav-only');
    mkdirSync(dir);
    for (const f of ['nav-base.onnx', 'nav-base.manifest.json']) copyFileSync(join(BUNDLED_POLICY_DIR, f), join(dir, f.replace('nav-base', 'my-nav')));
    const m = JSON.parse(readFileSync(join(dir, 'my-nav.manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'my-nav.manifest.json'), `${JSON.stringify({ ...m, id: 'my-nav', model: 'my-nav.onnx' }, null, 2)}\n`);
    const r = await cli(
      'compare',
      '--suite',
      'smoke',
      '--base',
      'scripted/careful',
      '--candidate',
      join(dir, 'my-nav.manifest.json'),
      '--out',
      join(root, 'never'),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('the policies cannot run suite smoke');
    expect(r.err).toContain('--base scripted/careful holds no "arm" policy');
    expect(r.err).toMatch(/--candidate \S+my-nav\.manifest\.json holds no "arm" policy/);
    expect(r.err).toContain('to compare your mobile-base policies alone, run a suite of those scenarios only: --suite nav');
  });

  it('refuses a control rate the suite physics cannot step, before any episode runs', async () => {
    const dir = join(root, 'rate');
    mkdirSync(dir);
    const bytes = buildNavControllerModel(NAV_BASE_PARAMS);
    writeFileSync(join(dir, 'fast.onnx'), bytes);
    writeFileSync(join(dir, 'fast.manifest.json'), formatManifest(navManifest('fast', bytes, { controlHz: 50 })));
    const r = await cli(
      'compare',
      '--suite',
      'nav',
      '--base',
      'scripted/careful',
      '--candidate',
      join(dir, 'fast.manifest.json'),
      '--out',
      join(root, 'never2'),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('fast runs at 50 Hz, but nav/crossing-pedestrian steps its physics at 240 Hz, not a whole multiple of 50');
  });
});
