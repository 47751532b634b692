// Corrupted replays through every decoder: the viewer's (fast path, then the codec's reader), the
// codec's partial decoder and its strict one. Chunks removed, repeated or swapped, the file cut
// or a byte changed: each decoder must give a named error (ReplayError) or a result that says
// what is wrong — never a crash, and never a whole-looking replay with steps missing or repeated.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EpisodeRecord } from '../../sim/record/episode-record.js';
import { ReplayError, decodeEpisodeMcap, decodeEpisodeMcapPartial, encodeEpisodeMcap } from '../../sim/record/mcap-codec.js';
import { decodeReplay } from '../../viewer/src/decode/decode-replay.js';
import { syntheticEpisode } from '../../viewer/bench/synthetic-episode.js';
import { fuzzParams } from './fuzz-settings.js';

const CHUNK = 0x06;
const FOOTER = 0x02;

/** Byte ranges [start, end) of the top-level chunk records of an MCAP file. */
function chunkRanges(bytes: Uint8Array): Array<[number, number]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Array<[number, number]> = [];
  for (let p = 8; p + 9 <= bytes.length;) {
    const op = bytes[p]!;
    const end = p + 9 + Number(view.getBigUint64(p + 1, true));
    if (op === CHUNK) out.push([p, end]);
    if (op === FOOTER) break;
    p = end;
  }
  return out;
}

const join = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

type Damage =
  | { kind: 'remove-chunk'; chunk: number }
  | { kind: 'repeat-chunk'; chunk: number }
  | { kind: 'swap-chunks'; chunk: number; other: number }
  | { kind: 'cut'; at: number }
  | { kind: 'flip'; at: number; xor: number };

function damage(bytes: Uint8Array, chunks: Array<[number, number]>, d: Damage): Uint8Array {
  const c = (k: number) => chunks[k % chunks.length]!;
  switch (d.kind) {
    case 'remove-chunk': {
      const [a, b] = c(d.chunk);
      return join(bytes.subarray(0, a), bytes.subarray(b));
    }
    case 'repeat-chunk': {
      const [a, b] = c(d.chunk);
      return join(bytes.subarray(0, b), bytes.subarray(a, b), bytes.subarray(b));
    }
    case 'swap-chunks': {
      const [x, y] = [c(d.chunk), c(d.other)].sort((p, q) => p[0] - q[0]) as [[number, number], [number, number]];
      if (x[0] === y[0]) return bytes;
      return join(bytes.subarray(0, x[0]), bytes.subarray(y[0], y[1]), bytes.subarray(x[1], y[0]), bytes.subarray(x[0], x[1]), bytes.subarray(y[1]));
    }
    case 'cut':
      return bytes.subarray(0, d.at % bytes.length);
    case 'flip': {
      const out = bytes.slice();
      out[d.at % out.length]! ^= d.xor;
      return out;
    }
  }
}

const damages = (chunkCount: number): fc.Arbitrary<Damage> =>
  fc.oneof(
    fc.record({ kind: fc.constant('remove-chunk' as const), chunk: fc.nat(chunkCount - 1) }),
    fc.record({ kind: fc.constant('repeat-chunk' as const), chunk: fc.nat(chunkCount - 1) }),
    fc.record({ kind: fc.constant('swap-chunks' as const), chunk: fc.nat(chunkCount - 1), other: fc.nat(chunkCount - 1) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  );

/** A decoder's error is named: a ReplayError saying which file and what is wrong. */
function expectNamed(error: unknown): void {
  expect(error).toBeInstanceOf(ReplayError);
  expect((error as ReplayError).message.length).toBeGreaterThan(10);
}

describe('replay decoders on corrupted replays', () => {
  let record: EpisodeRecord;
  let bytes: Uint8Array;
  let chunks: Array<[number, number]>;
  let times: number[];

  beforeAll(async () => {
    record = syntheticEpisode(3);
    bytes = await encodeEpisodeMcap(record);
    chunks = chunkRanges(bytes);
    times = record.steps.map((s) => s.frame.timeSec);
  });

  it('the fixture has enough chunks to lose one', () => {
    expect(chunks.length).toBeGreaterThan(4);
  });

  it('a lost or repeated chunk is named: the viewer says which steps are missing or repeated', () => {
    // Chunk 2 lies in the middle of the steps.
    const lost = decodeReplay(damage(bytes, chunks, { kind: 'remove-chunk', chunk: 2 }), 'lost.mcap');
    expect(lost.problem).toMatch(/steps \d+–\d+ \(between t = [\d.]+ s and t = [\d.]+ s\) are missing/);
    expect(lost.columns.count).toBeLessThan(times.length);
    const repeated = decodeReplay(damage(bytes, chunks, { kind: 'repeat-chunk', chunk: 2 }), 'repeated.mcap');
    expect(repeated.problem).toMatch(/steps \d+–\d+ appear more than once/);
    // Each step once, in order: the repeat is not shown twice.
    expect(Array.from(repeated.columns.times)).toEqual(times);
    const partial = decodeEpisodeMcapPartial(damage(bytes, chunks, { kind: 'remove-chunk', chunk: 2 }), 'lost.mcap');
    expect(partial.complete).toBe(false);
    expect(partial.problem).toMatch(/are missing/);
  });

  it('every decoder: a named error or a flagged result, never a crash or a whole-looking wrong replay', () => {
    fc.assert(
      fc.property(damages(chunks.length), (d) => {
        const damaged = damage(bytes, chunks, d);
        // The viewer's decoder (fast path, falling back to the codec's reader).
        try {
          const replay = decodeReplay(damaged, 'fuzz.mcap');
          if (replay.problem === undefined) {
            expect(Array.from(replay.columns.times)).toEqual(times);
            expect(replay.events).toEqual(record.events);
          } else {
            expect(replay.problem).toMatch(/^fuzz\.mcap: /);
          }
        } catch (error) {
          expectNamed(error);
        }
        // The codec's partial decoder.
        try {
          const result = decodeEpisodeMcapPartial(damaged, 'fuzz.mcap');
          if (result.complete) {
            expect(result.record.steps.map((s) => s.frame.timeSec)).toEqual(times);
            expect(result.record.events).toEqual(record.events);
          } else {
            expect(result.problem).toMatch(/^fuzz\.mcap: /);
          }
        } catch (error) {
          expectNamed(error);
        }
      }),
      fuzzParams(60),
    );
  });

  it('the strict decoder: the whole replay as written, or a named error', async () => {
    await fc.assert(
      fc.asyncProperty(damages(chunks.length), async (d) => {
        try {
          const decoded = await decodeEpisodeMcap(damage(bytes, chunks, d), 'fuzz.mcap');
          expect(decoded.steps.map((s) => s.frame.timeSec)).toEqual(times);
          expect(decoded.events).toEqual(record.events);
        } catch (error) {
          expectNamed(error);
        }
      }),
      fuzzParams(40),
    );
  });
});
