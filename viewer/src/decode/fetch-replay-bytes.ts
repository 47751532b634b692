// Fetching a replay, with failures worded for the page. Used by the decode worker and by the
// main-thread fallback alike.

import { ReplayError } from '../../../sim/record/replay-error.js';

/** `label` names the replay in messages (the URL as the page wrote it, before resolving). */
export async function fetchReplayBytes(url: string, label = url): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ReplayError(label, `cannot fetch the replay (${(error as Error).message})`, 'io');
  }
  if (!response.ok) throw new ReplayError(label, `cannot fetch the replay (HTTP ${response.status})`, 'io');
  return new Uint8Array(await response.arrayBuffer());
}
