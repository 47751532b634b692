import { execFile } from 'node:child_process';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const erosion = (env: Record<string, string> = {}) =>
  run(process.execPath, ['bin/erosion.mjs', 'list'], { cwd: root, env: { ...process.env, ...env } }).then((r) => r.stdout);

describe('the launcher', () => {
  it('runs the compiled copies when present, the sources otherwise, with the same result; a stale copy is never run', async () => {
    await run(process.execPath, ['bin/build.mjs'], { cwd: root });
    const fromSource = await erosion({ EROSION_FROM_SOURCE: '1' });
    expect(fromSource).toContain('nav/crossing-pedestrian');
    expect(await erosion()).toBe(fromSource);

    // Mark a compiled copy so its use shows in the output.
    const source = `${root}sim/cli/list-command.ts`;
    const copy = `${root}dist/node/sim/cli/list-command.js`;
    const original = readFileSync(copy, 'utf8');
    try {
      writeFileSync(copy, original.replace(/(['"])scenarios:\1/, '"scenarios (compiled):"'));
      const newer = new Date(statSync(source).mtimeMs + 60_000);
      utimesSync(copy, newer, newer);
      expect(await erosion()).toContain('scenarios (compiled):');
      // Older than its source (the source was edited since the build): compiled from source instead.
      const older = new Date(statSync(source).mtimeMs - 60_000);
      utimesSync(copy, older, older);
      expect(await erosion()).toBe(fromSource);
    } finally {
      writeFileSync(copy, original);
    }
  });
});
