// A loopback-only HTTP server for the viewer: the built app, the run listing (api/run), and the
// run folder's regular files under files/. Nothing outside the run folder and the build is
// reachable, through `..` or a link, and only requests naming this server by a loopback name and
// its own port are answered: a page from elsewhere that rebinds its DNS name to 127.0.0.1 gets 421.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { insideFolder } from './inside-folder.js';
import type { RunListing } from './run-listing.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.mcap': 'application/octet-stream',
};

export interface ViewServer {
  url: string;
  close(): Promise<void>;
}

async function sendFile(res: ServerResponse, root: string, relativePath: string): Promise<void> {
  const path = await insideFolder(root, relativePath);
  const info = path ? await stat(path).catch(() => undefined) : undefined;
  if (!path || !info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'content-length': info.size, 'cache-control': 'no-cache' });
  createReadStream(path).pipe(res);
}

export function startViewServer(options: { appDir: string; listing: RunListing; port?: number }): Promise<ViewServer> {
  const { appDir, listing } = options;
  let hosts = new Set<string>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('this server answers only to 127.0.0.1, localhost or [::1] with its own port');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    if (path === '/api/run') {
      const body = JSON.stringify({ title: listing.title, incidents: listing.incidents, problems: listing.problems });
      res.writeHead(200, { 'content-type': TYPES['.json']!, 'cache-control': 'no-cache' }).end(body);
    } else if (path.startsWith('/files/')) {
      await sendFile(res, listing.root, path.slice('/files/'.length));
    } else {
      await sendFile(res, appDir, path === '/' ? 'index.html' : path.slice(1));
    }
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    // Loopback only: a run folder can hold anything, and this server has no authentication.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      hosts = new Set(['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`));
      resolvePromise({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
