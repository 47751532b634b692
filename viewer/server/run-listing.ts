// What `erosion view` offers: the episodes of a run folder (from its report.json, or every replay
// under it), or one replay file and its pair. Only headers and footers are read.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { decodeEpisodeOverview } from '../../sim/record/episode-overview.js';
import { incidentOf, type Incident } from '../src/model/incident.js';

export interface RunListing {
  title: string;
  /** Folder every served file must lie in. */
  root: string;
  incidents: Incident[];
  /** Replays that could not be listed, with why. */
  problems: string[];
}

interface ReportLike {
  scenarios?: Array<{ replays?: Array<{ path?: unknown }> }>;
}

async function replaysInReport(root: string): Promise<string[] | undefined> {
  let text: string;
  try {
    text = await readFile(join(root, 'report.json'), 'utf8');
  } catch {
    return undefined;
  }
  const report = JSON.parse(text) as ReportLike;
  const paths = (report.scenarios ?? []).flatMap((s) => (s.replays ?? []).map((r) => r.path)).filter((p): p is string => typeof p === 'string');
  return [...new Set(paths)];
}

async function replaysUnder(root: string, folder = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await replaysUnder(root, path)));
    else if (entry.name.endsWith('.mcap') && !entry.name.startsWith('.')) found.push(relative(root, path).split(sep).join('/'));
  }
  return found.sort();
}

/** A run folder, or a single .mcap (listed with its base/candidate sibling when there is one). */
export async function listRun(target: string): Promise<RunListing> {
  const info = await stat(target);
  let root: string;
  let paths: string[];
  if (info.isDirectory()) {
    root = target;
    paths = (await replaysInReport(root)) ?? (await replaysUnder(root));
  } else {
    root = dirname(target);
    const name = basename(target);
    const pair = name.match(/^(.*-)(base|candidate)(\.mcap)$/);
    const sibling = pair ? `${pair[1]}${pair[2] === 'base' ? 'candidate' : 'base'}${pair[3]}` : undefined;
    const siblingExists = sibling ? await stat(join(root, sibling)).then(() => true, () => false) : false;
    paths = siblingExists ? [name, sibling!] : [name];
  }
  const incidents: Incident[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    try {
      const { header, footer } = await decodeEpisodeOverview(await readFile(join(root, path)), path);
      incidents.push(incidentOf(path, header, footer));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return { title: basename(target), root, incidents, problems };
}
