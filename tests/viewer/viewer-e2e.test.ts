// The built viewer in headless Chromium against real replays made by `erosion run`.

import { McapIndexedReader } from '@mcap/core';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DECOMPRESS_HANDLERS } from '../../sim/record/lz4-chunks.js';
import { FOXGLOVE_TOPICS, decodeEpisodeMcap } from '../../sim/record/mcap-codec.js';
import type { EpisodeRecord } from '../../sim/record/episode-record.js';
import { launchHeadlessChromium, type HeadlessBrowser } from '../../viewer/bench/headless-chromium.js';
import { ensureViewerBuild } from '../../viewer/server/ensure-build.js';
import { listRun } from '../../viewer/server/run-listing.js';
import { startViewServer, type ViewServer } from '../../viewer/server/view-server.js';
import { REPLAY_DIR, SEED, makeRunFolder } from './replay-fixture.js';

/** Pixels of a screenshot (decoded in the page) that match each named colour test. */
async function countPixels(page: Page, png: Buffer, region?: { x0: number; x1: number }) {
  return page.evaluate(
    async ({ data, region }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const x0 = Math.floor((region?.x0 ?? 0) * image.width);
      const x1 = Math.floor((region?.x1 ?? 1) * image.width);
      const px = ctx.getImageData(x0, 0, x1 - x0, image.height).data;
      const counts = { robot: 0, human: 0, red: 0, total: px.length / 4, colours: 0 };
      const seen = new Set<number>();
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
        seen.add((r >> 3) | ((g >> 3) << 5) | ((b >> 3) << 10));
        if (b > 120 && b > r + 50 && b > g + 20) counts.robot++;
        if (r > 150 && g > 80 && g < 190 && b < 120 && r > g + 30) counts.human++;
        if (r > 150 && g < 90 && b < 90) counts.red++;
      }
      counts.colours = seen.size;
      return counts;
    },
    { data: png.toString('base64'), region },
  );
}

/** Every column of the episode on screen, hashed bit for bit (source text: see ceiling-probe.ts). */
const MODEL_DIGEST = `(() => {
  const app = window.erosionViewer;
  const c = app.model.columns;
  const hash = (a) => {
    const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    let x = 2166136261;
    for (let i = 0; i < b.length; i++) x = Math.imul(x ^ b[i], 16777619);
    return (x >>> 0) + ':' + a.length;
  };
  const out = { decoder: app.stats.decoder, count: c.count, strings: c.strings, lists: c.lists, violations: app.model.violations.length };
  for (const [k, v] of Object.entries(c)) if (ArrayBuffer.isView(v)) out[k] = hash(v);
  out.monitors = c.monitors.map((m) => [m.id, hash(m.margin), hash(m.value), hash(m.limit), hash(m.status), hash(m.units), hash(m.bodies)]);
  return out;
})()`;

async function waitForState(page: Page, states: string[]): Promise<string> {
  await page.waitForFunction((s) => s.includes(document.getElementById('app')?.dataset.state ?? ''), states, { timeout: 30_000 });
  return (await page.getAttribute('#app', 'data-state'))!;
}

describe('viewer in a real browser', () => {
  let run: string;
  let server: ViewServer;
  let browser: HeadlessBrowser;
  let page: Page;
  let candidate: EpisodeRecord;
  const pageErrors: string[] = [];
  const candidatePath = `${REPLAY_DIR}/seed-${SEED}-candidate.mcap`;

  beforeAll(async () => {
    const [folder, appDir] = await Promise.all([makeRunFolder(), ensureViewerBuild()]);
    run = folder;
    candidate = await decodeEpisodeMcap(await readFile(join(run, candidatePath)));
    // Damaged copies for the error paths; listed too, which the listing must survive.
    const bytes = await readFile(join(run, candidatePath));
    await writeFile(join(run, 'cut.mcap'), bytes.subarray(0, Math.floor(bytes.byteLength * 0.4)));
    await writeFile(join(run, 'garbage.mcap'), 'this is not an MCAP file');
    server = await startViewServer({ appDir, listing: await listRun(run) });
    browser = await launchHeadlessChromium({ width: 1280, height: 800 });
    page = browser.page;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    expect(await waitForState(page, ['ready', 'error'])).toBe('ready');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (run) await rm(run, { recursive: true, force: true });
  });

  it('writes replays Foxglove can display: SceneUpdate and Log channels next to the episode', async () => {
    const bytes = await readFile(join(run, candidatePath));
    const reader = await McapIndexedReader.Initialize({
      readable: { size: async () => BigInt(bytes.byteLength), read: async (o, n) => bytes.subarray(Number(o), Number(o + n)) },
      decompressHandlers: DECOMPRESS_HANDLERS,
    });
    const channel = (topic: string) => [...reader.channelsById.values()].find((c) => c.topic === topic)!;
    const schemaOf = (topic: string) => reader.schemasById.get(channel(topic).schemaId)!;
    expect(schemaOf(FOXGLOVE_TOPICS.scene).name).toBe('foxglove.SceneUpdate');
    expect(schemaOf(FOXGLOVE_TOPICS.staticScene).name).toBe('foxglove.SceneUpdate');
    expect(schemaOf(FOXGLOVE_TOPICS.log).name).toBe('foxglove.Log');
    for (const topic of Object.values(FOXGLOVE_TOPICS)) {
      expect(channel(topic).messageEncoding).toBe('json');
      expect(schemaOf(topic).encoding).toBe('jsonschema');
    }
    const sceneSchema = JSON.parse(new TextDecoder().decode(schemaOf(FOXGLOVE_TOPICS.scene).data));
    expect(sceneSchema.title).toBe('foxglove.SceneUpdate');
    const entitySchema = sceneSchema.properties.entities.items;

    const updates: Array<{ entities: Array<Record<string, unknown>> }> = [];
    const logs: Array<{ level: number; message: string }> = [];
    for await (const m of reader.readMessages({ topics: [FOXGLOVE_TOPICS.scene, FOXGLOVE_TOPICS.log] })) {
      const value = JSON.parse(new TextDecoder().decode(m.data));
      if (channel(FOXGLOVE_TOPICS.log).id === m.channelId) logs.push(value);
      else updates.push(value);
    }
    // About 30 updates per simulated second, each with the robot and the pedestrian.
    expect(updates.length).toBeGreaterThan(candidate.footer.summary.simulatedSec * 25);
    const entity = updates[10]!.entities.find((e) => e.id === 'robot')!;
    expect(Object.keys(entity).sort()).toEqual([...entitySchema.required].sort());
    expect((entity.cubes as unknown[]).length).toBe(1);
    expect(updates[10]!.entities.map((e) => e.id)).toContain('human/pedestrian');
    const violations = candidate.events.filter((e) => e.kind === 'violation-start');
    expect(logs.filter((l) => l.level === 4)).toHaveLength(violations.length);
    expect(logs.map((l) => l.message).join('\n')).toContain('separation');
    // And Erosion's own decoder still reads exactly the episode.
    expect(candidate.steps.length).toBe(candidate.footer.summary.steps);
  });

  it('lists the incident and opens the unsafe episode with its facts', async () => {
    expect(await page.locator('#incidents li.unsafe').count()).toBeGreaterThanOrEqual(1);
    expect(await page.textContent('#incidents li.selected')).toContain('speed-limit');
    expect(await page.textContent('#fact-policy')).toBe('scripted/reckless (single)');
    expect(await page.textContent('#fact-seed')).toBe(String(SEED));
    expect(await page.locator('.marker.violation').count()).toBe(candidate.events.filter((e) => e.kind === 'violation-start').length);
  });

  it('draws the scene: not blank, the robot and the person are on the canvas', async () => {
    const shot = await page.locator('#view canvas').screenshot();
    const pixels = await countPixels(page, shot);
    expect(pixels.colours).toBeGreaterThan(20);
    expect(pixels.robot).toBeGreaterThan(100);
    expect(pixels.human).toBeGreaterThan(100);
    expect(pixels.red).toBeLessThan(20);
  });

  it('jumps to the first violation with a key: time, URL and the highlighted bodies', async () => {
    await page.keyboard.press('n');
    const first = candidate.events.find((e) => e.kind === 'violation-start')!;
    await page.waitForFunction((t) => document.getElementById('time')?.textContent === `${t} s`, first.timeSec.toFixed(3));
    expect(await page.getAttribute('#now', 'class')).toBe('violated');
    expect(await page.textContent('#now')).toContain(first.monitor!);
    await page.waitForFunction(() => location.hash.includes('t='));
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('t')).toBe(first.timeSec.toFixed(3));
    // The next violation is the separation breach: the person is drawn red.
    await page.keyboard.press('n');
    await page.waitForFunction(() => document.getElementById('now')?.textContent?.includes('separation'));
    expect(await page.getAttribute('#app', 'data-highlighted')).toBe('');
    const pixels = await countPixels(page, await page.locator('#view canvas').screenshot());
    expect(pixels.red).toBeGreaterThan(200);
  });

  it('a link with the time opens the same moment', async () => {
    const url = page.url();
    const other = await browser.context.newPage();
    try {
      await other.goto(url);
      await other.waitForFunction(() => document.getElementById('app')?.dataset.state === 'ready');
      expect(await other.textContent('#time')).toBe(await page.textContent('#time'));
    } finally {
      await other.close();
    }
  });

  it('switches to side by side: two views, the base policy on the right, divergence marked', async () => {
    await page.selectOption('#compare', 'split');
    await page.waitForFunction(() => document.getElementById('app')?.dataset.compare === 'split');
    expect(await page.isVisible('#split-labels')).toBe(true);
    expect(await page.textContent('#fact-pair')).toBe('scripted/careful (single)');
    expect(await page.locator('.marker.divergence').count()).toBe(1);
    const shot = await page.locator('#view canvas').screenshot();
    expect((await countPixels(page, shot, { x0: 0, x1: 0.5 })).robot).toBeGreaterThan(30);
    expect((await countPixels(page, shot, { x0: 0.5, x1: 1 })).robot).toBeGreaterThan(30);
    await page.selectOption('#compare', 'ghost');
    await page.waitForFunction(() => document.getElementById('app')?.dataset.compare === 'ghost');
  });

  it('decodes in a worker, giving exactly the columns the page thread decodes', async () => {
    const digestOf = async (query: string) => {
      await page.goto(`${server.url}?replay=files/${candidatePath}${query}`);
      expect(await waitForState(page, ['ready', 'error'])).toBe('ready');
      return page.evaluate(MODEL_DIGEST) as Promise<Record<string, unknown>>;
    };
    const { decoder: inWorker, ...worker } = await digestOf('');
    const { decoder: onPage, ...main } = await digestOf('&decoder=main');
    expect(inWorker).toBe('worker/fast');
    expect(onPage).toBe('main/fast');
    expect(worker).toEqual(main);
    expect(worker.count).toBe(candidate.steps.length);
  });

  it('a truncated replay shows what survived and says it was cut', async () => {
    await page.goto(`${server.url}?replay=files/cut.mcap`);
    expect(await waitForState(page, ['ready', 'error'])).toBe('ready');
    expect(await page.textContent('#message')).toMatch(/truncated/);
    // The fast reader refuses a cut file; the codec's reader, in the worker, recovers what it can.
    expect(await page.evaluate(() => window.erosionViewer!.stats.decoder)).toBe('worker/reference');
  });

  it('a file that is not a replay shows a clear message and nothing crashes', async () => {
    await page.goto(`${server.url}?replay=files/garbage.mcap`);
    expect(await waitForState(page, ['ready', 'error'])).toBe('error');
    expect(await page.textContent('#message')).toContain('not an MCAP file');
    expect(await page.isVisible('#message.error')).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
