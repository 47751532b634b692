// Fetching and decoding at once: the fast reader walks each MCAP record as soon as the download
// has delivered all of it, so by the last byte most of the replay is already columns. Only the
// fast path runs here: this module is the decode worker's whole weight, and the codec's reader
// (for damaged files) is loaded only where one is met (reference-worker.ts, decode-request.ts).

import { ReplayError } from '../../../sim/record/replay-error.js';
import type { DecodeTiming } from './decode-messages.js';
import { FastEpisodeReader, type WholeEpisode } from './fast-episode-reader.js';
import { GrowingBuffer } from './growing-buffer.js';

/** performance.now() on a clock shared by the page and its workers (their origins differ). */
export const wallMs = (): number => performance.timeOrigin + performance.now();

export interface FastRead {
  /** The episode, or undefined when the file needs the codec's reader. */
  episode: WholeEpisode | undefined;
  /** The whole file, for that reader. */
  bytes: Uint8Array;
  timing: DecodeTiming;
}

/** Reads bytes already in memory through the fast path. */
export function readBytesFast(bytes: Uint8Array): FastRead {
  const start = wallMs();
  const reader = new FastEpisodeReader();
  reader.feed(bytes, bytes.length);
  const episode = reader.finish(bytes);
  const done = wallMs();
  return { episode, bytes, timing: { fetch: 0, decode: done - start, at: { start, firstByte: start, lastByte: start, done } } };
}

/** Fetches `url`, decoding as it streams in. `label` names the replay in messages (the URL as the page wrote it). */
export async function fetchFast(url: string, label: string): Promise<FastRead> {
  const start = wallMs();
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ReplayError(label, `cannot fetch the replay (${(error as Error).message})`, 'io');
  }
  if (!response.ok) throw new ReplayError(label, `cannot fetch the replay (HTTP ${response.status})`, 'io');
  const firstByte = wallMs();
  if (!response.body) {
    const read = readBytesFast(new Uint8Array(await response.arrayBuffer()));
    return { ...read, timing: { ...read.timing, fetch: read.timing.at.start - start, at: { ...read.timing.at, start, firstByte } } };
  }
  // The declared length sizes the buffer once, unless the body is re-encoded on the way.
  const declared = response.headers.get('content-encoding') ? 0 : Number(response.headers.get('content-length')) || 0;
  const buffer = new GrowingBuffer(declared || 1 << 20);
  const reader = new FastEpisodeReader();
  const stream = response.body.getReader();
  let decodeMs = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await stream.read();
    } catch (error) {
      throw new ReplayError(label, `cannot fetch the replay (${(error as Error).message})`, 'io');
    }
    if (chunk.done) break;
    buffer.append(chunk.value);
    const t = performance.now();
    reader.feed(buffer.data, buffer.length);
    decodeMs += performance.now() - t;
  }
  const lastByte = wallMs();
  const bytes = buffer.bytes();
  const episode = reader.finish(bytes);
  const done = wallMs();
  decodeMs += done - lastByte;
  return { episode, bytes, timing: { fetch: lastByte - start, decode: decodeMs, at: { start, firstByte, lastByte, done } } };
}
