import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildExampleFiles, buildNavControllerModel, EXAMPLES_DIR, NAV_BASE_PARAMS } from '../../policies/examples/build-examples.js';

describe('bundled example models', () => {
  it('rebuild byte for byte identical to the committed files', () => {
    const files = buildExampleFiles();
    expect(files.map(([name]) => name).sort()).toEqual([
      'nav-base.manifest.json',
      'nav-base.onnx',
      'nav-candidate.manifest.json',
      'nav-candidate.onnx',
    ]);
    for (const [name, bytes] of files) {
      const committed = new Uint8Array(readFileSync(join(EXAMPLES_DIR, name)));
      expect(Buffer.from(bytes).equals(Buffer.from(committed)), `${name} differs: run npx tsx policies/examples/build-examples.ts`).toBe(true);
    }
  });

  it('builds the same bytes every time', () => {
    expect(Buffer.from(buildNavControllerModel(NAV_BASE_PARAMS)).equals(Buffer.from(buildNavControllerModel(NAV_BASE_PARAMS)))).toBe(true);
  });

  it('refuses parameters where the slow-down distance is not beyond the stop distance', () => {
    expect(() => buildNavControllerModel({ ...NAV_BASE_PARAMS, slowM: 2.0 })).toThrow(/stopM < slowM/);
  });

  it('state in each manifest that the model is hand-built, not trained', () => {
    for (const [name, bytes] of buildExampleFiles()) {
      if (!name.endsWith('.manifest.json')) continue;
      const manifest = JSON.parse(new TextDecoder().decode(bytes)) as { provenance: string };
      expect(manifest.provenance).toMatch(/hand-built/i);
      expect(manifest.provenance).toMatch(/not a trained policy/);
    }
  });
});
