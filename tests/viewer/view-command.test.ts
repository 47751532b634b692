// `erosion view` on bad input, as a user runs it: exit 2 and one line saying what to do, never a
// stack trace (exit 1 means a regression everywhere else in Erosion).

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT } from './replay-fixture.js';

function erosionView(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bin/erosion.mjs', 'view', ...args], { cwd: PROJECT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stderr, stdout }));
  });
}

describe('erosion view on bad input', () => {
  let dir: string;
  let busy: Server;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'erosion-view-cli-'));
    busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  });

  afterAll(async () => {
    await new Promise((done) => busy.close(done));
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['not JSON', '{"scenarios": [', /report\.json is not valid JSON/],
    ['JSON of the wrong shape', '{"scenarios": 7}', /report\.json is not an Erosion report/],
    ['a JSON list', '[1, 2]', /report\.json is not an Erosion report/],
  ])('a malformed report.json (%s) exits 2 with one line naming the file', async (_what, text, message) => {
    const run = await mkdtemp(join(dir, 'run-'));
    await writeFile(join(run, 'report.json'), text);
    const { code, stderr, stdout } = await erosionView([run]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('a port in use exits 2 with one line suggesting --port', async () => {
    const run = await mkdtemp(join(dir, 'run-'));
    const port = (busy.address() as { port: number }).port;
    const { code, stderr } = await erosionView([run, '--port', String(port)]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`port ${port} is already in use`);
    expect(stderr).toContain('--port');
  });
});
