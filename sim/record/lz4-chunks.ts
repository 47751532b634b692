// LZ4 chunk compression for MCAP, in plain TypeScript so the same code runs in Node and in a
// browser bundle (the viewer). MCAP's "lz4" compression is the LZ4 frame format; the writer gives
// lz4js's exact bytes (its tests hold it to lz4js), so files stay byte-for-byte stable.

import type { DecompressHandlers } from '@mcap/core';
import { lz4CompressFrame } from './lz4-compress.js';
import { decompressLz4Frame } from './lz4-frame.js';

export const LZ4_COMPRESSION = 'lz4';

export function compressChunk(chunkData: Uint8Array): {
  compression: string;
  compressedData: Uint8Array;
} {
  // lz4js's bytes, from a faster writer of the same frames (lz4js still reads them).
  return { compression: LZ4_COMPRESSION, compressedData: lz4CompressFrame(chunkData) };
}

export const DECOMPRESS_HANDLERS: DecompressHandlers = {
  [LZ4_COMPRESSION]: (buffer, decompressedSize) => {
    // One LZ4 reader for Node and the viewer: it checks every size against the frame as it goes.
    return decompressLz4Frame(buffer, Number(decompressedSize));
  },
};
