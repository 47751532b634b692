// Which model files are read at all (regular files inside the manifest's folder), what the
// runtime's opset limit makes of a too-new model, and how extra outputs are declared.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatManifest } from '../../policies/manifest.js';
import { loadOnnxPolicy, loadOnnxPolicyWithNotes } from '../../policies/onnx/onnx-policy.js';
import { runtimeMaxOpset } from '../../policies/onnx/runtime-opset.js';
import { PolicyLoadError } from '../../policies/policy-load-error.js';
import { buildNavControllerModel, NAV_BASE_PARAMS } from './fixtures/nav-controller-model.js';
import { withExtraOutput, withOpset } from './fixtures/recurrent-models.js';
import { navManifest, removeTempPolicies, writePolicy } from './temp-policy-dir.js';

const root = mkdtempSync(join(tmpdir(), 'erosion-model-files-'));
afterAll(() => {
  removeTempPolicies();
  rmSync(root, { recursive: true, force: true });
});

async function problemsOf(manifestPath: string): Promise<string[]> {
  const err = await loadOnnxPolicy(manifestPath).then(
    async (p) => {
      await p.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PolicyLoadError);
  return (err as PolicyLoadError).problems;
}

/** A folder with a manifest for `id`.onnx, whose model file the test then places. */
function manifestOnly(id: string, model: Uint8Array): { dir: string; manifestPath: string; modelPath: string } {
  const dir = join(root, id);
  mkdirSync(dir);
  const manifestPath = join(dir, `${id}.manifest.json`);
  writeFileSync(manifestPath, formatManifest(navManifest(id, model)));
  return { dir, manifestPath, modelPath: join(dir, `${id}.onnx`) };
}

const model = buildNavControllerModel(NAV_BASE_PARAMS);

describe('model files', () => {
  it('refuse a FIFO as the model instead of waiting on it forever', async () => {
    const { manifestPath, modelPath } = manifestOnly('fifo', model);
    execFileSync('mkfifo', [modelPath]);
    expect(await problemsOf(manifestPath)).toEqual(['model: fifo.onnx is a FIFO (named pipe), not a regular file']);
  });

  it('refuse a link that leads out of the manifest folder, before reading or hashing what it points at', async () => {
    const outside = join(root, 'outside.onnx');
    writeFileSync(outside, model);
    const { manifestPath, modelPath } = manifestOnly('escape', model);
    symlinkSync(outside, modelPath);
    const problems = await problemsOf(manifestPath);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^model: escape\.onnx leads outside the manifest's folder \(to ".*outside\.onnx"\); a link may only point at a file inside it$/,
    );
    // A system file behind the link is not read either: no hash of it is reported.
    const sys = manifestOnly('system', model);
    symlinkSync('/etc/hostname', sys.modelPath);
    const sysProblems = await problemsOf(sys.manifestPath);
    expect(sysProblems.join('\n')).not.toMatch(/hashes to/);
    expect(sysProblems[0]).toMatch(/leads outside the manifest's folder/);
  });

  it('load through a link that stays inside the folder', async () => {
    const { dir, manifestPath, modelPath } = manifestOnly('inside', model);
    writeFileSync(join(dir, 'weights-v2.onnx'), model);
    symlinkSync('weights-v2.onnx', modelPath);
    const policy = await loadOnnxPolicy(manifestPath);
    expect(policy.info.id).toBe('inside');
    await policy.close();
  });

  it('refuse a directory named as the model', async () => {
    const { manifestPath, modelPath } = manifestOnly('folder', model);
    mkdirSync(modelPath);
    expect(await problemsOf(manifestPath)).toEqual(['model: folder.onnx is a directory, not a regular file']);
  });
});

describe('opsets', () => {
  it('name an opset newer than the runtime first, with the runtime limit', async () => {
    const max = await runtimeMaxOpset();
    expect(max).toBeGreaterThanOrEqual(21);
    const tooNew = withOpset(buildNavControllerModel(NAV_BASE_PARAMS), max + 1);
    const { manifestPath } = writePolicy('too-new', tooNew);
    const problems = await problemsOf(manifestPath);
    expect(problems[0]).toMatch(
      new RegExp(`^model: too-new\\.onnx uses ONNX opset ${max + 1}, newer than this ONNX Runtime \\(.+\\) loads \\(opsets up to ${max}\\)`),
    );
    expect(problems.join('\n')).not.toMatch(/truncated, corrupt/);
  });

  it('load a model at the runtime limit', async () => {
    const max = await runtimeMaxOpset();
    const bytes = withOpset(buildNavControllerModel(NAV_BASE_PARAMS), max);
    const policy = await loadOnnxPolicy(writePolicy('at-limit', bytes).manifestPath);
    await policy.close();
  });
});

describe('models with several outputs', () => {
  const twoHeads = withExtraOutput(buildNavControllerModel(NAV_BASE_PARAMS));

  it('refuse an output the manifest gives no role, saying how to declare it', async () => {
    const { manifestPath } = writePolicy('sb3', twoHeads);
    expect(await problemsOf(manifestPath)).toEqual([
      'model output "log_std" has no role in the manifest: the action is "action"; declare this one under output.ignored with what it is, e.g. {"name": "log_std", "as": "log standard deviation of the action distribution"}, or as a state output',
    ]);
  });

  it('run on the named action output and say what the others are ignored as', async () => {
    const manifest = navManifest('sb3-declared', twoHeads);
    manifest.output.ignored = [{ name: 'log_std', as: 'log standard deviation of the action distribution' }];
    const { manifestPath } = writePolicy('sb3-declared', twoHeads, manifest);
    const { policy, notes } = await loadOnnxPolicyWithNotes(manifestPath);
    try {
      expect(notes).toEqual(['output "log_std" is ignored (log standard deviation of the action distribution)']);
      const obs = new Float32Array(29);
      obs[18] = 5; // goal 5 m ahead: top speed 1.2 m/s, as the single-output model
      expect((await policy.act(obs))[0]).toBeCloseTo(1.2, 5);
    } finally {
      await policy.close();
    }
  });

  it('refuse an ignored output the model does not have', async () => {
    const manifest = navManifest('phantom', model);
    manifest.output.ignored = [{ name: 'value', as: 'critic value' }];
    const { manifestPath } = writePolicy('phantom', model, manifest);
    expect(await problemsOf(manifestPath)).toEqual(['output.ignored[0].name: the model has no output "value" (its outputs: "action")']);
  });
});
