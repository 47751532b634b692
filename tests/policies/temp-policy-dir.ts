// Test helper: writes a model and its manifest into a fresh temp folder.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatManifest, type PolicyManifest } from '../../policies/manifest.js';
import { NAV_ACTION_LAYOUT, NAV_OBSERVATION_LAYOUT } from '../../policies/nav-layout.js';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function navManifest(id: string, model: Uint8Array, overrides: Partial<PolicyManifest> = {}): PolicyManifest {
  return {
    schemaVersion: 1,
    id,
    model: `${id}.onnx`,
    sha256: sha256(model),
    robotFamily: 'mobile-base',
    controlHz: 20,
    input: { name: 'obs', observation: NAV_OBSERVATION_LAYOUT.map((f) => ({ ...f })) },
    output: { name: 'action', action: NAV_ACTION_LAYOUT.map((f) => ({ ...f })) },
    description: 'test model',
    provenance: 'built by a test',
    ...overrides,
  };
}

const created: string[] = [];

/** Removes every folder writePolicy made (call from afterAll). */
export function removeTempPolicies(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes <id>.onnx and <id>.manifest.json; returns the paths. */
export function writePolicy(
  id: string,
  model: Uint8Array,
  manifest: PolicyManifest = navManifest(id, model),
): { dir: string; modelPath: string; manifestPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'erosion-policy-'));
  created.push(dir);
  const modelPath = join(dir, `${id}.onnx`);
  const manifestPath = join(dir, `${id}.manifest.json`);
  writeFileSync(modelPath, model);
  writeFileSync(manifestPath, formatManifest(manifest));
  return { dir, modelPath, manifestPath };
}
