// What the page and the decode worker say to each other.

import type { DecodedReplay } from './decode-replay.js';

export type DecodeRequest = { id: number; source: string } & ReplayInput;

/** Where a replay's bytes come from: a URL to fetch (absolute; `label` as the page named it), or the bytes. */
export type ReplayInput = { url: string; label: string } | { bytes: Uint8Array };

export interface DecodeTiming {
  /** Milliseconds from the request to the last byte (0 for bytes handed over). */
  fetch: number;
  /** Milliseconds spent decoding, most of it while the bytes were still arriving. */
  decode: number;
  /** When things happened, on the shared clock (performance.timeOrigin + now, ms). */
  at: { start: number; firstByte: number; lastByte: number; done: number; workerUp?: number };
}

export type DecodeReply =
  /** The worker has its first request (the page waits for this before its own heavy start-up). */
  | { id: -1; up: number }
  | { id: number; replay: DecodedReplay; timing: DecodeTiming }
  /** The fast path refused the file: its bytes, for the codec's reader. */
  | { id: number; fallback: Uint8Array; timing: DecodeTiming }
  | { id: number; error: { message: string; name: string; problem?: string; source?: string } };
