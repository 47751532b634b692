import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, SIM_COMMANDS } from '../../../sim/cli/index.js';
import { buildNavControllerModel, NAV_BASE_PARAMS } from '../../policies/fixtures/nav-controller-model.js';
import { navManifest } from '../../policies/temp-policy-dir.js';
import { formatManifest } from '../../../policies/manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'erosion-list-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, SIM_COMMANDS, { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('erosion list policies', () => {
  it('shows each bundled and scripted policy with its robot family', async () => {
    const r = await cli('list', 'policies');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/nav-base\s+mobile-base\s+/);
    expect(r.out).toMatch(/scripted\/arm-careful\s+arm\s+/);
  });

  it("lists a folder of the user's models, and names a broken manifest without stopping", async () => {
    const model = buildNavControllerModel(NAV_BASE_PARAMS);
    writeFileSync(join(dir, 'site-a.onnx'), model);
    writeFileSync(join(dir, 'site-a.manifest.json'), formatManifest({ ...navManifest('site-a', model), description: 'fine-tuned for site A' }));
    writeFileSync(join(dir, 'broken.manifest.json'), '{ not json');
    const r = await cli('list', 'policies', '--dir', dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/site-a\s+mobile-base\s+fine-tuned for site A/);
    expect(r.out).toMatch(/broken\s+\?\s+BROKEN: cannot be read: .*not valid JSON/);
    expect(r.out).not.toContain('scenarios:');
    const missing = await cli('list', '--dir', join(dir, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('folder not found');
  });
});
