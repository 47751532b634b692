// One decode request on the page's own thread, for when no worker can run: the fast path (a URL
// decoded as it streams in), then the codec's reader if the fast path refuses the file.

import type { DecodeRequest, DecodeTiming } from './decode-messages.js';
import { decodeReplayReference, type DecodedReplay } from './decode-replay.js';
import { fetchFast, readBytesFast, wallMs } from './stream-replay.js';

export async function decodeRequest(request: DecodeRequest): Promise<{ replay: DecodedReplay; timing: DecodeTiming }> {
  const { episode, bytes, timing } = 'url' in request ? await fetchFast(request.url, request.label) : readBytesFast(request.bytes);
  if (episode) return { replay: { source: request.source, ...episode, path: 'fast' }, timing };
  const start = wallMs();
  const replay = decodeReplayReference(bytes, request.source);
  const done = wallMs();
  return { replay, timing: { ...timing, decode: timing.decode + done - start, at: { ...timing.at, done } } };
}
