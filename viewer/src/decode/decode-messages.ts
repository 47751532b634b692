// What the page and the decode worker say to each other.

import type { DecodedReplay } from './decode-replay.js';

export type DecodeRequest = { id: number; source: string } & ReplayInput;

/** Where a replay's bytes come from: a URL to fetch (absolute; `label` as the page named it), or the bytes. */
export type ReplayInput = { url: string; label: string } | { bytes: Uint8Array };

export type DecodeReply =
  | { id: number; replay: DecodedReplay; timing: { fetch: number; decode: number } }
  | { id: number; error: { message: string; name: string; problem?: string; source?: string } };
