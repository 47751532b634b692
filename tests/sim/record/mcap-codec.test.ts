import { McapIndexedReader } from '@mcap/core';
import type { IReadable } from '@mcap/core';
import lz4 from 'lz4js';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  EPISODE_METADATA_NAME,
  EPISODE_TOPICS,
  FOXGLOVE_TOPICS,
  ReplayError,
  decodeEpisodeMcap,
  decodeEpisodeMcapPartial,
  encodeEpisodeMcap,
} from '../../../sim/record/index.js';
import type { EpisodeRecord } from '../../../sim/record/index.js';
import { CONTACT_STEPS, NAN_ACTION_STEP, makeRecord } from './make-record.js';

function readable(bytes: Uint8Array): IReadable {
  return {
    size: async () => BigInt(bytes.byteLength),
    read: async (offset, size) => bytes.subarray(Number(offset), Number(offset + size)),
  };
}

/** Runs `fn` and returns what it threw, failing the test if it did not throw. */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, none was thrown');
}

describe('episode MCAP codec', () => {
  let record: EpisodeRecord;
  let bytes: Uint8Array;

  beforeAll(async () => {
    record = makeRecord(400);
    bytes = await encodeEpisodeMcap(record);
  });

  it('decodes to a record deep-equal to the one encoded, NaN, Infinity and -0 included', async () => {
    const decoded = await decodeEpisodeMcap(bytes, 'round-trip.mcap');
    expect(decoded).toEqual(record);

    const nanStep = decoded.steps[NAN_ACTION_STEP]!;
    expect(nanStep.frame.command?.action[0]).toBeNaN();
    expect(nanStep.frame.command?.finite).toBe(false);
    expect(decoded.steps[0]!.samples[1]!.margin).toBe(Number.POSITIVE_INFINITY);
    expect(decoded.steps[0]!.frame.scan?.rangesM[0]).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(decoded.steps[0]!.frame.robot.angularRadps, -0)).toBe(true);
    // A real string spelled like a token stays a string.
    expect(decoded.steps[0]!.samples[2]!.note).toBe('NaN');
    expect(decoded.steps[CONTACT_STEPS[0]!]!.frame.contacts[0]!.region).toBe('lower-leg');
    expect(decoded.events.map((e) => e.kind)).toContain('non-finite-action');
  });

  it('keeps strings that look like escaped tokens exactly as they were', async () => {
    const tricky = makeRecord(3);
    tricky.header.scene = { labels: ['NaN', '~NaN', '~~-Infinity', '-0', '~', 'Infinity!'] };
    tricky.header.params = { NaN: Number.NaN, '-0': -0 };
    const decoded = await decodeEpisodeMcap(await encodeEpisodeMcap(tricky));
    expect(decoded).toEqual(tricky);
    expect(Object.is(decoded.header.params['-0'], -0)).toBe(true);
  });

  it('encodes the same record to identical bytes every time', async () => {
    const again = await encodeEpisodeMcap(makeRecord(400));
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    // Decoding and re-encoding changes nothing either.
    const reencoded = await encodeEpisodeMcap(await decodeEpisodeMcap(bytes));
    expect(Buffer.from(reencoded).equals(Buffer.from(bytes))).toBe(true);
  });

  it('is a standard indexed MCAP file: jsonschema channels, compressed chunks, metadata', async () => {
    const reader = await McapIndexedReader.Initialize({ readable: readable(bytes) });
    expect(reader.header.library).toBe('erosion 0.1.0');

    const channels = [...reader.channelsById.values()];
    expect(channels.map((c) => c.topic).sort()).toEqual([...Object.values(EPISODE_TOPICS), ...Object.values(FOXGLOVE_TOPICS)].sort());
    for (const channel of channels) {
      expect(channel.messageEncoding).toBe('json');
      const schema = reader.schemasById.get(channel.schemaId)!;
      expect(schema.encoding).toBe('jsonschema');
      const parsed = JSON.parse(new TextDecoder().decode(schema.data)) as Record<string, unknown>;
      expect(parsed.type).toBe('object');
      expect(parsed.title).toBe(schema.name);
    }

    const counts = new Map([...(reader.statistics?.channelMessageCounts ?? [])].map(([id, n]) => [reader.channelsById.get(id)!.topic, n]));
    expect(counts.get(EPISODE_TOPICS.header)).toBe(1n);
    expect(counts.get(EPISODE_TOPICS.step)).toBe(400n);
    expect(counts.get(EPISODE_TOPICS.event)).toBe(BigInt(record.events.length));
    expect(counts.get(EPISODE_TOPICS.footer)).toBe(1n);
    expect(reader.statistics?.messageEndTime).toBe(BigInt(Math.round(record.steps.at(-1)!.frame.timeSec * 1e9)));

    expect(reader.chunkIndexes.length).toBeGreaterThan(1);
    expect(new Set(reader.chunkIndexes.map((c) => c.compression))).toEqual(new Set(['lz4']));

    const metadata = [];
    for await (const m of reader.readMetadata({ name: EPISODE_METADATA_NAME })) metadata.push(m);
    expect(metadata).toHaveLength(1);
    const facts = metadata[0]!.metadata;
    expect(facts.get('scenarioId')).toBe('nav/crossing-pedestrian');
    expect(facts.get('seed')).toBe('7');
    expect(facts.get('policyId')).toBe('nav-candidate');
    expect(facts.get('policySha256')).toBe('ab'.repeat(32));
    expect(facts.get('outcome')).toBe('terminated-by-monitor');
  });

  it('stamps every step at its simulated time, never the wall clock', async () => {
    // A reader that only knows @mcap/core and a stock LZ4 frame decoder can read the steps.
    const reader = await McapIndexedReader.Initialize({
      readable: readable(bytes),
      decompressHandlers: { lz4: (data, size) => lz4.decompress(data, Number(size)) },
    });
    const times: bigint[] = [];
    for await (const m of reader.readMessages({ topics: [EPISODE_TOPICS.step] })) {
      expect(m.publishTime).toBe(m.logTime);
      times.push(m.logTime);
    }
    expect(times).toEqual(record.steps.map((s) => BigInt(Math.round(s.frame.timeSec * 1e9))));
  });

  it('writes schemas Foxglove and Lichtblick can turn into message definitions', async () => {
    // Those readers accept one string `type` per property, objects with `properties`, typed array
    // items, and no $ref; anything else makes the topic unreadable there.
    const allowed = new Set(['boolean', 'string', 'number', 'integer', 'object', 'array']);
    const check = (schema: Record<string, unknown>, path: string): void => {
      expect(schema.$ref, path).toBeUndefined();
      expect(allowed.has(schema.type as string), `${path}: type ${JSON.stringify(schema.type)}`).toBe(true);
      if (schema.type === 'object') {
        expect(typeof schema.properties, `${path}.properties`).toBe('object');
        for (const [key, sub] of Object.entries(schema.properties as Record<string, Record<string, unknown>>)) {
          check(sub, `${path}.${key}`);
        }
      }
      if (schema.type === 'array') check(schema.items as Record<string, unknown>, `${path}[]`);
    };
    const reader = await McapIndexedReader.Initialize({ readable: readable(bytes) });
    // Foxglove's own schemas (foxglove.*) are known to those tools by name; only ours need the subset.
    for (const schema of [...reader.schemasById.values()].filter((s) => s.name.startsWith('erosion.'))) {
      check(JSON.parse(new TextDecoder().decode(schema.data)) as Record<string, unknown>, schema.name);
    }
  });

  it.each([0.05, 0.3, 0.6, 0.9, 0.999])(
    'a file cut at %s of its bytes gives a ReplayError, and the partial decoder keeps what came before',
    async (fraction) => {
      const cut = bytes.subarray(0, Math.floor(bytes.byteLength * fraction));
      const error = await thrown(() => decodeEpisodeMcap(cut, 'cut.mcap'));
      expect(error).toBeInstanceOf(ReplayError);
      const replayError = error as ReplayError;
      expect(replayError.source).toBe('cut.mcap');
      expect(replayError.problem).toBe('truncated');
      expect(replayError.message).toMatch(/^cut\.mcap: truncated or corrupt MCAP file: it ends after \d+ bytes/);
      expect(replayError.message).toMatch(/could read the header/);

      const partial = decodeEpisodeMcapPartial(cut, 'cut.mcap');
      expect(partial.complete).toBe(false);
      expect(partial.problem).toMatch(/^cut\.mcap: truncated/);
      expect(partial.record.header).toEqual(record.header);
      // What survives is exactly the start of the episode, in order.
      const n = partial.record.steps.length;
      expect(partial.record.steps).toEqual(record.steps.slice(0, n));
      if (fraction >= 0.3) expect(n).toBeGreaterThan(0);
      // The footer message sits in the last chunk; a cut after it (in the summary) keeps it.
      const reader = await McapIndexedReader.Initialize({ readable: readable(bytes) });
      const last = reader.chunkIndexes.at(-1)!;
      if (cut.byteLength < Number(last.chunkStartOffset + last.chunkLength)) {
        expect(partial.record.footer).toBeUndefined();
      } else {
        expect(partial.record.footer).toEqual(record.footer);
      }
      expect(replayError.message).toContain(n === 0 ? 'no steps' : `${n} steps`);
    },
  );

  it('cutting anywhere (every ~2 kB tried) never escapes as anything but a ReplayError', async () => {
    for (let at = 1; at < bytes.byteLength; at += 1999) {
      const error = await thrown(() => decodeEpisodeMcap(bytes.subarray(0, at), 'cut.mcap'));
      expect(error, `cut at ${at}`).toBeInstanceOf(ReplayError);
      expect(() => decodeEpisodeMcapPartial(bytes.subarray(0, at), 'cut.mcap')).not.toThrow();
    }
  });

  it('damaged chunk data gives a ReplayError saying the file is corrupt; earlier steps survive', async () => {
    const reader = await McapIndexedReader.Initialize({ readable: readable(bytes) });
    const chunk = reader.chunkIndexes[Math.floor(reader.chunkIndexes.length / 2)]!;
    const damaged = bytes.slice();
    const at = Number(chunk.chunkStartOffset) + 500;
    for (let i = 0; i < 64; i++) damaged[at + i]! ^= 0x5a;

    const error = await thrown(() => decodeEpisodeMcap(damaged, 'damaged.mcap'));
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).problem).toBe('corrupt');
    expect((error as ReplayError).message).toMatch(/^damaged\.mcap: corrupt MCAP file/);

    const partial = decodeEpisodeMcapPartial(damaged, 'damaged.mcap');
    expect(partial.complete).toBe(false);
    expect(partial.problem).toMatch(/^damaged\.mcap: damaged \(/);
    const n = partial.record.steps.length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(record.steps.length);
    expect(partial.record.steps).toEqual(record.steps.slice(0, n));
  });

  it('a damaged index makes the file unreadable as a whole, yet every message can still be read', async () => {
    const reader = await McapIndexedReader.Initialize({ readable: readable(bytes) });
    const chunk = reader.chunkIndexes[1]!;
    // Message index records follow each chunk; they are not part of the chunk's checksum.
    const damaged = bytes.slice();
    const at = Number(chunk.chunkStartOffset + chunk.chunkLength) + 20;
    for (let i = 0; i < 16; i++) damaged[at + i]! ^= 0x5a;

    await expect(decodeEpisodeMcap(damaged, 'index.mcap')).rejects.toThrow(/^index\.mcap: corrupt MCAP file/);
    const partial = decodeEpisodeMcapPartial(damaged, 'index.mcap');
    expect(partial.record).toEqual(record);
  });

  it('the partial decoder reports a whole file as complete', () => {
    const result = decodeEpisodeMcapPartial(bytes, 'whole.mcap');
    expect(result.complete).toBe(true);
    expect(result.record).toEqual(record);
  });

  it('garbage bytes are "not an MCAP file"', async () => {
    const garbage = new TextEncoder().encode('{"header": "this is JSON, not MCAP"}');
    const error = await thrown(() => decodeEpisodeMcap(garbage, 'garbage.mcap'));
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).message).toBe('garbage.mcap: not an MCAP file: it does not start with the MCAP magic bytes');
    expect(() => decodeEpisodeMcapPartial(garbage, 'garbage.mcap')).toThrow(/not an MCAP file/);
    await expect(decodeEpisodeMcap(new Uint8Array(0), 'empty.mcap')).rejects.toThrow(/not an MCAP file/);
  });

  it('an MCAP file that is not an episode says so', async () => {
    const { McapWriter, TempBuffer } = await import('@mcap/core');
    const buffer = new TempBuffer();
    const writer = new McapWriter({ writable: buffer });
    await writer.start({ profile: '', library: 'other' });
    const channelId = await writer.registerChannel({ topic: '/chatter', schemaId: 0, messageEncoding: 'json', metadata: new Map() });
    await writer.addMessage({ channelId, sequence: 0, logTime: 0n, publishTime: 0n, data: new TextEncoder().encode('{}') });
    await writer.end();
    await expect(decodeEpisodeMcap(buffer.get(), 'chatter.mcap')).rejects.toThrow(/^chatter\.mcap: not an Erosion episode/);
  });

  it('a 5000-step episode encodes to a few megabytes at most', async () => {
    const long = makeRecord(5000);
    const encoded = await encodeEpisodeMcap(long);
    const json = new TextEncoder().encode(JSON.stringify(long)).byteLength;
    console.info(`5000-step episode: ${encoded.byteLength} bytes MCAP, ${json} bytes plain JSON`);
    expect(encoded.byteLength).toBeLessThan(json / 2);
    expect(encoded.byteLength).toBeLessThan(4 * 1024 * 1024);
    const decoded = await decodeEpisodeMcap(encoded);
    expect(decoded.steps).toHaveLength(5000);
  });
});
