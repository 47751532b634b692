// LZ4 frame decompression for MCAP chunks. lz4js (which the codec uses) copies every byte in a
// loop; this copies literal runs and non-overlapping matches with set/copyWithin, several times
// faster on a replay's repetitive JSON. Any malformed input throws: the caller then falls back to
// the reference decoder, which words the error for the page.

const FRAME_MAGIC = 0x184d2204;
const MAX_BLOCK_BYTES: Readonly<Record<number, number>> = { 4: 0x10000, 5: 0x40000, 6: 0x100000, 7: 0x400000 };

function readU32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function fail(what: string): never {
  throw new Error(`LZ4: ${what}`);
}

function decodeBlock(src: Uint8Array, s: number, end: number, dst: Uint8Array, d: number): number {
  const dEnd = dst.length;
  while (s < end) {
    const token = src[s++]!;
    let literals = token >>> 4;
    if (literals === 15) {
      for (let b = 255; b === 255; literals += b) {
        if (s >= end) fail('literal length runs past the block');
        b = src[s++]!;
      }
    }
    if (literals > 0) {
      if (s + literals > end || d + literals > dEnd) fail('literals run past the block');
      if (literals < 24) for (let k = 0; k < literals; k++) dst[d + k] = src[s + k]!;
      else dst.set(src.subarray(s, s + literals), d);
      s += literals;
      d += literals;
    }
    if (s >= end) break;
    if (s + 2 > end) fail('match offset runs past the block');
    const offset = src[s]! | (src[s + 1]! << 8);
    s += 2;
    let length = token & 15;
    if (length === 15) {
      for (let b = 255; b === 255; length += b) {
        if (s >= end) fail('match length runs past the block');
        b = src[s++]!;
      }
    }
    length += 4;
    if (offset === 0 || offset > d || d + length > dEnd) fail('match outside the output');
    let m = d - offset;
    if (offset >= length && length >= 24) {
      dst.copyWithin(d, m, m + length);
      d += length;
    } else {
      // Overlapping match (a run): byte by byte, as the format means it.
      for (const stop = d + length; d < stop;) dst[d++] = dst[m++]!;
    }
  }
  return d;
}

/** Decompresses one LZ4 frame that must expand to exactly `size` bytes. */
export function decompressLz4Frame(src: Uint8Array, size: number): Uint8Array {
  if (src.length < 7 || readU32(src, 0) !== FRAME_MAGIC) fail('not an LZ4 frame');
  const flags = src[4]!;
  const maxBlock = MAX_BLOCK_BYTES[(src[5]! >> 4) & 7];
  if ((flags & 0xc0) !== 0x40 || maxBlock === undefined) fail('unknown frame descriptor');
  const blockChecksum = (flags & 0x10) !== 0;
  let s = 6 + ((flags & 0x08) !== 0 ? 8 : 0) + 1;
  const dst = new Uint8Array(size);
  let d = 0;
  for (;;) {
    if (s + 4 > src.length) fail('frame ends inside a block header');
    const word = readU32(src, s);
    s += 4;
    if (word === 0) break;
    const length = word & 0x7fffffff;
    if (length > maxBlock || s + length > src.length) fail('block runs past the frame');
    if (word & 0x80000000) {
      if (d + length > size) fail('stored block overflows the output');
      dst.set(src.subarray(s, s + length), d);
      d += length;
    } else {
      d = decodeBlock(src, s, s + length, dst, d);
    }
    s += length + (blockChecksum ? 4 : 0);
  }
  if (d !== size) fail(`frame gave ${d} bytes, expected ${size}`);
  return dst;
}
