// lz4js ships no types; the reference keeps them in any program that compiles this file (a viewer
// build with its own tsconfig included), which an import cannot do for an ambient module.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./lz4js.d.ts" />
// LZ4 chunk compression for MCAP, in plain JavaScript so the same code runs in Node and in a
// browser bundle (the viewer). MCAP's "lz4" compression is the LZ4 frame format, which lz4js
// writes and reads; the output depends only on the input, so files stay byte-for-byte stable.

import type { DecompressHandlers } from '@mcap/core';
import lz4 from 'lz4js';
import { lz4CompressFrame } from './lz4-compress.js';

export const LZ4_COMPRESSION = 'lz4';

export function compressChunk(chunkData: Uint8Array): {
  compression: string;
  compressedData: Uint8Array;
} {
  // lz4js's bytes, from a faster writer of the same frames (lz4js still reads them).
  return { compression: LZ4_COMPRESSION, compressedData: lz4CompressFrame(chunkData) };
}

const FRAME_MAGIC = 0x184d2204;
const MAX_BLOCK_BYTES: Readonly<Record<number, number>> = {
  4: 0x10000,
  5: 0x40000,
  6: 0x100000,
  7: 0x400000,
};

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

/**
 * Walks the frame's block headers before lz4js decodes it: lz4js trusts block sizes, so a
 * damaged size could otherwise make it spin over billions of bytes that are not there.
 */
function checkFrame(frame: Uint8Array): void {
  if (frame.byteLength < 7 || readU32(frame, 0) !== FRAME_MAGIC) {
    throw new Error('chunk is not an LZ4 frame');
  }
  const flags = frame[4] ?? 0;
  const maxBlock = MAX_BLOCK_BYTES[((frame[5] ?? 0) >> 4) & 7];
  if ((flags & 0xc0) !== 0x40 || maxBlock === undefined) {
    throw new Error('LZ4 frame has an unknown descriptor');
  }
  const blockChecksum = (flags & 0x10) !== 0;
  let at = 4 + 2 + ((flags & 0x08) !== 0 ? 8 : 0) + 1;
  for (;;) {
    if (at + 4 > frame.byteLength) throw new Error('LZ4 frame ends inside a block header');
    const word = readU32(frame, at);
    at += 4;
    if (word === 0) return;
    const length = word & 0x7fffffff;
    if (length > maxBlock) throw new Error(`LZ4 block of ${length} bytes exceeds the frame's ${maxBlock}`);
    at += length + (blockChecksum ? 4 : 0);
    if (at > frame.byteLength) throw new Error('LZ4 frame ends inside a block');
  }
}

export const DECOMPRESS_HANDLERS: DecompressHandlers = {
  [LZ4_COMPRESSION]: (buffer, decompressedSize) => {
    checkFrame(buffer);
    const expected = Number(decompressedSize);
    const out = lz4.decompress(buffer, expected);
    if (out.byteLength !== expected) {
      throw new Error(`LZ4 chunk gave ${out.byteLength} bytes, expected ${expected}`);
    }
    return out;
  },
};
