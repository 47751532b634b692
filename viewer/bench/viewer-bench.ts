// Viewer benchmark (`npm run bench -- --only viewer`, or `npx tsx viewer/bench/viewer-bench.ts`):
// a 60 s episode at 240 Hz, written by the real encoder, opened by the freshly built viewer in
// headless Chromium (SwiftShader WebGL2).
//   load: from navigation to the episode's first rendered frame, over several fresh page loads.
//   fps:  frames the viewer renders per second while playing, timed by requestAnimationFrame,
//         interleaved with the same page's ceiling (an empty WebGL2 canvas of the view's size), so
//         a machine busy with other work lowers both and the ratio stays meaningful.
// Settings: --runs N (page loads, default 5), --seconds S (per playback sample, default 4).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchFigures, BenchSection } from '../../sim/bench/bench-section.js';
import { encodeEpisodeMcap } from '../../sim/record/mcap-codec.js';
import { ensureViewerBuild } from '../server/ensure-build.js';
import { listRun } from '../server/run-listing.js';
import { startViewServer } from '../server/view-server.js';
import { CEILING_PROBE, PLAYBACK_PROBE } from './ceiling-probe.js';
import { launchHeadlessChromium } from './headless-chromium.js';
import { syntheticEpisode } from './synthetic-episode.js';

const DURATION_SEC = 60;

interface Rate {
  frames: number;
  ms: number;
}
const fps = (r: Rate): number => (r.frames * 1000) / r.ms;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function runViewerBench(log: (line: string) => void, settings: Record<string, string>): Promise<BenchFigures> {
  const runs = Math.max(1, Number(settings.runs ?? 5));
  const seconds = Math.max(1, Number(settings.seconds ?? 4));
  const folder = await mkdtemp(join(tmpdir(), 'erosion-viewer-bench-'));
  const record = syntheticEpisode(DURATION_SEC);
  const bytes = await encodeEpisodeMcap(record);
  await writeFile(join(folder, 'long.mcap'), bytes);
  log(`episode: ${DURATION_SEC} s at ${record.header.rates.physicsHz} Hz, ${record.steps.length} steps, ${(bytes.byteLength / 1e6).toFixed(1)} MB MCAP`);

  const server = await startViewServer({ appDir: await ensureViewerBuild(log, { rebuild: true }), listing: await listRun(folder) });
  const browser = await launchHeadlessChromium();
  try {
    const { page } = browser;
    const loads: number[] = [];
    for (let run = 0; run < runs; run++) {
      await page.goto(`${server.url}?replay=files/long.mcap`);
      await page.waitForFunction(() => window.erosionViewer?.stats.state === 'ready', null, { timeout: 60_000 });
      const stats = await page.evaluate(() => window.erosionViewer!.stats);
      loads.push(stats.firstFrameAtMs);
      const phases = Object.entries(stats.phases).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
      const timeline = Object.entries(stats.timeline).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
      log(`  load ${run + 1}: ${stats.firstFrameAtMs.toFixed(0)} ms from navigation (open→frame ${stats.loadMs.toFixed(0)} ms: ${phases}; ${stats.decoder})`);
      log(`          at (ms from navigation): ${timeline}`);
    }

    // Playback against the ceiling, alternating, twice each; the page stays the last one loaded.
    const viewer: Rate[] = [];
    const ceiling: Rate[] = [];
    let size = '';
    for (let round = 0; round < 2; round++) {
      const c = (await page.evaluate(`${CEILING_PROBE}(${seconds})`)) as Rate & { size: number[] };
      ceiling.push(c);
      const v = (await page.evaluate(`${PLAYBACK_PROBE}(${seconds})`)) as Rate & { medianGapMs: number; p95GapMs: number; size: number[] };
      viewer.push(v);
      size = `${v.size.join('×')} px`;
      log(`  round ${round + 1}: ceiling ${fps(c).toFixed(1)} fps, viewer ${fps(v).toFixed(1)} fps (frame gap median ${v.medianGapMs.toFixed(1)} ms, p95 ${v.p95GapMs.toFixed(1)} ms)`);
    }
    const sum = (rs: Rate[]): Rate => ({ frames: rs.reduce((a, r) => a + r.frames, 0), ms: rs.reduce((a, r) => a + r.ms, 0) });
    const viewerFps = fps(sum(viewer));
    const ceilingFps = fps(sum(ceiling));
    return {
      'load, navigation to first frame (best)': `${Math.min(...loads).toFixed(0)} ms`,
      'load, navigation to first frame (median)': `${median(loads).toFixed(0)} ms`,
      'playback fps (viewer)': `${viewerFps.toFixed(1)} fps at ${size}`,
      'ceiling fps (empty WebGL2 canvas, same size)': `${ceilingFps.toFixed(1)} fps`,
      'viewer / ceiling': `${((100 * viewerFps) / ceilingFps).toFixed(0)} %`,
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

export const viewerBench: BenchSection = {
  name: 'viewer',
  summary: 'replay viewer in headless Chromium: 60 s at 240 Hz, load time and playback fps',
  run: ({ log, settings }) => runViewerBench(log, settings),
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runViewerBench(console.log, {});
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${v}`);
}
