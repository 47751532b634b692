// The fast path for a whole, intact replay: walks the MCAP records in place (no copy per message),
// decompresses chunks with the faster LZ4 decoder, checks chunk CRCs as the reference reader does,
// and scans step messages into columns. It reads incrementally — each top-level record as soon as
// all of its bytes have arrived — so a replay is decoded while it downloads. It gives up
// (undefined) on anything but a clean, complete episode — a cut file, damage, a step or event
// missing or repeated (a lost or doubled chunk: sequence numbers must run 0, 1, 2, … and the steps
// add up to the footer's count), an unexpected layout — and the caller then runs the codec's own decoder over the whole file, so damaged files
// get exactly the codec's recovery and messages.

import type { EpisodeEvent, EpisodeFooter, EpisodeHeader } from '../../../sim/record/episode-record.js';
import { RECORD_SCHEMA_VERSION } from '../../../sim/record/episode-record.js';
import { parseFinite } from '../../../sim/record/finite-json.js';
import { EPISODE_METADATA_NAME, EPISODE_TOPICS, MCAP_MAGIC } from './episode-layout.js';
import { ColumnsBuilder } from './columns-builder.js';
// MCAP's CRC-32 has one owner: Foxglove's implementation, which @mcap/core itself uses.
import { crc32 } from '@foxglove/crc';
import type { EpisodeColumns } from './episode-columns.js';
import { decompressLz4Frame } from '../../../sim/record/lz4-frame.js';
import { StepScanner } from './step-scanner.js';

export interface WholeEpisode {
  header: EpisodeHeader;
  events: EpisodeEvent[];
  footer: EpisodeFooter;
  columns: EpisodeColumns;
}

const OP = { footer: 0x02, channel: 0x04, message: 0x05, chunk: 0x06, metadata: 0x0c } as const;
type Kind = keyof typeof EPISODE_TOPICS;
const KIND_BY_TOPIC = new Map<string, Kind>((Object.keys(EPISODE_TOPICS) as Kind[]).map((kind) => [EPISODE_TOPICS[kind], kind]));
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Thrown inside the walk to give up; never escapes readEpisodeFast. */
class NotPlain extends Error {}
const giveUp = (why: string): never => {
  throw new NotPlain(why);
};

const u16 = (b: Uint8Array, p: number): number => b[p]! | (b[p + 1]! << 8);
const u32 = (b: Uint8Array, p: number): number => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
function u64(b: Uint8Array, p: number): number {
  const high = u32(b, p + 4);
  if (high >= 0x200000) giveUp('64-bit length beyond 2^53');
  return high * 0x100000000 + u32(b, p);
}
function text(b: Uint8Array, p: number, end: number): [string, number] {
  const length = u32(b, p);
  if (p + 4 + length > end) giveUp('string runs past its record');
  return [utf8.decode(b.subarray(p + 4, p + 4 + length)), p + 4 + length];
}
function hasMagic(b: Uint8Array, at: number): boolean {
  return at >= 0 && at + MCAP_MAGIC.length <= b.length && MCAP_MAGIC.every((v, i) => b[at + i] === v);
}
function jsonObject(data: Uint8Array): Record<string, unknown> {
  const value = parseFinite(utf8.decode(data));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) giveUp('a message that is not a JSON object');
  return value as Record<string, unknown>;
}

class Walk {
  readonly #kinds = new Map<number, Kind | null>();
  header: EpisodeHeader | undefined;
  footer: EpisodeFooter | undefined;
  headers = 0;
  footers = 0;
  readonly events: Array<{ sequence: number; event: EpisodeEvent }> = [];
  stepHint = 0;
  #columns: ColumnsBuilder | undefined;
  #scanner: StepScanner | undefined;
  #lastStep = -1;
  #lastEvent = -1;
  steps = 0;

  /** Walks the top-level records wholly inside [p, available); stops after the footer record. */
  complete(b: Uint8Array, p: number, available: number): { next: number; footer: boolean } {
    while (p + 9 <= available) {
      const op = b[p]!;
      const body = p + 9;
      const next = body + u64(b, p + 1);
      if (next > available) break;
      if (op === OP.channel) this.#channel(b, body, next);
      else if (op === OP.message) this.#message(b, body, next);
      else if (op === OP.chunk) this.#chunk(b, body, next);
      else if (op === OP.metadata) this.#metadata(b, body, next);
      else if (op === OP.footer) return { next, footer: true };
      p = next;
    }
    return { next: p, footer: false };
  }

  /** The records inside a chunk, which must fill [p, end) exactly. */
  records(b: Uint8Array, p: number, end: number): void {
    while (p < end) {
      if (p + 9 > end) giveUp('cut inside a record header');
      const op = b[p]!;
      const body = p + 9;
      const next = body + u64(b, p + 1);
      if (next > end) giveUp('cut inside a record');
      if (op === OP.channel) this.#channel(b, body, next);
      else if (op === OP.message) this.#message(b, body, next);
      else if (op !== 0x03) giveUp(`record ${op} inside a chunk`);
      p = next;
    }
  }

  #channel(b: Uint8Array, p: number, end: number): void {
    const id = u16(b, p);
    const [topic, at] = text(b, p + 4, end);
    const [encoding] = text(b, at, end);
    const kind = KIND_BY_TOPIC.get(topic) ?? null;
    if (kind && encoding !== 'json') giveUp('an episode channel that is not JSON');
    this.#kinds.set(id, kind);
  }

  #chunk(b: Uint8Array, p: number, end: number): void {
    const size = u64(b, p + 16);
    const crc = u32(b, p + 24);
    const [compression, at] = text(b, p + 28, end);
    const length = u64(b, at);
    if (at + 8 + length > end) giveUp('chunk records run past the chunk');
    const stored = b.subarray(at + 8, at + 8 + length);
    let records: Uint8Array;
    if (compression === '') records = stored;
    else if (compression === 'lz4') records = length > 0 ? decompressLz4Frame(stored, size) : stored;
    else return giveUp(`compression ${compression}`);
    if (crc !== 0 && crc32(records) !== crc) giveUp('chunk CRC mismatch');
    this.records(records, 0, records.length);
  }

  #metadata(b: Uint8Array, p: number, end: number): void {
    const [name, at] = text(b, p, end);
    if (name !== EPISODE_METADATA_NAME) return;
    const mapEnd = at + 4 + u32(b, at);
    for (let q = at + 4; q < mapEnd;) {
      const [key, valueAt] = text(b, q, mapEnd);
      const [value, after] = text(b, valueAt, mapEnd);
      if (key === 'steps') this.stepHint = Number(value) || 0;
      q = after;
    }
  }

  #message(b: Uint8Array, p: number, end: number): void {
    const kind = this.#kinds.get(u16(b, p));
    if (kind === undefined) giveUp('a message before its channel');
    if (kind === null) return;
    const sequence = u32(b, p + 2);
    const data = b.subarray(p + 22, end);
    if (kind === 'step') {
      if (!this.#scanner) giveUp('a step before the header');
      if (sequence !== this.#lastStep + 1) giveUp('a step missing, repeated or out of order');
      this.#lastStep = sequence;
      this.steps++;
      this.#scanner!.scan(data);
    } else if (kind === 'header') {
      this.headers++;
      this.header = jsonObject(data) as unknown as EpisodeHeader;
      if (!(this.header.schemaVersion <= RECORD_SCHEMA_VERSION)) giveUp('a newer record schema');
      const ids = Array.isArray(this.header.monitors) ? this.header.monitors.map((m) => m.id) : [];
      this.#columns ??= new ColumnsBuilder(ids, this.stepHint);
      this.#scanner ??= new StepScanner(this.#columns);
    } else if (kind === 'event') {
      if (sequence !== this.#lastEvent + 1) giveUp('an event missing, repeated or out of order');
      this.#lastEvent = sequence;
      this.events.push({ sequence, event: jsonObject(data) as unknown as EpisodeEvent });
    } else {
      this.footers++;
      this.footer = jsonObject(data) as unknown as EpisodeFooter;
    }
  }

  columns(): EpisodeColumns {
    return this.#columns!.finish();
  }
}

/**
 * Reads a replay as its bytes arrive: feed() walks every top-level record that is complete so
 * far, finish() checks the file's end once all bytes are in. Any surprise turns the reader off
 * (failed); the bytes are still there for the reference decoder.
 */
export class FastEpisodeReader {
  readonly #walk = new Walk();
  /** Start of the next top-level record not yet walked. */
  #p = MCAP_MAGIC.length;
  /** End of the footer record once walked: nothing after it but the closing magic. */
  #footerEnd = -1;
  #failed = false;

  get failed(): boolean {
    return this.#failed;
  }

  /** Walks the whole records among bytes[0, available). The buffer may be a new, longer copy each time. */
  feed(bytes: Uint8Array, available: number): void {
    if (this.#failed || this.#footerEnd >= 0 || available < MCAP_MAGIC.length) return;
    try {
      if (this.#p === MCAP_MAGIC.length && !hasMagic(bytes, 0)) giveUp('no leading magic');
      const walked = this.#walk.complete(bytes, this.#p, available);
      this.#p = walked.next;
      if (walked.footer) this.#footerEnd = walked.next;
    } catch {
      // NotPlain, a scanner surprise, bad UTF-8 or JSON: the reference decoder will say what it is.
      this.#failed = true;
    }
  }

  /** The episode, given the whole file (as fed), or undefined when it needs the reference decoder. */
  finish(bytes: Uint8Array): WholeEpisode | undefined {
    const walk = this.#walk;
    if (this.#failed || this.#footerEnd !== bytes.length - MCAP_MAGIC.length || !hasMagic(bytes, this.#footerEnd)) return undefined;
    if (walk.headers !== 1 || walk.footers !== 1 || !walk.header || !walk.footer) return undefined;
    // Steps lost at the end leave no gap in the numbers; the footer counts them.
    if (walk.footer.summary?.steps !== walk.steps) return undefined;
    try {
      const events = walk.events.map((e) => e.event);
      return { header: walk.header, events, footer: walk.footer, columns: walk.columns() };
    } catch {
      return undefined;
    }
  }
}

/** A whole episode decoded through the fast path, or undefined when the file needs the reference. */
export function readEpisodeFast(bytes: Uint8Array): WholeEpisode | undefined {
  const reader = new FastEpisodeReader();
  reader.feed(bytes, bytes.length);
  return reader.finish(bytes);
}
