// The page's side of decoding: one long-lived worker, started with the page so its script loads
// while WebGL initialises, answering requests by id. Where a worker cannot start (a build opened
// from file://, a browser without module workers) it decodes on the main thread instead, with
// the same function and the same messages.

import type { DecodeReply, DecodeRequest, ReplayInput } from './decode-messages.js';
// Inlined as a blob: the build is one classic script (no import.meta.url to find a worker file
// by), and a blob worker starts without another request.
import DecodeWorker from './decode-worker.ts?worker&inline';
import { decodeReplay, type DecodedReplay } from './decode-replay.js';
import { fetchReplayBytes } from './fetch-replay-bytes.js';

export interface DecodeResult {
  replay: DecodedReplay;
  /** Milliseconds spent fetching and decoding, wherever that ran. */
  timing: { fetch: number; decode: number };
  where: 'worker' | 'main';
}

type Pending = { request: DecodeRequest; resolve: (r: DecodeResult) => void; reject: (e: Error) => void };

export class ReplayDecoder {
  #worker: Worker | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;

  constructor(useWorker = true) {
    if (!useWorker || typeof Worker === 'undefined') return;
    try {
      this.#worker = new DecodeWorker({ name: 'erosion-decode' });
    } catch {
      return;
    }
    this.#worker.onmessage = ({ data }: MessageEvent<DecodeReply>) => {
      const pending = this.#pending.get(data.id);
      if (!pending) return;
      this.#pending.delete(data.id);
      if ('error' in data) pending.reject(Object.assign(new Error(data.error.message), data.error));
      else pending.resolve({ replay: data.replay, timing: data.timing, where: 'worker' });
    };
    // A worker that cannot load (file:// pages): everything pending and to come runs here.
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#worker?.terminate();
      this.#worker = undefined;
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const p of pending) decodeHere(p.request).then(p.resolve, p.reject);
    };
  }

  get usesWorker(): boolean {
    return this.#worker !== undefined;
  }

  decode(input: ReplayInput, source: string): Promise<DecodeResult> {
    const request = { id: this.#nextId++, source, ...input } as DecodeRequest;
    const worker = this.#worker;
    if (!worker) return decodeHere(request);
    return new Promise((resolve, reject) => {
      this.#pending.set(request.id, { request, resolve, reject });
      // Bytes are copied, not transferred: dropped files stay in memory to be opened again.
      worker.postMessage(request);
    });
  }
}

async function decodeHere(request: DecodeRequest): Promise<DecodeResult> {
  const t0 = performance.now();
  const bytes = 'url' in request ? await fetchReplayBytes(request.url, request.label) : request.bytes;
  const t1 = performance.now();
  const replay = decodeReplay(bytes, request.source);
  return { replay, timing: { fetch: t1 - t0, decode: performance.now() - t1 }, where: 'main' };
}
