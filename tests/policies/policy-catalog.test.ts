import { describe, it, expect } from 'vitest';
import { basename } from 'node:path';
import { listBundledPolicies, resolvePolicyRef } from '../../policies/policy-catalog.js';
import { PolicyLoadError } from '../../policies/policy-load-error.js';

describe('policy catalog', () => {
  it('lists the bundled examples with their descriptions', () => {
    const list = listBundledPolicies();
    expect(list.map((p) => p.id)).toEqual(['arm-base', 'arm-candidate', 'nav-base', 'nav-candidate']);
    for (const p of list) expect(p.description.length).toBeGreaterThan(0);
  });

  it('resolves a bundled id to its manifest whatever the working directory', () => {
    const cwd = process.cwd();
    process.chdir('/');
    try {
      expect(basename(resolvePolicyRef('nav-base'))).toBe('nav-base.manifest.json');
    } finally {
      process.chdir(cwd);
    }
  });

  it('resolves a .onnx path to the manifest beside it', () => {
    const manifest = resolvePolicyRef('nav-candidate');
    const model = manifest.replace(/\.manifest\.json$/, '.onnx');
    expect(resolvePolicyRef(model)).toBe(manifest);
    expect(resolvePolicyRef(manifest)).toBe(manifest);
  });

  it('fails on an unknown name, listing the known ones', () => {
    expect(() => resolvePolicyRef('nav-bse')).toThrow(PolicyLoadError);
    expect(() => resolvePolicyRef('nav-bse')).toThrow(
      /unknown policy "nav-bse": expected a bundled policy \(arm-base, arm-candidate, nav-base, nav-candidate\)/,
    );
  });

  it('fails on a path that does not exist', () => {
    expect(() => resolvePolicyRef('missing/model.onnx')).toThrow(/missing\/model\.onnx: cannot load policy\n {2}- file not found/);
  });
});
