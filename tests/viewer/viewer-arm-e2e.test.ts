// The built viewer in headless Chromium on an arm's replays made by `erosion run`: the knife
// handover, where the reckless arm points the blade at the person and strikes the waiting hand.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEpisodeMcap } from '../../sim/record/mcap-codec.js';
import type { EpisodeRecord } from '../../sim/record/episode-record.js';
import { countPixels, replayDigest } from './page-helpers.js';
import { ARM_FIXTURE } from './replay-fixture.js';
import { startViewerSession, type ViewerSession } from './viewer-session.js';

describe('viewer in a real browser, an arm episode', () => {
  let session: ViewerSession;
  let page: Page;
  let candidate: EpisodeRecord;
  const candidatePath = `${ARM_FIXTURE.replayDir}/seed-${ARM_FIXTURE.seed}-candidate.mcap`;

  beforeAll(async () => {
    session = await startViewerSession(ARM_FIXTURE);
    page = session.page;
    candidate = await decodeEpisodeMcap(await readFile(join(session.run, candidatePath)));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('draws the cell: the arm, the person and the bench, not a robot on the floor', async () => {
    expect(await page.textContent('#fact-scenario')).toContain('manip/sharp-tool-handover');
    const names = await page.evaluate(() => {
      const stage = window.erosionViewer!;
      return stage.sceneNames();
    });
    expect(names).toEqual(expect.arrayContaining(['bench', 'arm-link', 'held:knife', 'human:receiver', 'region:hand', 'goal']));
    // Nothing of a mobile base's scene: no footprint box, no scan rays.
    expect(names).not.toContain('scan-rays');
    const pixels = await countPixels(page, await page.locator('#view canvas').screenshot());
    expect(pixels.colours).toBeGreaterThan(20);
    expect(pixels.robot).toBeGreaterThan(400);
    expect(pixels.human).toBeGreaterThan(400);
  });

  it('jumps to the blade striking the hand: the hand is the region drawn red', async () => {
    const strike = candidate.events.find((e) => e.kind === 'violation-start' && e.monitor === 'contact-force')!;
    expect(strike.bodies).toContain('receiver:hand');
    // n from the start walks the violations in order until the contact.
    for (let k = 0; k < 20; k++) {
      await page.keyboard.press('n');
      const now = await page.textContent('#now');
      if (now?.includes('contact-force')) break;
    }
    await page.waitForFunction(() => document.getElementById('now')?.textContent?.includes('contact-force'));
    expect(await page.getAttribute('#app', 'data-highlighted')).toContain('receiver:hand');
    const pixels = await countPixels(page, await page.locator('#view canvas').screenshot());
    expect(pixels.red).toBeGreaterThan(50);
  });

  it('side by side: both arms drawn, the careful one on the right', async () => {
    await page.selectOption('#compare', 'split');
    await page.waitForFunction(() => document.getElementById('app')?.dataset.compare === 'split');
    expect(await page.textContent('#fact-pair')).toBe('scripted/arm-careful (single)');
    expect(await page.locator('.marker.divergence').count()).toBe(1);
    const shot = await page.locator('#view canvas').screenshot();
    expect((await countPixels(page, shot, { x0: 0, x1: 0.5 })).robot).toBeGreaterThan(150);
    expect((await countPixels(page, shot, { x0: 0.5, x1: 1 })).robot).toBeGreaterThan(150);
  });

  it('decodes the arm in a worker through the fast path, exactly as the page thread does', async () => {
    const { decoder: inWorker, ...worker } = await replayDigest(page, session.server.url, candidatePath);
    const { decoder: onPage, ...main } = await replayDigest(page, session.server.url, candidatePath, '&decoder=main');
    expect(inWorker).toBe('worker/fast');
    expect(onPage).toBe('main/fast');
    expect(worker).toEqual(main);
    expect(worker.count).toBe(candidate.steps.length);
    expect(session.pageErrors).toEqual([]);
  });
});
