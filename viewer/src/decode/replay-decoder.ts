// The page's side of decoding: one long-lived fast worker, started first thing in the page (see
// early-decode.ts) so its start-up overlaps the main bundle's, answering requests by id; and a
// reference worker for damaged files, started only when the fast worker hands one back. Where a
// worker cannot start (a build opened from file://, a browser without workers) it decodes on the
// main thread instead, with the same functions.

import type { DecodeReply, DecodeRequest, DecodeTiming, ReplayInput } from './decode-messages.js';
// Inlined as blobs: the build is one classic script (no import.meta.url to find a worker file
// by), and a blob worker starts without another request.
import DecodeWorker from './decode-worker.ts?worker&inline';
import ReferenceWorker from './reference-worker.ts?worker&inline';
import type { DecodedReplay } from './decode-replay.js';
import { decodeRequest } from './decode-request.js';
import { wallMs } from './stream-replay.js';

export interface DecodeResult {
  replay: DecodedReplay;
  /** Fetching and decoding, wherever that ran; `requested` is when the page asked (shared clock). */
  timing: DecodeTiming & { requested: number };
  where: 'worker' | 'main';
}

type Pending = { request: DecodeRequest; requested: number; timing?: DecodeTiming; resolve: (r: DecodeResult) => void; reject: (e: Error) => void };

export class ReplayDecoder {
  #worker: Worker | undefined;
  #reference: Worker | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #markUp: () => void = () => undefined;
  /**
   * Settles once the worker has received its first request (at once without a worker). Starting
   * a worker and forwarding it the messages posted meanwhile take turns of the page's event loop;
   * the page waits for this before its long synchronous start-up (WebGL), which otherwise held the
   * worker — and so the download and decode — back by 200–300 ms.
   */
  readonly up: Promise<void> = new Promise((resolve) => (this.#markUp = resolve));

  constructor(useWorker = true) {
    if (!useWorker || typeof Worker === 'undefined') {
      this.#markUp();
      return;
    }
    try {
      this.#worker = new DecodeWorker({ name: 'erosion-decode' });
    } catch {
      this.#markUp();
      return;
    }
    this.#worker.onmessage = ({ data }: MessageEvent<DecodeReply>) => this.#answer(data);
    // A worker that cannot load (file:// pages): everything pending and to come runs here.
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#markUp();
      this.#worker?.terminate();
      this.#worker = undefined;
      this.#reference?.terminate();
      this.#reference = undefined;
      const pending = [...this.#pending.values()];
      this.#pending.clear();
      for (const p of pending) decodeHere(p.request, p.requested).then(p.resolve, p.reject);
    };
  }

  get usesWorker(): boolean {
    return this.#worker !== undefined;
  }

  decode(input: ReplayInput, source: string): Promise<DecodeResult> {
    const request = { id: this.#nextId++, source, ...input } as DecodeRequest;
    const requested = wallMs();
    const worker = this.#worker;
    if (!worker) return decodeHere(request, requested);
    return new Promise((resolve, reject) => {
      this.#pending.set(request.id, { request, requested, resolve, reject });
      // Bytes are copied, not transferred: dropped files stay in memory to be opened again.
      worker.postMessage(request);
    });
  }

  #answer(data: DecodeReply): void {
    if ('up' in data) {
      this.#markUp();
      return;
    }
    const pending = this.#pending.get(data.id);
    if (!pending) return;
    if ('fallback' in data) {
      // The fast path refused the file: the codec's reader, in its own worker, says what survived.
      pending.timing = data.timing;
      this.#referenceWorker().postMessage({ id: data.id, source: pending.request.source, bytes: data.fallback }, [data.fallback.buffer as ArrayBuffer]);
      return;
    }
    this.#pending.delete(data.id);
    if ('error' in data) {
      pending.reject(Object.assign(new Error(data.error.message), data.error));
      return;
    }
    const timing = pending.timing
      ? {
          ...pending.timing,
          decode: pending.timing.decode + data.timing.at.done - pending.timing.at.done,
          at: { ...pending.timing.at, done: data.timing.at.done },
        }
      : data.timing;
    pending.resolve({ replay: data.replay, timing: { ...timing, requested: pending.requested }, where: 'worker' });
  }

  #referenceWorker(): Worker {
    if (!this.#reference) {
      this.#reference = new ReferenceWorker({ name: 'erosion-reference-decode' });
      this.#reference.onmessage = ({ data }: MessageEvent<DecodeReply>) => this.#answer(data);
      this.#reference.onerror = (event) => {
        event.preventDefault();
        this.#reference?.terminate();
        this.#reference = undefined;
        for (const [id, p] of this.#pending) {
          if (!p.timing) continue;
          this.#pending.delete(id);
          decodeHere(p.request, p.requested).then(p.resolve, p.reject);
        }
      };
    }
    return this.#reference;
  }
}

async function decodeHere(request: DecodeRequest, requested: number): Promise<DecodeResult> {
  const { replay, timing } = await decodeRequest(request);
  return { replay, timing: { ...timing, requested }, where: 'main' };
}
