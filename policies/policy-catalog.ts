// Names a user can pass for a policy: a bundled example id, or a path to a model or its manifest.

import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findManifestForModel, MANIFEST_SUFFIX, readManifestFile } from './manifest.js';
import { PolicyLoadError } from './policy-load-error.js';

/** Folder of the bundled example models, found from this module, not from the working directory. */
export const BUNDLED_POLICY_DIR = fileURLToPath(new URL('./examples/', import.meta.url));

export interface BundledPolicy {
  id: string;
  manifestPath: string;
  description: string;
  robotFamily: string;
}

function bundledIds(): string[] {
  if (!existsSync(BUNDLED_POLICY_DIR)) return [];
  return readdirSync(BUNDLED_POLICY_DIR)
    .filter((name) => name.endsWith(MANIFEST_SUFFIX))
    .map((name) => name.slice(0, -MANIFEST_SUFFIX.length))
    .sort();
}

/** The bundled example policies, with their manifests' descriptions. */
export function listBundledPolicies(): BundledPolicy[] {
  return bundledIds().map((id) => {
    const manifestPath = resolve(BUNDLED_POLICY_DIR, `${id}${MANIFEST_SUFFIX}`);
    const manifest = readManifestFile(manifestPath);
    return { id, manifestPath, description: manifest.description, robotFamily: manifest.robotFamily };
  });
}

/**
 * A policy reference to the path of its manifest: a bundled id (nav-base), a .manifest.json path,
 * or a .onnx path with its manifest beside it. An unknown name fails listing the known ones.
 */
export function resolvePolicyRef(ref: string): string {
  const ids = bundledIds();
  if (ids.includes(ref)) return resolve(BUNDLED_POLICY_DIR, `${ref}${MANIFEST_SUFFIX}`);
  const isModel = ref.endsWith('.onnx');
  const isManifest = ref.endsWith('.json');
  if (isModel || isManifest) {
    const path = resolve(ref);
    if (!existsSync(path)) throw new PolicyLoadError(ref, [`file not found`]);
    return isModel ? findManifestForModel(path) : path;
  }
  throw new PolicyLoadError(ref, [
    `unknown policy "${ref}": expected a bundled policy (${ids.join(', ') || 'none'}) or a path to a .onnx or ${MANIFEST_SUFFIX} file`,
  ]);
}
