// LZ4 frame compression that writes the same bytes as lz4js's compress(), faster. Replay writing
// spent a third of its time in lz4js: it reads words a byte at a time, copies literals and the
// finished block a byte at a time, and allocates a worst-case buffer for every chunk. This is
// its algorithm step for step (hash, skip schedule, match limits, block layout), so every replay
// keeps its exact bytes; tests compare the two on real episode data.

const MIN_MATCH = 4;
const MIN_LENGTH = 13;
const SEARCH_LIMIT = 5;
const SKIP_TRIGGER = 6;
const HASH_SIZE = 1 << 16;
const ML_BITS = 4;
const ML_MASK = (1 << ML_BITS) - 1;
const RUN_MASK = (1 << 4) - 1;
const MAX_BLOCK_BYTES = 0x400000;
const UNCOMPRESSED_BLOCK = 0x80000000;
/** Magic, FLG (version 1, dependent blocks, no checksums), BD (4 MiB blocks), header checksum. */
const FRAME_HEADER = Uint8Array.of(0x04, 0x22, 0x4d, 0x18, 0x40, 0x70, 0xdf);

const hashTable = new Uint32Array(HASH_SIZE);
let out = new Uint8Array(0);
let outView = new DataView(out.buffer);

/** lz4js's integer hash (Bob Jenkins' 6-shift), crushed to 16 bits as it does. */
function hash16(a: number): number {
  a = (a + 2127912214 + (a << 12)) | 0;
  a = a ^ -949894596 ^ (a >>> 19);
  a = (a + 374761393 + (a << 5)) | 0;
  a = (a + -744332180) ^ (a << 9);
  a = (a + -42973499 + (a << 3)) | 0;
  a = a ^ -1252372727 ^ (a >>> 16);
  return ((a >>> 16) ^ a) & 0xffff;
}

/** Sizes the shared output buffer for a whole frame before writing, so blocks never check. */
function ensureCapacity(bytes: number): void {
  if (out.byteLength >= bytes) return;
  out = new Uint8Array(Math.max(bytes, out.byteLength * 2));
  outView = new DataView(out.buffer);
}

/** lz4js's compressBound per block, plus the frame's header, size words and end mark. */
function frameBound(n: number): number {
  const blocks = Math.max(1, Math.ceil(n / MAX_BLOCK_BYTES));
  return FRAME_HEADER.length + 4 + blocks * 4 + n + Math.ceil(n / 255) + 16 * blocks;
}

/** Copies literals: a loop for the short runs that dominate, set() for long ones. */
function copyLiterals(src: Uint8Array, from: number, count: number, at: number): number {
  if (count < 32) {
    for (let i = 0; i < count; i++) out[at + i] = src[from + i]!;
  } else {
    out.set(src.subarray(from, from + count), at);
  }
  return at + count;
}

/**
 * One block into `out` at `dIndex`; returns the end, or -1 where lz4js's compressBlock returns 0
 * (nothing was matched in the frame's first block).
 */
function compressBlock(src: Uint8Array, view: DataView, sIndex: number, sLength: number, dIndex: number): number {
  const sEnd = sLength + sIndex;
  const searchEnd = sEnd - SEARCH_LIMIT;
  let mAnchor = sIndex;
  if (sLength >= MIN_LENGTH) {
    let searchMatchCount = (1 << SKIP_TRIGGER) + 3;
    while (sIndex + MIN_MATCH < searchEnd) {
      const seq = view.getInt32(sIndex, true);
      const hash = hash16(seq);
      let mIndex = hashTable[hash]! - 1;
      hashTable[hash] = sIndex + 1;
      if (mIndex < 0 || (sIndex - mIndex) >>> 16 > 0 || view.getInt32(mIndex, true) !== seq) {
        sIndex += searchMatchCount++ >> SKIP_TRIGGER;
        continue;
      }
      searchMatchCount = (1 << SKIP_TRIGGER) + 3;
      const literalCount = sIndex - mAnchor;
      const mOffset = sIndex - mIndex;
      sIndex += MIN_MATCH;
      mIndex += MIN_MATCH;
      const matchStart = sIndex;
      // Four bytes at a time while all four lie before the search limit, then byte by byte.
      while (sIndex + 3 < searchEnd && view.getInt32(sIndex, true) === view.getInt32(mIndex, true)) {
        sIndex += 4;
        mIndex += 4;
      }
      while (sIndex < searchEnd && src[sIndex] === src[mIndex]) {
        sIndex++;
        mIndex++;
      }
      const mLength = sIndex - matchStart;
      const token = mLength < ML_MASK ? mLength : ML_MASK;
      if (literalCount >= RUN_MASK) {
        out[dIndex++] = (RUN_MASK << ML_BITS) + token;
        let n = literalCount - RUN_MASK;
        for (; n >= 0xff; n -= 0xff) out[dIndex++] = 0xff;
        out[dIndex++] = n;
      } else {
        out[dIndex++] = (literalCount << ML_BITS) + token;
      }
      dIndex = copyLiterals(src, mAnchor, literalCount, dIndex);
      out[dIndex++] = mOffset & 0xff;
      out[dIndex++] = (mOffset >> 8) & 0xff;
      if (mLength >= ML_MASK) {
        let n = mLength - ML_MASK;
        for (; n >= 0xff; n -= 0xff) out[dIndex++] = 0xff;
        out[dIndex++] = n;
      }
      mAnchor = sIndex;
    }
  }
  if (mAnchor === 0) return -1;
  return lastLiterals(src, mAnchor, sEnd - mAnchor, dIndex);
}

/** The block's closing run of literals. */
function lastLiterals(src: Uint8Array, from: number, literalCount: number, dIndex: number): number {
  if (literalCount >= RUN_MASK) {
    out[dIndex++] = RUN_MASK << ML_BITS;
    let n = literalCount - RUN_MASK;
    for (; n >= 0xff; n -= 0xff) out[dIndex++] = 0xff;
    out[dIndex++] = n;
  } else {
    out[dIndex++] = literalCount << ML_BITS;
  }
  return copyLiterals(src, from, literalCount, dIndex);
}

/** An LZ4 frame of `src`, byte for byte what lz4js's compress(src) returns. */
export function lz4CompressFrame(src: Uint8Array): Uint8Array {
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  ensureCapacity(frameBound(src.byteLength));
  out.set(FRAME_HEADER, 0);
  let dIndex = FRAME_HEADER.length;
  hashTable.fill(0);
  let sIndex = 0;
  let remaining = src.byteLength;
  while (remaining > 0) {
    const blockSize = remaining > MAX_BLOCK_BYTES ? MAX_BLOCK_BYTES : remaining;
    // The block goes straight after its size word; a block that did not shrink is rewritten raw.
    const end = compressBlock(src, view, sIndex, blockSize, dIndex + 4);
    const compSize = end - (dIndex + 4);
    if (end < 0 || compSize > blockSize) {
      outView.setUint32(dIndex, (UNCOMPRESSED_BLOCK | blockSize) >>> 0, true);
      out.set(src.subarray(sIndex, sIndex + blockSize), dIndex + 4);
      dIndex += 4 + blockSize;
    } else {
      outView.setUint32(dIndex, compSize, true);
      dIndex = end;
    }
    sIndex += blockSize;
    remaining -= blockSize;
  }
  outView.setUint32(dIndex, 0, true);
  dIndex += 4;
  return out.slice(0, dIndex);
}
