/**
 * Bytes appended as a download delivers them, into one buffer that doubles when full: the fast
 * reader walks `data` up to `length` after every piece (the buffer may be a new, longer copy).
 */
export class GrowingBuffer {
  data: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Uint8Array(Math.max(1, capacity));
  }

  append(piece: Uint8Array): void {
    if (this.length + piece.length > this.data.length) {
      const bigger = new Uint8Array(Math.max(this.data.length * 2, this.length + piece.length));
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    this.data.set(piece, this.length);
    this.length += piece.length;
  }

  /** The bytes so far (a view, not a copy). */
  bytes(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}
