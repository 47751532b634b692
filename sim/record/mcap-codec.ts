// Episode records as MCAP files: pure bytes in, bytes out (no fs), so the run engine, the CLI
// and the browser viewer share one codec.
//
// Layout: four JSON channels with jsonschema schemas, LZ4-compressed chunks, a full index and
// summary, and the header's key facts as an MCAP Metadata record. Three more channels carry the
// episode in Foxglove's own schemas (see foxglove-channels.ts) for other tools; this decoder
// skips them. Message log times are
// simulated time, never the wall clock, so the same record always gives the same bytes.

import { MCAP_MAGIC, McapIndexedReader, McapStreamReader, McapWriter } from '@mcap/core';
import type { IReadable, IWritable, TypedMcapRecords } from '@mcap/core';

import type { EpisodeEvent, EpisodeFooter, EpisodeHeader, EpisodeRecord, EpisodeStep } from './episode-record.js';
import { RECORD_SCHEMA_VERSION } from './episode-record.js';
import { EPISODE_JSON_SCHEMAS } from './episode-json-schemas.js';
import { parseFinite, stringifyFinite } from './finite-json.js';
import { FOXGLOVE_KINDS, FOXGLOVE_SCHEMAS, FOXGLOVE_TOPICS, FoxgloveScenePacer } from './foxglove-channels.js';
import type { FoxgloveKind } from './foxglove-channels.js';
import { DECOMPRESS_HANDLERS, compressChunk } from './lz4-chunks.js';
import { checkContinuity } from './message-continuity.js';
import { ReplayError } from './replay-error.js';

export { ReplayError } from './replay-error.js';
export { FOXGLOVE_TOPICS } from './foxglove-channels.js';
export type { ReplayProblem } from './replay-error.js';

export const EPISODE_TOPICS = {
  header: '/erosion/header',
  step: '/erosion/step',
  event: '/erosion/event',
  footer: '/erosion/footer',
} as const;

/** Name of the MCAP Metadata record that carries the header's key facts as strings. */
export const EPISODE_METADATA_NAME = 'erosion.episode';

/**
 * Uncompressed bytes per chunk. Small enough that a file cut anywhere loses at most a few dozen
 * steps, and that a viewer seeking to a time decompresses little; LZ4 only looks back 64 KiB, so
 * bigger chunks would barely compress better.
 */
const CHUNK_SIZE_BYTES = 64 * 1024;

const DEFAULT_SOURCE = 'episode MCAP';
const METADATA_HEADER_KEY = 'header';

type Kind = keyof typeof EPISODE_TOPICS;
const KINDS: readonly Kind[] = ['header', 'step', 'event', 'footer'];
const KIND_BY_TOPIC = new Map<string, Kind>(KINDS.map((kind) => [EPISODE_TOPICS[kind], kind]));

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

const SCHEMA_BYTES: Record<Kind, Uint8Array> = {
  header: utf8Encoder.encode(JSON.stringify(EPISODE_JSON_SCHEMAS.header)),
  step: utf8Encoder.encode(JSON.stringify(EPISODE_JSON_SCHEMAS.step)),
  event: utf8Encoder.encode(JSON.stringify(EPISODE_JSON_SCHEMAS.event)),
  footer: utf8Encoder.encode(JSON.stringify(EPISODE_JSON_SCHEMAS.footer)),
};

// ---------------------------------------------------------------------------------------------
// Encoding

/** Collects written bytes in parts and joins them once (TempBuffer regrows on every write). */
class ByteSink implements IWritable {
  #parts: Uint8Array[] = [];
  #size = 0;

  async write(buffer: Uint8Array): Promise<void> {
    // The writer reuses its buffer after each write, so keep a copy.
    this.#parts.push(buffer.slice());
    this.#size += buffer.byteLength;
  }

  position(): bigint {
    return BigInt(this.#size);
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.#size);
    let at = 0;
    for (const part of this.#parts) {
      out.set(part, at);
      at += part.byteLength;
    }
    return out;
  }
}

function toNanoseconds(timeSec: number, what: string): bigint {
  if (!Number.isFinite(timeSec) || timeSec < 0) {
    throw new RangeError(`${what} has time ${timeSec} s; an MCAP log time must be finite and >= 0`);
  }
  return BigInt(Math.round(timeSec * 1e9));
}

function episodeMetadata(record: EpisodeRecord): Map<string, string> {
  const { header, footer } = record;
  return new Map([
    ['schemaVersion', String(header.schemaVersion)],
    ['scenarioId', header.scenarioId],
    ['scenarioHash', header.scenarioHash],
    ['level', String(header.level)],
    ['seed', String(header.seed)],
    ['policyId', header.policy.id],
    ['policySha256', header.policy.sha256],
    ['policyRole', header.policy.role],
    ['erosionVersion', header.engine.erosion],
    ['rapierVersion', header.engine.rapier],
    ['onnxruntimeVersion', header.engine.onnxruntime],
    ['physicsHz', String(header.rates.physicsHz)],
    ['controlHz', String(header.rates.controlHz)],
    ['steps', String(record.steps.length)],
    ['outcome', footer.outcome.kind],
    ['unsafe', String(footer.summary.unsafe)],
    // The whole header as well: it sits before the first chunk, so a file cut inside that chunk
    // still says what ran.
    [METADATA_HEADER_KEY, stringifyFinite(header)],
  ]);
}

/**
 * Encodes a record as an indexed, LZ4-chunked MCAP file. Deterministic: the same record gives
 * the same bytes. NaN, ±Infinity and -0 survive (see finite-json.ts). Async only because
 * McapWriter is; nothing here waits on I/O.
 */
export async function encodeEpisodeMcap(record: EpisodeRecord): Promise<Uint8Array> {
  const sink = new ByteSink();
  const writer = new McapWriter({
    writable: sink,
    chunkSize: CHUNK_SIZE_BYTES,
    compressChunk,
  });
  await writer.start({ profile: '', library: `erosion ${record.header.engine.erosion}` });

  const channelIds = {} as Record<Kind, number>;
  for (const kind of KINDS) {
    const schemaId = await writer.registerSchema({
      name: String(EPISODE_JSON_SCHEMAS[kind].title),
      encoding: 'jsonschema',
      data: SCHEMA_BYTES[kind],
    });
    channelIds[kind] = await writer.registerChannel({
      schemaId,
      topic: EPISODE_TOPICS[kind],
      messageEncoding: 'json',
      metadata: new Map(),
    });
  }
  const foxgloveIds = {} as Record<FoxgloveKind, number>;
  const foxgloveSchemaIds = new Map<string, number>();
  for (const kind of FOXGLOVE_KINDS) {
    const schema = FOXGLOVE_SCHEMAS[kind];
    let schemaId = foxgloveSchemaIds.get(schema.name);
    if (schemaId === undefined) {
      schemaId = await writer.registerSchema({ name: schema.name, encoding: 'jsonschema', data: schema.data });
      foxgloveSchemaIds.set(schema.name, schemaId);
    }
    foxgloveIds[kind] = await writer.registerChannel({
      schemaId,
      topic: FOXGLOVE_TOPICS[kind],
      messageEncoding: 'json',
      metadata: new Map(),
    });
  }
  await writer.addMetadata({ name: EPISODE_METADATA_NAME, metadata: episodeMetadata(record) });

  const sequence: Record<Kind, number> = { header: 0, step: 0, event: 0, footer: 0 };
  const add = (kind: Kind, logTime: bigint, value: unknown): Promise<void> =>
    writer.addMessage({
      channelId: channelIds[kind],
      // Per-channel order, so decoding restores it exactly even among equal log times.
      sequence: sequence[kind]++,
      logTime,
      publishTime: logTime,
      data: utf8Encoder.encode(stringifyFinite(value)),
    });

  const foxgloveSequence: Record<FoxgloveKind, number> = { staticScene: 0, scene: 0, log: 0 };
  const addFoxglove = (kind: FoxgloveKind, logTime: bigint, value: unknown): Promise<void> =>
    writer.addMessage({
      channelId: foxgloveIds[kind],
      sequence: foxgloveSequence[kind]++,
      logTime,
      publishTime: logTime,
      // Plain JSON: those tools read null where a number is not finite.
      data: utf8Encoder.encode(JSON.stringify(value)),
    });
  const pacer = new FoxgloveScenePacer(record.header);
  const addEvent = async (event: EpisodeEvent, time: bigint): Promise<void> => {
    await add('event', time, event);
    await addFoxglove('log', time, pacer.log(event));
  };

  await add('header', 0n, record.header);
  await addFoxglove('staticScene', 0n, pacer.staticScene());

  // Steps and events interleaved in time order (an event follows the step it happened at), so
  // a file cut short still holds the events up to the cut.
  const events = record.events;
  let next = 0;
  let lastStepTime: bigint | undefined;
  for (const step of record.steps) {
    const time = toNanoseconds(step.frame.timeSec, `step ${step.frame.step}`);
    for (; next < events.length; next++) {
      const event = events[next]!;
      const eventTime = toNanoseconds(event.timeSec, `event ${next} (${event.kind})`);
      if (eventTime >= time) break;
      await addEvent(event, eventTime);
    }
    await add('step', time, step);
    const scene = pacer.sceneAt(step, time);
    if (scene !== undefined) await addFoxglove('scene', time, scene);
    lastStepTime = time;
  }
  for (; next < events.length; next++) {
    const event = events[next]!;
    await addEvent(event, toNanoseconds(event.timeSec, `event ${next} (${event.kind})`));
  }

  const footerTime = lastStepTime ?? (Number.isFinite(record.footer.outcome.timeSec) ? toNanoseconds(record.footer.outcome.timeSec, 'footer') : 0n);
  await add('footer', footerTime, record.footer);

  await writer.end();
  return sink.bytes();
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** What could be read from a file that is cut short or damaged. */
export interface PartialEpisodeRecord {
  header?: EpisodeHeader;
  steps: EpisodeStep[];
  events: EpisodeEvent[];
  footer?: EpisodeFooter;
}

export type PartialDecodeResult =
  { complete: true; record: EpisodeRecord; problem?: undefined } | { complete: false; record: PartialEpisodeRecord; problem: string };

/** Gathers messages by channel; order comes from each message's sequence number. */
class Collector {
  readonly headers: Array<{ sequence: number; value: EpisodeHeader }> = [];
  readonly steps: Array<{ sequence: number; value: EpisodeStep }> = [];
  readonly events: Array<{ sequence: number; value: EpisodeEvent }> = [];
  readonly footers: Array<{ sequence: number; value: EpisodeFooter }> = [];
  messages = 0;
  /** The header copy from the Metadata record, used when the header message was lost. */
  metadataHeader: EpisodeHeader | undefined;
  /** Messages per channel as the summary's Statistics record counts them. */
  readonly counted = new Map<Kind, number>();
  /** Gaps, repeats and time reversals found by the last partial(): see message-continuity.ts. */
  problems: string[] = [];

  addStatistics(statistics: TypedMcapRecords['Statistics'], kindOfChannel: (id: number) => Kind | undefined): void {
    for (const [id, count] of statistics.channelMessageCounts) {
      const kind = kindOfChannel(id);
      if (kind) this.counted.set(kind, Number(count));
    }
  }

  addMetadata(metadata: TypedMcapRecords['Metadata']): void {
    const text = metadata.name === EPISODE_METADATA_NAME ? metadata.metadata.get(METADATA_HEADER_KEY) : undefined;
    if (text === undefined) return;
    const value = parseFinite(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      this.metadataHeader = value as EpisodeHeader;
    }
  }

  add(kind: Kind, message: TypedMcapRecords['Message']): void {
    let value: unknown;
    try {
      value = parseFinite(utf8Decoder.decode(message.data));
    } catch (error) {
      throw new Error(`message ${message.sequence} on ${EPISODE_TOPICS[kind]} is not valid JSON (${errorText(error)})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`message ${message.sequence} on ${EPISODE_TOPICS[kind]} is not a JSON object`);
    }
    const entry = { sequence: message.sequence, value };
    this.messages++;
    if (kind === 'header') this.headers.push(entry as { sequence: number; value: EpisodeHeader });
    else if (kind === 'step') this.steps.push(entry as { sequence: number; value: EpisodeStep });
    else if (kind === 'event') this.events.push(entry as { sequence: number; value: EpisodeEvent });
    else this.footers.push(entry as { sequence: number; value: EpisodeFooter });
  }

  /**
   * What was read, in order, each message once. Steps and events are checked against their
   * sequence numbers and the summary's counts (or the footer's step count); what is missing or
   * repeated is named in `problems`.
   */
  partial(): PartialEpisodeRecord {
    const footer = this.footers[0]?.value;
    const footerSteps = footer?.summary?.steps;
    const steps = checkContinuity(
      'step',
      this.steps,
      this.counted.get('step') ?? (typeof footerSteps === 'number' ? footerSteps : undefined),
      (s) => s.frame?.timeSec,
    );
    const events = checkContinuity('event', this.events, this.counted.get('event'));
    this.problems = [...steps.problems, ...events.problems];
    const record: PartialEpisodeRecord = { steps: steps.kept, events: events.kept };
    const header = this.headers[0]?.value ?? this.metadataHeader;
    if (header) record.header = header;
    if (footer) record.footer = footer;
    return record;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Channels of ours that a reader should decode; other topics are ignored (forward compatible). */
function kindOf(channel: TypedMcapRecords['Channel'] | undefined): Kind | undefined {
  if (!channel) return undefined;
  const kind = KIND_BY_TOPIC.get(channel.topic);
  if (kind && channel.messageEncoding !== 'json') {
    throw new Error(`${channel.topic} has message encoding "${channel.messageEncoding}", expected json`);
  }
  return kind;
}

/** Throws the not-an-MCAP-file error; a file too short to hold the magic is truncated instead. */
function checkMagic(bytes: Uint8Array, source: string): void {
  if (bytes.byteLength === 0) {
    throw new ReplayError(source, 'not an MCAP file: it is empty (0 bytes)', 'not-mcap');
  }
  const n = Math.min(bytes.byteLength, MCAP_MAGIC.length);
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== MCAP_MAGIC[i]) {
      throw new ReplayError(source, 'not an MCAP file: it does not start with the MCAP magic bytes', 'not-mcap');
    }
  }
}

function endsWithMagic(bytes: Uint8Array): boolean {
  const start = bytes.byteLength - MCAP_MAGIC.length;
  return start >= MCAP_MAGIC.length && MCAP_MAGIC.every((value, i) => bytes[start + i] === value);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line saying what survived, for error messages and the partial decoder's problem. */
function describeRecovered(record: PartialEpisodeRecord): string {
  if (!record.header && record.steps.length === 0) {
    return 'nothing of the episode could be read (not even its header)';
  }
  const parts = [record.header ? 'the header' : 'no header'];
  const last = record.steps.at(-1);
  parts.push(last ? `${plural(record.steps.length, 'step')} (to t = ${last.frame.timeSec.toFixed(3)} s)` : 'no steps');
  parts.push(plural(record.events.length, 'event'));
  return `could read ${parts.join(', ')}${record.footer ? ' and the footer' : ', no footer'}`;
}

interface StreamResult {
  collector: Collector;
  done: boolean;
  failure?: string;
}

/** Reads records front to back until the bytes end or something is wrong; never throws. */
function streamRead(bytes: Uint8Array): StreamResult {
  const collector = new Collector();
  const reader = new McapStreamReader({ decompressHandlers: DECOMPRESS_HANDLERS });
  const channels = new Map<number, TypedMcapRecords['Channel']>();
  try {
    reader.append(bytes);
    for (let record; (record = reader.nextRecord());) {
      if (record.type === 'Channel') {
        channels.set(record.id, record);
      } else if (record.type === 'Message') {
        const kind = kindOf(channels.get(record.channelId));
        if (kind) collector.add(kind, record);
      } else if (record.type === 'Metadata') {
        collector.addMetadata(record);
      } else if (record.type === 'Statistics') {
        collector.addStatistics(record, (id) => KIND_BY_TOPIC.get(channels.get(id)?.topic ?? ''));
      }
    }
  } catch (error) {
    return { collector, done: false, failure: errorText(error) };
  }
  return { collector, done: reader.done() };
}

/**
 * Refuses files that are not episodes, or newer than this reader. `whole` says the file was read
 * to its end, so finding nothing of ours means it is some other MCAP file, not a damaged one.
 */
function checkEpisode(collector: Collector, source: string, whole: boolean): void {
  if (whole && collector.messages === 0 && !collector.metadataHeader) {
    throw new ReplayError(source, `not an Erosion episode: no messages on ${KINDS.map((k) => EPISODE_TOPICS[k]).join(', ')}`, 'not-episode');
  }
  const header = collector.headers[0]?.value ?? collector.metadataHeader;
  if (header && header.schemaVersion > RECORD_SCHEMA_VERSION) {
    throw new ReplayError(
      source,
      `written with record schema version ${header.schemaVersion}; this reader knows up to ` + `${RECORD_SCHEMA_VERSION} (update erosion to read it)`,
      'not-episode',
    );
  }
}

/** The error for a file the indexed reader refused, saying what a front-to-back read recovers. */
function damagedFileError(bytes: Uint8Array, source: string, cause: unknown): ReplayError {
  const { collector } = streamRead(bytes);
  const recovered = `${describeRecovered(collector.partial())}; decodeEpisodeMcapPartial returns it`;
  if (!endsWithMagic(bytes)) {
    return new ReplayError(
      source,
      `truncated or corrupt MCAP file: it ends after ${bytes.byteLength} bytes without the ` + `closing footer; ${recovered}`,
      'truncated',
      { cause },
    );
  }
  return new ReplayError(source, `corrupt MCAP file (${errorText(cause)}); ${recovered}`, 'corrupt', { cause });
}

function bytesReadable(bytes: Uint8Array): IReadable {
  const size = BigInt(bytes.byteLength);
  return {
    size: async () => size,
    read: async (offset, length) => {
      if (offset < 0n || length < 0n || offset + length > size) {
        throw new Error(`read of ${length} bytes at offset ${offset} is beyond the end (${size} bytes)`);
      }
      return bytes.subarray(Number(offset), Number(offset + length));
    },
  };
}

/**
 * Decodes a complete episode file through its index. Any problem, a file cut short included,
 * is a {@link ReplayError} naming `source` and saying how much could still be read.
 */
export async function decodeEpisodeMcap(bytes: Uint8Array, source: string = DEFAULT_SOURCE): Promise<EpisodeRecord> {
  checkMagic(bytes, source);
  const collector = new Collector();
  try {
    const reader = await McapIndexedReader.Initialize({
      readable: bytesReadable(bytes),
      decompressHandlers: DECOMPRESS_HANDLERS,
    });
    for await (const message of reader.readMessages()) {
      const kind = kindOf(reader.channelsById.get(message.channelId));
      if (kind) collector.add(kind, message);
    }
    if (reader.statistics) collector.addStatistics(reader.statistics, (id) => KIND_BY_TOPIC.get(reader.channelsById.get(id)?.topic ?? ''));
  } catch (error) {
    throw damagedFileError(bytes, source, error);
  }

  checkEpisode(collector, source, true);
  const record = collector.partial();
  if (collector.problems.length > 0) {
    throw new ReplayError(source, `damaged episode: ${collector.problems.join('; ')}`, 'corrupt');
  }
  const counts = `${plural(collector.headers.length, 'header')} and ${plural(collector.footers.length, 'footer')}`;
  if (!record.header || !record.footer || collector.headers.length > 1 || collector.footers.length > 1) {
    throw new ReplayError(source, `not a whole Erosion episode: expected one header and one footer message, found ${counts}`, 'not-episode');
  }
  return { header: record.header, steps: record.steps, events: record.events, footer: record.footer };
}

/**
 * Reads front to back and keeps whatever precedes the damage, for a viewer to show what survived
 * a run that was killed or a file that was cut. `complete` is true when a whole episode was read
 * intact, which can happen even where decodeEpisodeMcap refuses the file (only its index is
 * damaged). Throws a {@link ReplayError} only when the bytes are not an MCAP file or not an
 * Erosion episode at all.
 */
export function decodeEpisodeMcapPartial(bytes: Uint8Array, source: string = DEFAULT_SOURCE): PartialDecodeResult {
  checkMagic(bytes, source);
  const { collector, done, failure } = streamRead(bytes);
  checkEpisode(collector, source, done && !failure);
  const record = collector.partial();

  const gaps = collector.problems;
  if (done && !failure && record.header && record.footer && collector.headers.length === 1 && gaps.length === 0) {
    return {
      complete: true,
      record: { header: record.header, steps: record.steps, events: record.events, footer: record.footer },
    };
  }
  let why: string;
  if (failure) why = `damaged (${failure})`;
  else if (!done) why = `truncated after ${bytes.byteLength} bytes`;
  else if (gaps.length > 0) why = 'damaged';
  else why = 'the file is complete but holds no whole episode (a header and footer are missing)';
  const missing = gaps.length > 0 ? `: ${gaps.join('; ')}` : '';
  return { complete: false, record, problem: `${source}: ${why}${missing}; ${describeRecovered(record)}` };
}
