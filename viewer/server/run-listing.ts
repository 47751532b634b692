// What `erosion view` offers: the episodes of a run folder (from its report.json, or every replay
// under it), or one replay file and its pair. Only headers and footers are read, and only of
// regular files inside the run folder: a link leading out of it is listed as skipped, never read.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { decodeEpisodeOverview } from '../../sim/record/episode-overview.js';
import { decodeEpisodeMcapPartial } from '../../sim/record/mcap-codec.js';
import { cutIncident, incidentOf, type Incident } from '../src/model/incident.js';
import { insideFolder } from './inside-folder.js';

export interface RunListing {
  title: string;
  /** Folder every served file must lie in. */
  root: string;
  incidents: Incident[];
  /** Replays that could not be listed, with why ("path: reason"). */
  problems: string[];
}

/** A run folder the viewer cannot list: a malformed report.json. `erosion view` exits 2 with its message. */
export class RunListingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunListingError';
  }
}

/** The replay paths report.json names, or undefined when the folder has no report. */
async function replaysInReport(root: string): Promise<string[] | undefined> {
  const path = await insideFolder(root, 'report.json');
  if (!path || !(await stat(path)).isFile()) return undefined;
  const text = await readFile(path, 'utf8');
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new RunListingError(`${join(root, 'report.json')} is not valid JSON (${(error as Error).message.slice(0, 120)})`);
  }
  const scenarios = (report as { scenarios?: unknown } | null)?.scenarios;
  if (typeof report !== 'object' || report === null || Array.isArray(report) || (scenarios !== undefined && !Array.isArray(scenarios))) {
    throw new RunListingError(`${join(root, 'report.json')} is not an Erosion report (expected an object with a "scenarios" list)`);
  }
  const paths = (scenarios ?? []).flatMap((s: unknown) => {
    const replays = (s as { replays?: unknown } | null)?.replays;
    return Array.isArray(replays) ? replays.map((r: unknown) => (r as { path?: unknown } | null)?.path) : [];
  });
  return [...new Set(paths.filter((p): p is string => typeof p === 'string'))];
}

async function replaysUnder(root: string, folder = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    // Linked folders are not walked; linked files are listed and checked like any other.
    if (entry.isDirectory()) found.push(...(await replaysUnder(root, path)));
    else if (entry.name.endsWith('.mcap') && !entry.name.startsWith('.')) found.push(relative(root, path).split(sep).join('/'));
  }
  return found.sort();
}

/** Why a listed path is not read, or undefined when it is a regular file inside the folder. */
async function refusal(root: string, path: string): Promise<string | undefined> {
  const real = await insideFolder(root, path);
  if (!real) {
    const exists = await stat(join(root, path)).then(
      () => true,
      () => false,
    );
    return exists ? 'skipped: it lies outside the run folder (a link or a path leading out of it)' : 'skipped: no such file';
  }
  return (await stat(real)).isFile() ? undefined : 'skipped: not a regular file';
}

/** The row of a damaged replay whose header and some steps survived, and the problem to list either way. */
function cutRow(bytes: Uint8Array, path: string): { incident?: Incident; problem: string } {
  let result;
  try {
    result = decodeEpisodeMcapPartial(bytes, path);
  } catch (error) {
    // Not MCAP or not an episode: the codec's message says which, and quotes none of the bytes.
    return { problem: (error as Error).message };
  }
  const { header, steps, events } = result.record;
  if (result.complete)
    return { incident: incidentOf(path, result.record.header, result.record.footer), problem: `${path}: its index is damaged; read front to back, whole` };
  if (!header || steps.length === 0) return { problem: result.problem };
  const violated = [
    ...events.filter((e) => e.kind === 'violation-start' && e.monitor).map((e) => e.monitor!),
    ...steps.flatMap((s) => s.samples.filter((m) => m.status === 'violated').map((m) => m.monitor)),
  ];
  const why = result.problem.startsWith(`${path}: truncated after`) ? `truncated after ${bytes.byteLength} bytes` : 'damaged';
  return { incident: cutIncident(path, header, violated, steps.at(-1)!.frame.timeSec, why), problem: result.problem };
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
    const siblingExists = sibling
      ? await stat(join(root, sibling)).then(
          () => true,
          () => false,
        )
      : false;
    paths = siblingExists ? [name, sibling!] : [name];
  }
  const incidents: Incident[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    const why = await refusal(root, path);
    if (why) {
      problems.push(`${path}: ${why}`);
      continue;
    }
    const bytes = await readFile((await insideFolder(root, path))!);
    try {
      const { header, footer } = await decodeEpisodeOverview(bytes, path);
      incidents.push(incidentOf(path, header, footer));
    } catch {
      // Cut short or damaged: list what could be read, and say why it is partial.
      const cut = cutRow(bytes, path);
      if (cut.incident) incidents.push(cut.incident);
      problems.push(cut.problem);
    }
  }
  return { title: basename(target), root, incidents, problems };
}
