// lz4js ships no types. The tests hold Erosion's LZ4 writer and reader to it as the reference.
declare module 'lz4js' {
  /** Compresses to one LZ4 frame (the format MCAP's "lz4" chunk compression means). */
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
  /** Decompresses one LZ4 frame; maxSize, when known, bounds the output buffer. */
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  const lz4: { compress: typeof compress; decompress: typeof decompress };
  export default lz4;
}
