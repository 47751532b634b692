// The decode worker: fetches a replay (or takes its bytes), decodes it through the fast path as it
// arrives and hands the columns back by transfer, so the page stays free to set up WebGL and
// compile shaders meanwhile. A file the fast path refuses goes back to the page, bytes and all,
// for the reference worker: keeping the codec out of this script lets it start sooner.

import { columnBuffers } from './episode-columns.js';
import type { DecodeReply, DecodeRequest } from './decode-messages.js';
import { fetchFast, readBytesFast, wallMs } from './stream-replay.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null; postMessage(m: DecodeReply, transfer?: Transferable[]): void };
// When this script started running: the benchmark's measure of worker start-up.
const workerUp = wallMs();
let told = false;

async function decode(data: DecodeRequest): Promise<void> {
  const { id, source } = data;
  // The page holds back its WebGL set-up until a request has reached this thread (ReplayDecoder.up).
  if (!told) scope.postMessage({ id: -1, up: workerUp });
  told = true;
  try {
    const { episode, bytes, timing } = 'url' in data ? await fetchFast(data.url, data.label) : readBytesFast(data.bytes);
    timing.at.workerUp = workerUp;
    if (episode) scope.postMessage({ id, replay: { source, ...episode, path: 'fast' }, timing }, columnBuffers(episode.columns));
    else scope.postMessage({ id, fallback: bytes, timing }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    const e = error as Error & { problem?: string; source?: string };
    scope.postMessage({ id, error: { message: e.message, name: e.name, problem: e.problem, source: e.source } });
  }
}

// decode() catches every error itself and replies with it, so nothing is left to await here.
scope.onmessage = ({ data }) => void decode(data);
