// An episode's header and footer without its steps: what a list of incidents needs. Reads through
// the MCAP index, so only the chunks holding those two messages are decompressed; a run folder
// with dozens of long replays lists in moments.

import { McapIndexedReader } from '@mcap/core';
import type { IReadable } from '@mcap/core';

import type { EpisodeFooter, EpisodeHeader } from './episode-record.js';
import { parseFinite } from './finite-json.js';
import { DECOMPRESS_HANDLERS } from './lz4-chunks.js';
import { EPISODE_TOPICS } from './mcap-codec.js';
import { ReplayError } from './replay-error.js';

export interface EpisodeOverview {
  header: EpisodeHeader;
  footer: EpisodeFooter;
}

function readable(bytes: Uint8Array): IReadable {
  const size = BigInt(bytes.byteLength);
  return {
    size: async () => size,
    read: async (offset, length) => {
      if (offset + length > size) throw new Error(`read beyond the end (${size} bytes)`);
      return bytes.subarray(Number(offset), Number(offset + length));
    },
  };
}

/** Header and footer of a whole episode file; a {@link ReplayError} when either is unreadable. */
export async function decodeEpisodeOverview(bytes: Uint8Array, source: string): Promise<EpisodeOverview> {
  let header: EpisodeHeader | undefined;
  let footer: EpisodeFooter | undefined;
  try {
    const reader = await McapIndexedReader.Initialize({ readable: readable(bytes), decompressHandlers: DECOMPRESS_HANDLERS });
    const topics = [EPISODE_TOPICS.header, EPISODE_TOPICS.footer];
    const decoder = new TextDecoder();
    for await (const message of reader.readMessages({ topics })) {
      const topic = reader.channelsById.get(message.channelId)?.topic;
      const value = parseFinite(decoder.decode(message.data));
      if (topic === EPISODE_TOPICS.header) header = value as EpisodeHeader;
      else footer = value as EpisodeFooter;
    }
  } catch (error) {
    throw new ReplayError(source, `cannot read the episode's header and footer (${(error as Error).message})`, 'corrupt', { cause: error });
  }
  if (!header || !footer) {
    throw new ReplayError(source, 'not a whole Erosion episode: its header or footer is missing', 'not-episode');
  }
  return { header, footer };
}
