import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { encodeEpisodeMcap } from '../../sim/record/mcap-codec.js';
import { syntheticEpisode } from '../../viewer/bench/synthetic-episode.js';
import { listRun } from '../../viewer/server/run-listing.js';
import { startViewServer, type ViewServer } from '../../viewer/server/view-server.js';

/** GET with the path (and Host) sent exactly as given (no URL normalisation), as an attacker would. */
function rawGet(url: string, path: string, host?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method: 'GET', headers: host === undefined ? {} : { host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('erosion view server', () => {
  let parent: string;
  let run: string;
  let app: string;
  let server: ViewServer;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'erosion-view-server-'));
    run = join(parent, 'run');
    app = join(parent, 'app');
    await mkdir(join(run, 'replays/bench/level-1'), { recursive: true });
    await mkdir(app);
    await writeFile(join(app, 'index.html'), '<!doctype html><title>viewer</title>');
    await writeFile(join(parent, 'secret.txt'), 'outside the run folder');
    const candidate = syntheticEpisode(2);
    candidate.footer.summary.unsafe = true;
    candidate.footer.summary.monitors = {
      separation: { violations: 1, violatedSteps: 30, worstMargin: -0.4, worstValue: 1, limit: 1.4, units: 'm' },
    };
    const base = syntheticEpisode(2);
    base.header.policy = { id: 'bench/base', sha256: 'd'.repeat(64), role: 'base' };
    await writeFile(join(run, 'replays/bench/level-1/seed-1-candidate.mcap'), await encodeEpisodeMcap(candidate));
    await writeFile(join(run, 'replays/bench/level-1/seed-1-base.mcap'), await encodeEpisodeMcap(base));
    await writeFile(join(run, 'replays/bench/level-1/broken.mcap'), 'not a replay');
    // Links: one to a file outside the run folder (posing as a replay), one to a folder outside
    // it, and one to a replay inside it (allowed: it stays in the folder).
    await writeFile(join(parent, 'outside.mcap'), 'SECRET-BYTES outside the run folder');
    await symlink(join(parent, 'outside.mcap'), join(run, 'replays/bench/level-1/leak.mcap'));
    await symlink(parent, join(run, 'parent-link'));
    await symlink(join(run, 'replays/bench/level-1/seed-1-base.mcap'), join(run, 'base-link.mcap'));
    server = await startViewServer({ appDir: app, listing: await listRun(run) });
  });

  afterAll(async () => {
    await server?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toMatch(/:0\/$/);
  });

  it('lists every replay of the run with what it violated, and names the unreadable one', async () => {
    const listing = (await (await fetch(`${server.url}api/run`)).json()) as {
      incidents: Array<{ path: string; role: string; monitors: string[]; unsafe: boolean }>;
      problems: string[];
    };
    expect(listing.incidents.map((i) => i.path).sort()).toEqual([
      'base-link.mcap',
      'replays/bench/level-1/seed-1-base.mcap',
      'replays/bench/level-1/seed-1-candidate.mcap',
    ]);
    const candidate = listing.incidents.find((i) => i.role === 'candidate');
    expect(candidate?.unsafe).toBe(true);
    expect(candidate?.monitors).toEqual(['separation']);
    expect(listing.problems.join('\n')).toMatch(/broken\.mcap/);
  });

  it('serves the app and the run folder files', async () => {
    expect(await (await fetch(server.url)).text()).toContain('<title>viewer</title>');
    const replay = await fetch(`${server.url}files/replays/bench/level-1/seed-1-base.mcap`);
    expect(replay.status).toBe(200);
    expect(new Uint8Array(await replay.arrayBuffer()).subarray(1, 5)).toEqual(new TextEncoder().encode('MCAP'));
  });

  it.each(['/files/../secret.txt', '/files/..%2fsecret.txt', '/files/%2e%2e/secret.txt', '/..%2f..%2fsecret.txt', '/files//etc/passwd'])(
    'refuses a path escaping the run folder: %s',
    async (path) => {
      const { status, body } = await rawGet(server.url, path);
      expect(status).toBe(404);
      expect(body).not.toContain('outside the run folder');
    },
  );
});

describe('erosion view server: links and hosts', () => {
  let parent: string;
  let run: string;
  let server: ViewServer;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'erosion-view-links-'));
    run = join(parent, 'run');
    await mkdir(join(run, 'replays'), { recursive: true });
    await writeFile(join(parent, 'outside.mcap'), 'SECRET-BYTES outside the run folder');
    await writeFile(join(parent, 'secret.txt'), 'outside the run folder');
    await symlink(join(parent, 'outside.mcap'), join(run, 'replays/leak.mcap'));
    await symlink(join(parent, 'secret.txt'), join(run, 'secret-link.txt'));
    await symlink(parent, join(run, 'parent-link'));
    await writeFile(join(run, 'replays/real.mcap'), await encodeEpisodeMcap(syntheticEpisode(1)));
    server = await startViewServer({ appDir: run, listing: await listRun(run) });
  });

  afterAll(async () => {
    await server?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('lists a link leading out of the run folder as skipped, without reading what it points at', async () => {
    const listing = (await (await fetch(`${server.url}api/run`)).json()) as { incidents: Array<{ path: string }>; problems: string[] };
    expect(listing.incidents.map((i) => i.path)).toEqual(['replays/real.mcap']);
    expect(listing.problems).toEqual(['replays/leak.mcap: skipped: it lies outside the run folder (a link or a path leading out of it)']);
    expect(JSON.stringify(listing)).not.toContain('SECRET');
  });

  it.each(['/files/replays/leak.mcap', '/files/secret-link.txt', '/files/parent-link/secret.txt', '/secret-link.txt', '/files/replays', '/files/'])(
    'serves nothing through a link leaving the folder, nor a folder: %s',
    async (path) => {
      const { status, body } = await rawGet(server.url, path);
      expect(status).toBe(404);
      expect(body).not.toMatch(/SECRET|outside the run folder/);
    },
  );

  it('serves a regular file inside the folder', async () => {
    expect((await rawGet(server.url, '/files/replays/real.mcap')).status).toBe(200);
  });

  it.each(['evil.example:80', `evil.example`, '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example'])(
    'refuses a request naming another host (DNS rebinding): Host %s',
    async (host) => {
      const { status, body } = await rawGet(server.url, '/files/replays/real.mcap', host);
      expect(status).toBe(421);
      expect(body).not.toContain('MCAP');
      expect((await rawGet(server.url, '/api/run', host)).status).toBe(421);
    },
  );

  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'])('answers its own loopback names with its own port: %s', async (name) => {
    const port = new URL(server.url).port;
    expect((await rawGet(server.url, '/api/run', `${name}:${port}`)).status).toBe(200);
  });
});
