// The built viewer in headless Chromium against real replays made by `erosion run`.

import { McapIndexedReader } from '@mcap/core';
import type { Page } from 'playwright-core';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DECOMPRESS_HANDLERS } from '../../sim/record/lz4-chunks.js';
import { FOXGLOVE_TOPICS, decodeEpisodeMcap } from '../../sim/record/mcap-codec.js';
import type { EpisodeRecord } from '../../sim/record/episode-record.js';
import type { HeadlessBrowser } from '../../viewer/bench/headless-chromium.js';
import type { ViewServer } from '../../viewer/server/view-server.js';
import { countPixels, replayDigest, waitForState } from './page-helpers.js';
import { NAV_FIXTURE, REPLAY_DIR, SEED } from './replay-fixture.js';
import { startViewerSession, type ViewerSession } from './viewer-session.js';

describe('viewer in a real browser', () => {
  let session: ViewerSession;
  let run: string;
  let server: ViewServer;
  let browser: HeadlessBrowser;
  let page: Page;
  let candidate: EpisodeRecord;
  let pageErrors: string[];
  const candidatePath = `${REPLAY_DIR}/seed-${SEED}-candidate.mcap`;

  beforeAll(async () => {
    session = await startViewerSession(NAV_FIXTURE, async (folder) => {
      // Damaged copies for the error paths; listed too, which the listing must survive.
      const bytes = await readFile(join(folder, candidatePath));
      await writeFile(join(folder, 'cut.mcap'), bytes.subarray(0, Math.floor(bytes.byteLength * 0.4)));
      await writeFile(join(folder, 'garbage.mcap'), 'this is not an MCAP file');
    });
    ({ run, server, browser, page, pageErrors } = session);
    candidate = await decodeEpisodeMcap(await readFile(join(run, candidatePath)));
  });

  afterAll(async () => {
    await session?.close();
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

  it('opens the top incident; rows give the worst breach with its units; damaged files are listed with why', async () => {
    const rows = page.locator('#incidents ol li');
    expect(await rows.first().getAttribute('class')).toContain('selected');
    const worst = (await page.textContent('#incidents li.selected .worst')) ?? '';
    expect(worst).toMatch(/^worst: [\w-]+ [\d.]+ (m|m\/s|N|rad) vs limit [\d.]+ (m|m\/s|N|rad), (\d+ % past the limit|past a zero limit)$/);
    const skipped = (await page.textContent('#skipped')) ?? '';
    expect(skipped).toMatch(/garbage\.mcap: not an MCAP file/);
    expect(skipped).toMatch(/cut\.mcap: truncated after \d+ bytes/);
    // The cut replay is listed with what could be read, and its row agrees with its markers.
    const cutRow = (await page.textContent('#incidents li[data-path="cut.mcap"]')) ?? '';
    expect(cutRow).toMatch(/truncated after \d+ bytes: read up to t = [\d.]+ s/);
    const cutTime = Number(/read up to t = ([\d.]+) s/.exec(cutRow)![1]);
    const violatedBeforeCut = candidate.events.some((e) => e.kind === 'violation-start' && e.timeSec <= cutTime);
    expect(cutRow).toContain(violatedBeforeCut ? 'unsafe before the cut' : 'no violation before the cut');
  });

  it('orbiting while paused redraws the view; the scan rays toggle', async () => {
    const canvas = page.locator('#view canvas');
    const before = await canvas.screenshot();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 30, { steps: 4 });
    await page.mouse.up();
    expect(await page.evaluate(() => document.getElementById('play')?.textContent)).not.toBe('Pause');
    expect((await canvas.screenshot()).equals(before)).toBe(false);
    expect(await page.evaluate(() => window.erosionViewer!.sceneNames())).toContain('scan-rays');
    await page.keyboard.press('s');
    expect(await page.evaluate(() => window.erosionViewer!.sceneNames())).not.toContain('scan-rays');
    await page.keyboard.press('s');
    expect(await page.evaluate(() => window.erosionViewer!.sceneNames())).toContain('scan-rays');
  });

  it('plots: every plot in view, y-axis values beside the trace, the part past the limit red', async () => {
    const fits = await page.evaluate(() => {
      const plots = document.getElementById('plots')!;
      return plots.scrollHeight <= plots.clientHeight + 2;
    });
    expect(fits).toBe(true);
    const monitor = candidate.events.find((e) => e.kind === 'violation-start')!.monitor!;
    const counts = await page.evaluate((id) => {
      const canvas = document.getElementById(`plot-${id}`) as HTMLCanvasElement;
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let red = 0;
      let gutterInk = 0;
      for (let i = 0; i < px.length; i += 4) {
        const x = (i / 4) % canvas.width;
        if (px[i]! > 200 && px[i + 1]! < 60 && px[i + 2]! < 60 && px[i + 3]! > 200) red++;
        if (x < 55 && px[i + 3]! > 100) gutterInk++;
      }
      return { red, gutterInk };
    }, monitor);
    expect(counts.red).toBeGreaterThan(20);
    expect(counts.gutterInk).toBeGreaterThan(20);
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
    expect(await page.locator('#split-labels span').allTextContents()).toEqual(['scripted/reckless', 'scripted/careful']);
    expect(await page.textContent('#fact-pair')).toBe('scripted/careful (single)');
    expect(await page.locator('.marker.divergence').count()).toBe(1);
    const shot = await page.locator('#view canvas').screenshot();
    expect((await countPixels(page, shot, { x0: 0, x1: 0.5 })).robot).toBeGreaterThan(30);
    expect((await countPixels(page, shot, { x0: 0.5, x1: 1 })).robot).toBeGreaterThan(30);
    await page.selectOption('#compare', 'ghost');
    await page.waitForFunction(() => document.getElementById('app')?.dataset.compare === 'ghost');
  });

  it('split view with no pair says there is nothing to compare with', async () => {
    await page.goto(`${server.url}?replay=files/${candidatePath}`);
    expect(await waitForState(page, ['ready', 'error'])).toBe('ready');
    await page.selectOption('#compare', 'split');
    expect(await page.textContent('#message')).toContain('nothing to compare with');
    expect(await page.getAttribute('#app', 'data-compare')).toBe('off');
  });

  it('decodes in a worker, giving exactly the columns the page thread decodes', async () => {
    const { decoder: inWorker, ...worker } = await replayDigest(page, server.url, candidatePath);
    const { decoder: onPage, ...main } = await replayDigest(page, server.url, candidatePath, '&decoder=main');
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
