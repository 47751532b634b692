// The one check between a requested path and the disk: what the view server serves and what the
// run listing reads must be inside the run folder after every link is followed.

import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/**
 * Resolves `relativePath` inside `root`, following symlinks, or returns undefined when the result
 * would lie outside it (`..`, absolute paths, links pointing elsewhere) or does not exist.
 */
export async function insideFolder(root: string, relativePath: string): Promise<string | undefined> {
  if (relativePath.includes('\0')) return undefined;
  const realRoot = await realpath(root);
  const candidate = resolve(realRoot, `.${sep}${relativePath}`);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return undefined;
  }
  return real === realRoot || real.startsWith(realRoot + sep) ? real : undefined;
}
