// Reads a step message's JSON bytes straight into the columns, without building the 40-odd
// objects JSON.parse makes per step (that and the garbage it leaves were most of the load time).
// Key order does not matter and unknown keys are skipped, so records with new fields still load.
// It follows finite-json's conventions: "NaN", "Infinity", "-Infinity" and "-0" in a number's place
// are those numbers; any string a reviver would touch ('~' escapes, backslashes) is decoded by
// parseFinite itself. Anything it does not expect throws; the caller then uses the reference
// decoder for the whole file.

import { parseFinite } from '../../../sim/record/finite-json.js';
import { ColumnsBuilder, statusCode } from './columns-builder.js';
import { ARM_OWNER } from './episode-columns.js';

const KEYS = [
  'frame',
  'samples',
  'timeSec',
  'robot',
  'humans',
  'contacts',
  'scan',
  'command',
  'positionM',
  'yawRad',
  'linearMps',
  'velocityMps',
  'x',
  'y',
  'z',
  'id',
  'heightM',
  'action',
  'humanId',
  'region',
  'forceN',
  'pointM',
  'angleMinRad',
  'angleIncrementRad',
  'rangeMaxM',
  'rangesM',
  'monitor',
  'value',
  'limit',
  'margin',
  'units',
  'status',
  'bodies',
  'arm',
  'links',
  'link',
  'startM',
  'endM',
  'radiusM',
  'parts',
  'toolRotation',
  'w',
  'objects',
  'rotation',
] as const;
type Key = (typeof KEYS)[number];
const K = Object.fromEntries(KEYS.map((k, i) => [k, i])) as Record<Key, number>;
const END = -2;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const KEY_BYTES = KEYS.map((k) => new TextEncoder().encode(k));
const hashOf = (b: Uint8Array, start: number, end: number): number => {
  let h = 5381;
  for (let p = start; p < end; p++) h = (Math.imul(h, 33) ^ b[p]!) | 0;
  return h;
};
/** Open addressing on the hash's low bits: a Map keyed by full 32-bit hashes (heap numbers, not
 * small integers) cost more than the rest of the key. Slots hold key index + 1; 0 is empty. */
const SLOT_MASK = 1023;
const KEY_SLOTS = new Int32Array(SLOT_MASK + 1);
const KEY_HASHES = new Int32Array(KEYS.length);
KEY_BYTES.forEach((bytes, i) => {
  const h = (KEY_HASHES[i] = hashOf(bytes, 0, bytes.length));
  let slot = h & SLOT_MASK;
  while (KEY_SLOTS[slot] !== 0) slot = (slot + 1) & SLOT_MASK;
  KEY_SLOTS[slot] = i + 1;
});

/** Exact powers of ten: a mantissa below 2^53 times or over one of these rounds correctly. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

const enum C {
  Quote = 34,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  LowerE = 101,
  UpperE = 69,
  Plus = 43,
  OpenBrace = 123,
  CloseBrace = 125,
  OpenBracket = 91,
  CloseBracket = 93,
  Backslash = 92,
  Tilde = 126,
  LowerN = 110,
}

function bad(what: string): never {
  throw new Error(`step scanner: ${what}`);
}

interface Interned {
  bytes: Uint8Array;
  index: number;
}

export class StepScanner {
  #b: Uint8Array = new Uint8Array(0);
  #p = 0;
  readonly #strings = new Map<number, Interned[]>();
  readonly #lists = new Map<number, Interned[]>();
  readonly #status: number[] = [];
  readonly #monitorOf: number[] = [];
  /** Scratch for vectors and quaternions being read (two of four numbers). */
  readonly #v = new Float64Array(8);

  constructor(private readonly out: ColumnsBuilder) {}

  /** Scans one step message (the whole of `bytes`) into the next step of the columns. */
  scan(bytes: Uint8Array): void {
    this.#b = bytes;
    this.#p = 0;
    const out = this.out;
    const i = out.beginStep();
    let sawFrame = false;
    this.#expect(C.OpenBrace);
    for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
      if (k === K.frame) {
        this.#frame(i);
        sawFrame = true;
      } else if (k === K.samples) this.#samples(i);
      else this.#skip();
    }
    this.#ws();
    if (this.#p !== bytes.length) bad('bytes after the step');
    if (!sawFrame) bad('a step without a frame');
    out.endStep();
  }

  #frame(i: number): void {
    const out = this.out;
    this.#expect(C.OpenBrace);
    for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
      switch (k) {
        case K.timeSec:
          out.times[i] = this.#number();
          break;
        case K.robot:
          this.#robot(i);
          break;
        case K.humans:
          this.#humans();
          break;
        case K.contacts:
          this.#contacts();
          break;
        case K.scan:
          if (this.#isNull()) break;
          this.#scanRecord(i);
          break;
        case K.command:
          if (this.#isNull()) break;
          this.#command(i);
          break;
        case K.arm:
          if (this.#isNull()) break;
          this.#arm(i);
          break;
        case K.objects:
          this.#objects();
          break;
        default:
          this.#skip();
      }
    }
  }

  /** x, y, z (and w) of a vector or quaternion object into `into` from `at`; absent fields stay NaN. */
  #vector(into: Float64Array, at: number): void {
    into[at] = into[at + 1] = into[at + 2] = into[at + 3] = Number.NaN;
    this.#expect(C.OpenBrace);
    for (let j = this.#firstKey(); j !== END; j = this.#nextKey()) {
      if (j === K.x) into[at] = this.#number();
      else if (j === K.y) into[at + 1] = this.#number();
      else if (j === K.z) into[at + 2] = this.#number();
      else if (j === K.w) into[at + 3] = this.#number();
      else this.#skip();
    }
  }

  /** One capsule object (startM, endM, radiusM and its name under `nameKey`) into the columns. */
  #capsule(owner: number, nameKey: number): void {
    const v = this.#v;
    let name = -1;
    let radius = Number.NaN;
    v.fill(Number.NaN);
    this.#expect(C.OpenBrace);
    for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
      if (k === nameKey) name = this.#string();
      else if (k === K.startM) this.#vector(v, 0);
      else if (k === K.endM) this.#vector(v, 4);
      else if (k === K.radiusM) radius = this.#number();
      else this.#skip();
    }
    this.out.capsule(owner, name, v[0]!, v[1]!, v[2]!, v[4]!, v[5]!, v[6]!, radius);
  }

  #arm(i: number): void {
    const out = this.out;
    this.#expect(C.OpenBrace);
    for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
      if (k === K.links) {
        if (!this.#arrayStart()) continue;
        const owner = out.string(ARM_OWNER);
        do this.#capsule(owner, K.link);
        while (this.#arrayNext());
      } else if (k === K.toolRotation) {
        this.#vector(this.#v, 0);
        out.toolQuat.set(this.#v.subarray(0, 4), 4 * i);
      } else this.#skip();
    }
  }

  #objects(): void {
    if (!this.#arrayStart()) return;
    const v = this.#v;
    do {
      let id = -1;
      v.fill(Number.NaN);
      this.#expect(C.OpenBrace);
      for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
        if (k === K.id) id = this.#string();
        else if (k === K.positionM) this.#vector(v, 0);
        else if (k === K.rotation) this.#vector(v, 4);
        else this.#skip();
      }
      this.out.object(id, v[0]!, v[1]!, v[2]!, v[4]!, v[5]!, v[6]!, v[7]!);
    } while (this.#arrayNext());
  }

  #robot(i: number): void {
    const out = this.out;
    this.#expect(C.OpenBrace);
    for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
      if (k === K.positionM) {
        this.#expect(C.OpenBrace);
        for (let j = this.#firstKey(); j !== END; j = this.#nextKey()) {
          if (j === K.x) out.robotX[i] = this.#number();
          else if (j === K.y) out.robotY[i] = this.#number();
          else if (j === K.z) out.robotZ[i] = this.#number();
          else this.#skip();
        }
      } else if (k === K.yawRad) out.robotYaw[i] = this.#number();
      else if (k === K.linearMps) out.measured[i] = this.#number();
      else this.#skip();
    }
  }

  #command(i: number): void {
    const out = this.out;
    this.#expect(C.OpenBrace);
    for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
      if (k === K.action) {
        let first = Number.NaN;
        let tool = Number.NaN;
        if (this.#arrayStart()) {
          first = this.#number();
          let squares = first * first;
          let n = 1;
          while (this.#arrayNext()) {
            if (n < 3) {
              const a = this.#number();
              squares += a * a;
            } else this.#skip();
            n++;
          }
          if (n >= 3) tool = Math.sqrt(squares);
        }
        out.commanded[i] = first;
        out.commandedTool[i] = tool;
      } else if (k === K.linearMps) out.applied[i] = this.#number();
      else this.#skip();
    }
  }

  #humans(): void {
    if (!this.#arrayStart()) return;
    do {
      let id = -1;
      let x = Number.NaN,
        y = Number.NaN,
        vx = Number.NaN,
        vy = Number.NaN,
        h = Number.NaN;
      // Parts may come before the id: their owner is filled in once the person is read.
      const firstPart = this.out.capsuleOwner.length;
      this.#expect(C.OpenBrace);
      for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
        if (k === K.id) id = this.#string();
        else if (k === K.parts) {
          if (this.#arrayStart())
            do this.#capsule(-1, K.region);
            while (this.#arrayNext());
        } else if (k === K.positionM || k === K.velocityMps) {
          let a = Number.NaN,
            b = Number.NaN;
          this.#expect(C.OpenBrace);
          for (let j = this.#firstKey(); j !== END; j = this.#nextKey()) {
            if (j === K.x) a = this.#number();
            else if (j === K.y) b = this.#number();
            else this.#skip();
          }
          if (k === K.positionM) {
            x = a;
            y = b;
          } else {
            vx = a;
            vy = b;
          }
        } else if (k === K.heightM) h = this.#number();
        else this.#skip();
      }
      const owners = this.out.capsuleOwner;
      for (let c = firstPart; c < owners.length; c++) owners.data[c] = id;
      this.out.human(id, x, y, vx, vy, h);
    } while (this.#arrayNext());
  }

  #contacts(): void {
    if (!this.#arrayStart()) return;
    do {
      let human = -1,
        region = -1;
      let f = Number.NaN,
        x = Number.NaN,
        y = Number.NaN,
        z = Number.NaN;
      this.#expect(C.OpenBrace);
      for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
        if (k === K.humanId) human = this.#string();
        else if (k === K.region) region = this.#string();
        else if (k === K.forceN) f = this.#number();
        else if (k === K.pointM) {
          this.#expect(C.OpenBrace);
          for (let j = this.#firstKey(); j !== END; j = this.#nextKey()) {
            if (j === K.x) x = this.#number();
            else if (j === K.y) y = this.#number();
            else if (j === K.z) z = this.#number();
            else this.#skip();
          }
        } else this.#skip();
      }
      this.out.contact(human, region, f, x, y, z);
    } while (this.#arrayNext());
  }

  #scanRecord(i: number): void {
    // Ranges may come before the angles: gather them first, then open the scan.
    let min = Number.NaN,
      inc = Number.NaN,
      max = Number.NaN;
    const ranges = this.out.scanRanges;
    const first = ranges.length;
    this.#expect(C.OpenBrace);
    for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
      if (k === K.angleMinRad) min = this.#number();
      else if (k === K.angleIncrementRad) inc = this.#number();
      else if (k === K.rangeMaxM) max = this.#number();
      else if (k === K.rangesM) {
        ranges.length = first;
        if (this.#arrayStart())
          do ranges.push(this.#float());
          while (this.#arrayNext());
      } else this.#skip();
    }
    // beginScan records where this scan's ranges start: the ranges just read.
    const read = ranges.length;
    ranges.length = first;
    this.out.beginScan(i, min, inc, max);
    ranges.length = read;
  }

  #samples(i: number): void {
    if (!this.#arrayStart()) return;
    const out = this.out;
    do {
      let monitor = -1,
        units = -1,
        bodies = -1,
        status = -1;
      let value = Number.NaN,
        limit = Number.NaN,
        margin = Number.NaN;
      this.#expect(C.OpenBrace);
      for (let k = this.#firstKey(); k !== END; k = this.#nextKey()) {
        switch (k) {
          case K.monitor:
            monitor = this.#string();
            break;
          case K.value:
            value = this.#float();
            break;
          case K.limit:
            limit = this.#float();
            break;
          case K.margin:
            margin = this.#float();
            break;
          case K.units:
            units = this.#string();
            break;
          case K.status:
            status = this.#string();
            break;
          case K.bodies:
            bodies = this.#list();
            break;
          default:
            this.#skip();
        }
      }
      if (monitor < 0) continue;
      let series = this.#monitorOf[monitor];
      if (series === undefined) series = this.#monitorOf[monitor] = out.monitorIndex(out.strings[monitor]!);
      let code = status < 0 ? statusCode(undefined) : this.#status[status];
      if (code === undefined) code = this.#status[status] = statusCode(out.strings[status]);
      out.sample(i, series, value, limit, margin, code, units, bodies);
    } while (this.#arrayNext());
  }

  // --- JSON primitives -------------------------------------------------------------------------

  #ws(): void {
    const b = this.#b;
    let c = b[this.#p];
    while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++this.#p];
  }

  #expect(code: number): void {
    this.#ws();
    if (this.#b[this.#p] !== code) bad(`expected "${String.fromCharCode(code)}" at ${this.#p}`);
    this.#p++;
  }

  #isNull(): boolean {
    this.#ws();
    const b = this.#b;
    const p = this.#p;
    if (b[p] === C.LowerN && b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108) {
      this.#p = p + 4;
      return true;
    }
    return false;
  }

  #firstKey(): number {
    this.#ws();
    if (this.#b[this.#p] === C.CloseBrace) {
      this.#p++;
      return END;
    }
    return this.#key();
  }

  #nextKey(): number {
    this.#ws();
    const c = this.#b[this.#p];
    if (c === C.CloseBrace) {
      this.#p++;
      return END;
    }
    if (c !== C.Comma) bad(`expected "," or "}" at ${this.#p}`);
    this.#p++;
    this.#ws();
    return this.#key();
  }

  /** A key and its colon; the index of a known key, or -1. */
  #key(): number {
    const b = this.#b;
    if (b[this.#p] !== C.Quote) bad(`expected a key at ${this.#p}`);
    const start = ++this.#p;
    let h = 5381;
    for (let c = b[this.#p]; c !== C.Quote; c = b[++this.#p]) {
      if (c === undefined || c === C.Backslash) bad('unexpected key');
      h = (Math.imul(h, 33) ^ c) | 0;
    }
    const end = this.#p++;
    this.#expect(C.Colon);
    this.#ws();
    for (let slot = h & SLOT_MASK; KEY_SLOTS[slot] !== 0; slot = (slot + 1) & SLOT_MASK) {
      const k = KEY_SLOTS[slot]! - 1;
      if (KEY_HASHES[k] !== h) continue;
      const want = KEY_BYTES[k]!;
      if (want.length !== end - start) return -1;
      for (let j = 0; j < want.length; j++) if (want[j] !== b[start + j]) return -1;
      return k;
    }
    return -1;
  }

  #arrayStart(): boolean {
    if (this.#isNull()) return false;
    this.#expect(C.OpenBracket);
    this.#ws();
    if (this.#b[this.#p] === C.CloseBracket) {
      this.#p++;
      return false;
    }
    return true;
  }

  #arrayNext(): boolean {
    this.#ws();
    const c = this.#b[this.#p++];
    if (c === C.Comma) {
      this.#ws();
      return true;
    }
    if (c === C.CloseBracket) return false;
    bad(`expected "," or "]" at ${this.#p - 1}`);
  }

  /** A number exactly as JSON.parse reads it (Float64 columns: times, robot pose). */
  #number(): number {
    return this.#numeric(true);
  }

  /** A number for a Float32 column: long mantissas are summed in floating point, within an ulp
   * of the exact double, which rounds to the same float32. */
  #float(): number {
    return this.#numeric(false);
  }

  #numeric(exact: boolean): number {
    const b = this.#b;
    let p = this.#p;
    let c = b[p];
    if (c === C.Quote) return this.#tokenNumber();
    if (c !== C.Minus && (c === undefined || c < C.Zero || c > C.Nine)) {
      // null, true, false, an object: not a number, as typeof would say.
      this.#skip();
      return Number.NaN;
    }
    let negative = false;
    if (c === C.Minus) {
      negative = true;
      c = b[++p];
    }
    const start = p;
    let mantissa = 0;
    let significant = 0;
    let exponent = 0;
    for (; c !== undefined && c >= C.Zero && c <= C.Nine; c = b[++p]) {
      mantissa = mantissa * 10 + (c - C.Zero);
      if (mantissa !== 0) significant++;
    }
    if (p === start) bad(`expected a number at ${p}`);
    if (c === C.Dot) {
      c = b[++p];
      const fraction = p;
      for (; c !== undefined && c >= C.Zero && c <= C.Nine; c = b[++p]) {
        mantissa = mantissa * 10 + (c - C.Zero);
        if (mantissa !== 0) significant++;
        exponent--;
      }
      if (p === fraction) bad(`expected digits at ${p}`);
    }
    if (c === C.LowerE || c === C.UpperE) {
      c = b[++p];
      let sign = 1;
      if (c === C.Minus || c === C.Plus) {
        sign = c === C.Minus ? -1 : 1;
        c = b[++p];
      }
      let e = 0;
      const digits = p;
      for (; c !== undefined && c >= C.Zero && c <= C.Nine; c = b[++p]) e = e * 10 + (c - C.Zero);
      if (p === digits) bad(`expected an exponent at ${p}`);
      exponent += sign * e;
    }
    this.#p = p;
    let value: number;
    if ((significant <= 15 || !exact) && exponent >= -22 && exponent <= 22) {
      value = exponent < 0 ? mantissa / POW10[-exponent]! : mantissa * POW10[exponent]!;
    } else {
      let text = '';
      for (let k = start; k < p; k++) text += String.fromCharCode(b[k]!);
      value = Number(text);
    }
    return negative ? -value : value;
  }

  /** A string in a number's place: finite-json's tokens, or not a number. */
  #tokenNumber(): number {
    const b = this.#b;
    const p = this.#p + 1;
    let value = Number.NaN;
    let end = -1;
    if (b[p] === 78 && b[p + 1] === 97 && b[p + 2] === 78 && b[p + 3] === C.Quote) end = p + 4;
    else if (b[p] === 73 && matchInfinity(b, p)) {
      value = Number.POSITIVE_INFINITY;
      end = p + 9;
    } else if (b[p] === C.Minus && b[p + 1] === 73 && matchInfinity(b, p + 1)) {
      value = Number.NEGATIVE_INFINITY;
      end = p + 10;
    } else if (b[p] === C.Minus && b[p + 1] === C.Zero && b[p + 2] === C.Quote) {
      value = -0;
      end = p + 3;
    }
    if (end < 0) {
      this.#skip();
      return Number.NaN;
    }
    this.#p = end;
    return value;
  }

  /** A string value as an index into the columns' strings; -1 for anything else (null, numbers). */
  #string(): number {
    const b = this.#b;
    const start = this.#p;
    if (b[start] !== C.Quote) {
      this.#skip();
      return -1;
    }
    let h = 5381;
    let plain = b[start + 1] !== C.Tilde;
    let p = start + 1;
    for (let c = b[p]; c !== C.Quote; c = b[++p]) {
      if (c === undefined) bad('unterminated string');
      if (c === C.Backslash) {
        plain = false;
        p++;
      }
      h = (Math.imul(h, 33) ^ c) | 0;
    }
    this.#p = ++p;
    const found = lookup(this.#strings, h, b, start, p);
    if (found !== undefined) return found;
    // New string: let parseFinite decide what it is (a '~' escape, a token that means a number).
    const value = plain ? utf8.decode(b.subarray(start + 1, p - 1)) : parseFinite(utf8.decode(b.subarray(start, p)));
    const index = typeof value === 'string' && (!plain || !isToken(value)) ? this.out.string(value) : -1;
    remember(this.#strings, h, b.slice(start, p), index);
    return index;
  }

  /** A list of strings (a sample's bodies) as an index into the columns' lists; -1 if absent. */
  #list(): number {
    const b = this.#b;
    const start = this.#p;
    if (b[start] !== C.OpenBracket) {
      this.#skip();
      return -1;
    }
    this.#skip();
    const end = this.#p;
    const h = hashOf(b, start, end);
    const found = lookup(this.#lists, h, b, start, end);
    if (found !== undefined) return found;
    const value = parseFinite(utf8.decode(b.subarray(start, end)));
    const index = Array.isArray(value) ? this.out.list(value as string[]) : -1;
    remember(this.#lists, h, b.slice(start, end), index);
    return index;
  }

  /** Skips any one value. */
  #skip(): void {
    this.#ws();
    const b = this.#b;
    let p = this.#p;
    let depth = 0;
    for (;;) {
      const c = b[p];
      if (c === undefined) bad('value runs past the message');
      if (c === C.Quote) {
        for (p++; b[p] !== C.Quote; p++) {
          if (b[p] === undefined) bad('unterminated string');
          if (b[p] === C.Backslash) p++;
        }
        p++;
      } else if (c === C.OpenBrace || c === C.OpenBracket) {
        depth++;
        p++;
      } else if (c === C.CloseBrace || c === C.CloseBracket) {
        if (depth === 0) break;
        depth--;
        p++;
      } else if (c === C.Comma) {
        if (depth === 0) break;
        p++;
      } else p++;
      if (depth === 0 && (c === C.Quote || c === C.CloseBrace || c === C.CloseBracket)) break;
    }
    if (p === this.#p) bad(`expected a value at ${p}`);
    this.#p = p;
  }
}

function matchInfinity(b: Uint8Array, p: number): boolean {
  // "Infinity" followed by the closing quote.
  return (
    b[p + 1] === 110 &&
    b[p + 2] === 102 &&
    b[p + 3] === 105 &&
    b[p + 4] === 110 &&
    b[p + 5] === 105 &&
    b[p + 6] === 116 &&
    b[p + 7] === 121 &&
    b[p + 8] === C.Quote
  );
}

function isToken(value: string): boolean {
  return value === 'NaN' || value === 'Infinity' || value === '-Infinity' || value === '-0';
}

function lookup(table: Map<number, Interned[]>, h: number, b: Uint8Array, start: number, end: number): number | undefined {
  const candidates = table.get(h);
  if (!candidates) return undefined;
  outer: for (const { bytes, index } of candidates) {
    if (bytes.length !== end - start) continue;
    for (let j = 0; j < bytes.length; j++) if (bytes[j] !== b[start + j]) continue outer;
    return index;
  }
  return undefined;
}

function remember(table: Map<number, Interned[]>, h: number, bytes: Uint8Array, index: number): void {
  const list = table.get(h);
  if (list) list.push({ bytes, index });
  else table.set(h, [{ bytes, index }]);
}
