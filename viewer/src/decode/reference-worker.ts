// The reference worker: the codec's own reader, for the files the fast path refuses (cut or
// damaged). Started only when one is met, so an intact replay never pays for loading the codec.

import { columnBuffers } from './episode-columns.js';
import type { DecodeReply } from './decode-messages.js';
import { decodeReplayReference } from './decode-replay.js';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; source: string; bytes: Uint8Array }>) => void) | null;
  postMessage(m: DecodeReply, transfer?: Transferable[]): void;
};

scope.onmessage = ({ data: { id, source, bytes } }) => {
  try {
    const replay = decodeReplayReference(bytes, source);
    const at = performance.timeOrigin + performance.now();
    scope.postMessage({ id, replay, timing: { fetch: 0, decode: 0, at: { start: at, firstByte: at, lastByte: at, done: at } } }, columnBuffers(replay.columns));
  } catch (error) {
    const e = error as Error & { problem?: string; source?: string };
    scope.postMessage({ id, error: { message: e.message, name: e.name, problem: e.problem, source: e.source } });
  }
};
