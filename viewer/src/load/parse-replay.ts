// The pure half of loading: bytes in, a record (or what survived of one) out. No fetch, no DOM,
// so the same parse runs in tests, in the benchmark and behind a dropped file.

import { ReplayError, decodeEpisodeMcapPartial } from '../../../sim/record/mcap-codec.js';
import type { EpisodeFooter, EpisodeHeader, EpisodeStep, EpisodeEvent } from '../../../sim/record/episode-record.js';

/** A record that may be cut short: the footer is missing when the file was truncated. */
export interface LoadedRecord {
  header: EpisodeHeader;
  steps: EpisodeStep[];
  events: EpisodeEvent[];
  footer?: EpisodeFooter;
}

export interface ParsedReplay {
  source: string;
  record: LoadedRecord;
  /** Set when only part of the file could be read; the viewer shows it and what survived. */
  problem?: string;
}

/**
 * Decodes a replay. A damaged file gives what precedes the damage plus a problem to show; a file
 * with nothing drawable (not MCAP, not an episode, no header or no steps) throws a ReplayError
 * whose message is fit for the page.
 */
export async function parseReplay(bytes: Uint8Array, source: string): Promise<ParsedReplay> {
  // Front to back rather than through the index: one pass, several times faster for a whole
  // file, and the same pass keeps what precedes any damage.
  const result = decodeEpisodeMcapPartial(bytes, source);
  if (result.complete) return { source, record: result.record };
  const { header, steps, events, footer } = result.record;
  if (!header || steps.length === 0) {
    throw new ReplayError(source, result.problem.replace(`${source}: `, ''), 'truncated');
  }
  const record: LoadedRecord = footer ? { header, steps, events, footer } : { header, steps, events };
  return { source, record, problem: result.problem };
}
