// The pure half of loading: bytes in, what the viewer draws out (header, events, footer, step
// columns), or what survived of a damaged file. No fetch, no DOM: the same function runs in the
// decode worker, on the main thread when workers are unavailable, and in tests.

import { ReplayError, decodeEpisodeMcapPartial } from '../../../sim/record/mcap-codec.js';
import type { EpisodeEvent, EpisodeFooter, EpisodeHeader } from '../../../sim/record/episode-record.js';
import { columnsFromSteps } from './columns-from-steps.js';
import type { EpisodeColumns } from './episode-columns.js';
import { readEpisodeFast } from './fast-episode-reader.js';

export interface DecodedReplay {
  source: string;
  header: EpisodeHeader;
  events: EpisodeEvent[];
  /** Missing when the file was cut before it. */
  footer?: EpisodeFooter;
  columns: EpisodeColumns;
  /** Set when only part of the file could be read; the viewer shows it and what survived. */
  problem?: string;
  /** Which decoder read it: the byte scanner, or the codec's reader (damaged or unusual files). */
  path: 'fast' | 'reference';
}

/**
 * Decodes a replay. A damaged file gives what precedes the damage plus a problem to show; a file
 * with nothing drawable (not MCAP, not an episode, no header or no steps) throws a ReplayError
 * whose message is fit for the page.
 */
export function decodeReplay(bytes: Uint8Array, source: string): DecodedReplay {
  const fast = readEpisodeFast(bytes);
  if (fast) return { source, ...fast, path: 'fast' };
  return decodeReplayReference(bytes, source);
}

/** The codec's own front-to-back reader, which keeps whatever precedes any damage. */
export function decodeReplayReference(bytes: Uint8Array, source: string): DecodedReplay {
  const result = decodeEpisodeMcapPartial(bytes, source);
  const { header, steps, events, footer } = result.record;
  if (!header || (!result.complete && steps.length === 0)) {
    throw new ReplayError(source, (result.problem ?? 'no header').replace(`${source}: `, ''), 'truncated');
  }
  const columns = columnsFromSteps(
    steps,
    header.monitors.map((m) => m.id),
  );
  const replay: DecodedReplay = { source, header, events, columns, path: 'reference' };
  if (footer) replay.footer = footer;
  if (!result.complete) replay.problem = result.problem;
  return replay;
}
