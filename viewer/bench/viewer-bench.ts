// Viewer benchmark: a 60 s episode at 240 Hz, written by the real encoder, loaded by the built
// viewer in headless Chromium. Reports how long loading takes (fetch, decode, scene, first frame)
// and the frame rate while playing. Run: npx tsx viewer/bench/viewer-bench.ts

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeEpisodeMcap } from '../../sim/record/mcap-codec.js';
import { ensureViewerBuild } from '../server/ensure-build.js';
import { listRun } from '../server/run-listing.js';
import { startViewServer } from '../server/view-server.js';
import { launchHeadlessChromium } from './headless-chromium.js';
import { syntheticEpisode } from './synthetic-episode.js';

const DURATION_SEC = 60;
const PLAY_SEC = 5;

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'erosion-viewer-bench-'));
  const record = syntheticEpisode(DURATION_SEC);
  const bytes = await encodeEpisodeMcap(record);
  await writeFile(join(folder, 'long.mcap'), bytes);
  console.log(`episode: ${DURATION_SEC} s at ${record.header.rates.physicsHz} Hz, ${record.steps.length} steps, ${(bytes.byteLength / 1e6).toFixed(1)} MB MCAP`);

  const server = await startViewServer({ appDir: await ensureViewerBuild(console.log), listing: await listRun(folder) });
  const browser = await launchHeadlessChromium();
  try {
    const { page } = browser;
    const loads: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(`${server.url}?replay=files/long.mcap`);
      await page.waitForFunction(() => window.erosionViewer?.stats.state === 'ready', null, { timeout: 60_000 });
      const stats = await page.evaluate(() => window.erosionViewer!.stats);
      loads.push(stats.loadMs);
      console.log(`  run ${run + 1}: ${stats.loadMs.toFixed(0)} ms (${Object.entries(stats.phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')})`);
    }
    console.log(`load (fetch + decode + scene + first frame): ${loads.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}; best ${Math.min(...loads).toFixed(0)} ms`);

    const frames = await page.evaluate(async (playSec) => {
      const app = window.erosionViewer!;
      const start = app.stats.frames;
      const t0 = performance.now();
      document.getElementById('play')!.click();
      await new Promise((done) => setTimeout(done, playSec * 1000));
      return { frames: app.stats.frames - start, ms: performance.now() - t0 };
    }, PLAY_SEC);
    console.log(`playback: ${frames.frames} frames in ${(frames.ms / 1000).toFixed(2)} s = ${((frames.frames * 1000) / frames.ms).toFixed(1)} fps (headless Chromium, SwiftShader)`);
  } finally {
    await browser.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
