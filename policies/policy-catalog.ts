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

function manifestIds(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(MANIFEST_SUFFIX))
    .map((name) => name.slice(0, -MANIFEST_SUFFIX.length))
    .sort();
}

function bundledIds(): string[] {
  return manifestIds(BUNDLED_POLICY_DIR);
}

/** The bundled example policies, with their manifests' descriptions. */
export function listBundledPolicies(): BundledPolicy[] {
  return listPolicyDir(BUNDLED_POLICY_DIR).map((p) => {
    if ('error' in p) throw new PolicyLoadError(p.manifestPath, [p.error]);
    return p;
  });
}

/**
 * The policies in a folder of the user's, by their manifests. A manifest that cannot be read is
 * listed with its error instead of stopping the listing.
 */
export function listPolicyDir(dir: string): Array<BundledPolicy | { id: string; manifestPath: string; error: string }> {
  if (!existsSync(dir)) throw new PolicyLoadError(dir, ['folder not found']);
  return manifestIds(dir).map((id) => {
    const manifestPath = resolve(dir, `${id}${MANIFEST_SUFFIX}`);
    try {
      const manifest = readManifestFile(manifestPath);
      return { id, manifestPath, description: manifest.description, robotFamily: manifest.robotFamily };
    } catch (err) {
      return { id, manifestPath, error: (err as Error).message.split('\n').join(' ') };
    }
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
