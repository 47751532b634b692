// Reading a file a user named, without trusting it: only regular files are read (a FIFO would
// block forever, a device never ends), within a size bound, and, when a folder is given, only if
// the file really lies inside it after every symbolic link is followed.

import { lstatSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { show } from './manifest-schema.js';
import { InputError } from '../scenarios/input-error.js';

/** Why a file was not read; the caller names the file. */
export class FileRefusal extends InputError {
  constructor(
    message: string,
    readonly code: 'missing' | 'outside' | 'not-regular' | 'too-large' | 'unreadable',
  ) {
    super(message);
    this.name = 'FileRefusal';
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Whether `path` (links followed) lies inside `folder` (links followed). */
export function realPathInside(path: string, folder: string): { inside: boolean; target: string } {
  const target = realpathSync(path);
  const rel = relative(realpathSync(folder), target);
  return { inside: rel !== '' && !rel.startsWith('..') && !isAbsolute(rel), target };
}

export interface SafeReadOptions {
  maxBytes: number;
  /** The file must resolve to a place inside this folder. */
  within?: string;
  /** Words for the folder in messages ("the manifest's folder"). */
  withinWords?: string;
}

/** Checks a file may be read (exists, inside the folder, regular, not too large) without opening it. */
export function checkReadable(path: string, opts: SafeReadOptions): Stats {
  try {
    lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FileRefusal('not found', 'missing');
    throw new FileRefusal(`cannot be read: ${(err as Error).message}`, 'unreadable');
  }
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    throw new FileRefusal('is a link to nothing (its target does not exist)', 'missing');
  }
  if (opts.within !== undefined) {
    const { inside, target } = realPathInside(path, opts.within);
    if (!inside)
      throw new FileRefusal(`leads outside ${opts.withinWords ?? 'its folder'} (to ${show(target)}); a link may only point at a file inside it`, 'outside');
  }
  if (!st.isFile()) throw new FileRefusal(`is ${kindOf(st)}, not a regular file`, 'not-regular');
  if (st.size > opts.maxBytes) throw new FileRefusal(`is ${st.size} bytes; at most ${opts.maxBytes} are read`, 'too-large');
  return st;
}

/** Reads a file after checkReadable; throws FileRefusal with the reason otherwise. */
export function readFileSafely(path: string, opts: SafeReadOptions): Buffer {
  checkReadable(path, opts);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new FileRefusal(`cannot be read: ${(err as Error).message}`, 'unreadable');
  }
}
