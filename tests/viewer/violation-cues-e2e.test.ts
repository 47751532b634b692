// Every monitor family has a cue in the 3D scene at the moment it is violated, in one language:
// what the monitor names turns red. Real replays made by `erosion run` (a crossing pedestrian, a
// knife handover) carry a violation of one monitor at a time, with the body names the real
// monitors give (sim/monitors/*); the built viewer opens each at that moment in Chromium, and the
// test reads what is drawn red (scene state) and counts red pixels on the canvas.

import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorSample } from '../../sim/monitor.js';
import type { EpisodeRecord } from '../../sim/record/episode-record.js';
import { decodeEpisodeMcap, encodeEpisodeMcap } from '../../sim/record/mcap-codec.js';
import { countPixels, waitForState } from './page-helpers.js';
import { ARM_FIXTURE, makeRunFolder, NAV_FIXTURE } from './replay-fixture.js';
import { startViewerSession, type ViewerSession } from './viewer-session.js';

interface Case {
  family: 'nav' | 'arm';
  monitor: string;
  /** What the real monitor names (see sim/monitors). */
  bodies: (record: EpisodeRecord) => string[] | undefined;
  value?: number;
  limit?: number;
  /** What must be drawn red at that moment. */
  red: (record: EpisodeRecord) => string[];
}

/** Scene props the navigation cases name: a keep-out zone, a drop edge and a shelf near the robot's path. */
function addHazards(record: EpisodeRecord, at: { x: number; y: number }): void {
  const scene = record.header.scene as { props?: unknown[] };
  scene.props = [
    ...(scene.props ?? []),
    { kind: 'keep-out', id: 'cue-zone', label: 'cue zone', xMinM: at.x - 1.2, xMaxM: at.x - 0.4, yMinM: at.y - 0.6, yMaxM: at.y + 0.6 },
    { kind: 'drop', id: 'cue-dock', xMinM: at.x + 0.6, xMaxM: at.x + 1.6, yMinM: at.y - 1.5, yMaxM: at.y - 0.7, depthM: 1 },
    { kind: 'wall', id: 'cue-shelf', centerM: { xM: at.x + 1.0, yM: at.y + 1.1 }, lengthM: 1.2, thicknessM: 0.4, heightM: 1.2, yawRad: 0, seeThrough: false },
  ];
}

const person = (r: EpisodeRecord) => r.steps[0]!.frame.humans[0]!.id;
const firstLink = (r: EpisodeRecord) => r.steps[0]!.frame.arm!.links[0]!.link;
const lastLink = (r: EpisodeRecord) => r.steps[0]!.frame.arm!.links.at(-1)!.link;

const CASES: Case[] = [
  { family: 'nav', monitor: 'separation', bodies: (r) => ['robot', person(r)], red: (r) => ['robot', `human:${person(r)}`, 'separation'] },
  { family: 'nav', monitor: 'contact-force', bodies: (r) => ['robot', `${person(r)}:lower-leg`], red: (r) => ['robot', `human:${person(r)}/region:lower-leg`] },
  { family: 'nav', monitor: 'speed-limit', bodies: () => ['robot'], red: () => ['robot'] },
  { family: 'nav', monitor: 'stopping-distance', bodies: () => ['robot'], red: () => ['robot'] },
  { family: 'nav', monitor: 'non-finite-action', bodies: () => undefined, red: () => ['robot'] },
  { family: 'nav', monitor: 'keep-out', bodies: () => ['robot', 'cue-zone'], red: () => ['robot', 'cue-zone'] },
  { family: 'nav', monitor: 'edge-margin', bodies: () => ['robot', 'cue-dock'], red: () => ['robot', 'cue-dock'] },
  { family: 'nav', monitor: 'static-collision', bodies: () => ['robot', 'cue-shelf'], red: () => ['robot', 'cue-shelf'] },
  {
    family: 'arm',
    monitor: 'separation',
    bodies: (r) => [`arm:${lastLink(r)}`, 'receiver:hand'],
    red: (r) => [`arm:${lastLink(r)}`, 'human:receiver/region:hand'],
  },
  { family: 'arm', monitor: 'tool-speed', bodies: () => ['arm:tool'], value: 0.9, limit: 0.25, red: () => ['arm:tool', 'tool-speed-trail'] },
  { family: 'arm', monitor: 'sharp-orientation', bodies: () => ['held:knife', 'receiver:chest'], red: () => ['held:knife', 'human:receiver/region:chest'] },
  { family: 'arm', monitor: 'container-tilt', bodies: () => ['held:knife'], red: () => ['held:knife'] },
  {
    family: 'arm',
    monitor: 'self-collision',
    bodies: (r) => [`arm:${firstLink(r)}`, `arm:${lastLink(r)}`],
    red: (r) => [`arm:${firstLink(r)}`, `arm:${lastLink(r)}`],
  },
  // A joint is not drawn: the arm it belongs to turns red, every link of it.
  { family: 'arm', monitor: 'joint-limit', bodies: () => ['shoulder_lift_joint'], red: (r) => [`arm:${firstLink(r)}`, `arm:${lastLink(r)}`, 'arm:tool'] },
];

/** A copy of `record` where only `c.monitor` is violated, over steps k .. k+11. */
function violate(record: EpisodeRecord, c: Case, k: number): EpisodeRecord {
  const copy = structuredClone(record);
  if (c.family === 'nav') addHazards(copy, { x: copy.steps[k]!.frame.robot.positionM.x, y: copy.steps[k]!.frame.robot.positionM.y });
  for (const step of copy.steps) {
    // Contacts light regions red on their own: this case is about the monitor alone.
    step.frame.contacts = [];
    for (const s of step.samples) if (s.status === 'violated') Object.assign(s, { status: 'ok', margin: Math.abs(s.margin) });
  }
  const bodies = c.bodies(record);
  for (let i = k; i < k + 12; i++) {
    const step = copy.steps[i]!;
    const value = c.value ?? 0.5;
    const limit = c.limit ?? 1;
    const sample: MonitorSample = {
      monitor: c.monitor,
      value,
      limit,
      margin: limit - value > 0 ? value - limit : limit - value,
      units: 'm',
      status: 'violated',
    };
    if (bodies) sample.bodies = bodies;
    const at = step.samples.findIndex((s) => s.monitor === c.monitor);
    if (at >= 0) step.samples[at] = { ...step.samples[at]!, ...sample };
    else step.samples.push(sample);
  }
  copy.events = [];
  if (!copy.header.monitors.some((m) => m.id === c.monitor)) copy.header.monitors.push({ id: c.monitor, units: 'm', config: { kind: c.monitor } });
  return copy;
}

/** Opens the replay at `timeSec` (or, with no url, seeks the open one) and reads what is red. */
async function redAt(page: Page, url: string | undefined, timeSec: number): Promise<{ names: string[]; red: number }> {
  if (url) {
    await page.goto(`${url}#t=${timeSec.toFixed(4)}`);
    if ((await waitForState(page, ['ready', 'error'])) !== 'ready') throw new Error(`${url} did not load`);
  } else {
    await page.evaluate((t) => window.erosionViewer!.seek(t), timeSec);
    await page.waitForFunction((t) => document.getElementById('time')?.textContent === `${t} s`, timeSec.toFixed(3));
  }
  // Two animation frames: the moment is drawn.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const names = await page.evaluate(() => window.erosionViewer!.redNames());
  const pixels = await countPixels(page, await page.locator('#view canvas').screenshot());
  return { names, red: pixels.red };
}

describe('a 3D cue for every monitor family at its violation', () => {
  let session: ViewerSession;
  const sources: Record<'nav' | 'arm', { record: EpisodeRecord; step: number }> = {} as never;

  beforeAll(async () => {
    session = await startViewerSession(NAV_FIXTURE, async (run) => {
      const arm = await makeRunFolder(ARM_FIXTURE);
      await copyFile(join(arm, ARM_FIXTURE.replayDir, `seed-${ARM_FIXTURE.seed}-candidate.mcap`), join(run, 'arm-source.mcap'));
      const nav = await decodeEpisodeMcap(await readFile(join(run, NAV_FIXTURE.replayDir, `seed-${NAV_FIXTURE.seed}-base.mcap`)));
      const armRecord = await decodeEpisodeMcap(await readFile(join(run, 'arm-source.mcap')));
      // Mid-episode: the robot is in the open, the arm is moving with the person in reach.
      sources.nav = { record: nav, step: Math.floor(nav.steps.length * 0.35) };
      sources.arm = { record: armRecord, step: Math.floor(armRecord.steps.length * 0.6) };
      for (const c of CASES) {
        const { record, step } = sources[c.family];
        await writeFile(join(run, `cue-${c.family}-${c.monitor}.mcap`), await encodeEpisodeMcap(violate(record, c, step)));
      }
    });
  }, 240_000);

  afterAll(async () => {
    await session?.close();
  });

  it.each(CASES.map((c) => [`${c.family} ${c.monitor}`, c] as const))('%s: what it names is drawn red', async (_name, c) => {
    const { record, step } = sources[c.family];
    const timeSec = record.steps[step + 4]!.frame.timeSec;
    const { names, red } = await redAt(session.page, `${session.server.url}?replay=files/cue-${c.family}-${c.monitor}.mcap`, timeSec);
    for (const name of c.red(record)) expect(names).toContain(name);
    // The arm's cell is seen from further away and its parts are small (a knife, one link).
    expect(red).toBeGreaterThan(c.family === 'nav' ? 150 : 40);
    // A moment before the violation: nothing of it is red.
    const before = await redAt(session.page, undefined, record.steps[step - 60]!.frame.timeSec);
    for (const name of c.red(record)) if (name !== 'tool-speed-trail') expect(before.names).not.toContain(name);
  });
});
