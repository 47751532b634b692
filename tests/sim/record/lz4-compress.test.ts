import lz4 from 'lz4js';
import { describe, expect, it } from 'vitest';
import { DECOMPRESS_HANDLERS, LZ4_COMPRESSION } from '../../../sim/record/lz4-chunks.js';
import { lz4CompressFrame } from '../../../sim/record/lz4-compress.js';
import { stringifyFinite } from '../../../sim/record/finite-json.js';
import { makeRecord } from './make-record.js';

/** Deterministic bytes over a small or large alphabet (runs compress, noise does not). */
function bytes(n: number, alphabet: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (Math.imul(i + 7, 2654435761) >>> 13) % alphabet);
}

/** Byte equality; toEqual walks megabytes element by element. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe('LZ4 frame writer', () => {
  it('writes exactly the bytes lz4js writes, for every size and kind of input', () => {
    for (const n of [0, 1, 5, 12, 13, 14, 20, 64, 100, 1000, 65_536, 70_000]) {
      for (const alphabet of [1, 2, 4, 30, 256]) {
        const src = bytes(n, alphabet);
        expect(same(lz4CompressFrame(src), lz4.compress(src)), `${n} bytes over ${alphabet}`).toBe(true);
        // A view into a larger buffer, as the MCAP writer hands over its chunks.
        const holder = new Uint8Array(n + 10);
        holder.set(src, 5);
        expect(same(lz4CompressFrame(holder.subarray(5, 5 + n)), lz4.compress(src))).toBe(true);
      }
    }
  });

  it('matches lz4js across several 4 MiB blocks', () => {
    const src = bytes(9_000_000, 3);
    expect(same(lz4CompressFrame(src), lz4.compress(src))).toBe(true);
  });

  it('matches lz4js on episode steps as a replay chunk holds them, and reads back', () => {
    const text = new TextEncoder().encode(
      makeRecord(400)
        .steps.map((s) => stringifyFinite(s))
        .join(''),
    );
    for (let at = 0; at < text.length; at += 66_000) {
      const chunk = text.subarray(at, at + 66_000);
      const frame = lz4CompressFrame(chunk);
      expect(same(frame, lz4.compress(chunk))).toBe(true);
      expect(same(DECOMPRESS_HANDLERS[LZ4_COMPRESSION]!(frame, BigInt(chunk.byteLength)) as Uint8Array, chunk)).toBe(true);
    }
  });
});
