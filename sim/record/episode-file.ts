// Episode records on disk. The bytes come from mcap-codec.ts; this file only adds the file
// system, so the viewer can use the codec without it.

import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import type { EpisodeRecord } from './episode-record.js';
import { decodeEpisodeMcap, decodeEpisodeMcapPartial, encodeEpisodeMcap } from './mcap-codec.js';
import type { PartialDecodeResult } from './mcap-codec.js';
import { ReplayError } from './replay-error.js';

let tempCounter = 0;

/**
 * Writes a record as an MCAP replay. The bytes go to a temporary file in the same folder that is
 * then renamed over `path`, so a run killed mid-write never leaves a half-written replay under
 * the final name. Creates missing parent folders.
 */
export async function writeEpisodeFile(record: EpisodeRecord, path: string): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await encodeEpisodeMcap(record);
  } catch (error) {
    throw new Error(`${path}: cannot encode episode replay (${errorText(error)})`, { cause: error });
  }
  const folder = dirname(path);
  // Unique per process and call; a leftover from a killed run is recognisable by its prefix.
  const temp = join(folder, `.${basename(path)}.${process.pid}.${tempCounter++}.tmp`);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new Error(`${path}: cannot write episode replay (${errorText(error)})`, { cause: error });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : errorText(error);
    throw new ReplayError(path, `cannot read episode replay (${reason})`, 'io', { cause: error });
  }
}

/** Reads and decodes an MCAP replay; every failure is a {@link ReplayError} naming `path`. */
export async function readEpisodeFile(path: string): Promise<EpisodeRecord> {
  return decodeEpisodeMcap(await readBytes(path), path);
}

/** Reads what survives of a replay that may be cut short (see decodeEpisodeMcapPartial). */
export async function readEpisodeFilePartial(path: string): Promise<PartialDecodeResult> {
  return decodeEpisodeMcapPartial(await readBytes(path), path);
}
