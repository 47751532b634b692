// The decode worker: fetches a replay (or takes its bytes), decodes it and hands the columns back
// by transfer, so the page stays free to set up WebGL and compile shaders meanwhile.

import { columnBuffers } from './episode-columns.js';
import { decodeReplay } from './decode-replay.js';
import { fetchReplayBytes } from './fetch-replay-bytes.js';
import type { DecodeReply, DecodeRequest } from './decode-messages.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null; postMessage(m: DecodeReply, transfer?: Transferable[]): void };

scope.onmessage = async ({ data }) => {
  const { id, source } = data;
  const t0 = performance.now();
  try {
    const bytes = 'url' in data ? await fetchReplayBytes(data.url, data.label) : data.bytes;
    const t1 = performance.now();
    const replay = decodeReplay(bytes, source);
    const timing = { fetch: t1 - t0, decode: performance.now() - t1 };
    scope.postMessage({ id, replay, timing }, columnBuffers(replay.columns));
  } catch (error) {
    const e = error as Error & { problem?: string; source?: string };
    scope.postMessage({ id, error: { message: e.message, name: e.name, problem: e.problem, source: e.source } });
  }
};
