// Viewer benchmark (`npm run bench -- --only viewer`, or `npx tsx viewer/bench/viewer-bench.ts`):
// a 60 s episode at 240 Hz, written by the real encoder, opened by the freshly built viewer in
// headless Chromium (SwiftShader WebGL2); then an arm episode made by `erosion run` (the knife
// handover: links, a held knife, a person's moving regions), whose playback is held against the
// same ceiling.
//   load: from navigation to the episode's first rendered frame, over several fresh page loads.
//   fps:  frames the viewer renders per second while playing, timed by requestAnimationFrame,
//         interleaved with the same page's ceiling (an empty WebGL2 canvas of the view's size), so
//         a machine busy with other work lowers both and the ratio stays meaningful.
// Settings: --runs N (page loads, default 5), --seconds S (per playback sample, default 4).

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigures, BenchSection } from '../../sim/bench/bench-section.js';
import { encodeEpisodeMcap } from '../../sim/record/mcap-codec.js';
import { ensureViewerBuild } from '../server/ensure-build.js';
import { listRun } from '../server/run-listing.js';
import { startViewServer } from '../server/view-server.js';
import { CEILING_PROBE, PLAYBACK_PROBE } from './ceiling-probe.js';
import { launchHeadlessChromium } from './headless-chromium.js';
import { syntheticEpisode } from './synthetic-episode.js';

const DURATION_SEC = 60;
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** An arm episode as `erosion run` writes it (exit 1: unsafe, which the reckless arm is). */
function runArmEpisode(out: string): Promise<void> {
  return new Promise((done, fail) => {
    const args = [
      'bin/erosion.mjs',
      'run',
      '--scenario',
      'manip/sharp-tool-handover',
      '--policy',
      'scripted/arm-reckless',
      '--seed',
      '0',
      '--level',
      '1',
      '--out',
      out,
    ];
    const child = spawn(process.execPath, args, { cwd: PROJECT, stdio: 'ignore' });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 || code === 1 ? done() : fail(new Error(`erosion run (arm) exited ${code}`))));
  });
}

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
  await runArmEpisode(join(folder, 'arm.mcap'));
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
      const phases = Object.entries(stats.phases)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ');
      const timeline = Object.entries(stats.timeline)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ');
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
      log(
        `  round ${round + 1}: ceiling ${fps(c).toFixed(1)} fps, viewer ${fps(v).toFixed(1)} fps (frame gap median ${v.medianGapMs.toFixed(1)} ms, p95 ${v.p95GapMs.toFixed(1)} ms)`,
      );
    }
    const sum = (rs: Rate[]): Rate => ({ frames: rs.reduce((a, r) => a + r.frames, 0), ms: rs.reduce((a, r) => a + r.ms, 0) });
    const viewerFps = fps(sum(viewer));
    const ceilingFps = fps(sum(ceiling));

    // The arm episode: playback against the ceiling, the same way.
    await page.goto(`${server.url}?replay=files/arm.mcap`);
    await page.waitForFunction(() => window.erosionViewer?.stats.state === 'ready', null, { timeout: 60_000 });
    const armLoad = await page.evaluate(() => window.erosionViewer!.stats.firstFrameAtMs);
    const armViewer: Rate[] = [];
    const armCeiling: Rate[] = [];
    // A short episode: played slowly from the start so each sample ends before the episode does
    // (every frame still lands on a new 240 Hz step).
    for (let k = 0; k < 2; k++) await page.keyboard.press('[');
    for (let round = 0; round < 2; round++) {
      const c = (await page.evaluate(`${CEILING_PROBE}(${seconds})`)) as Rate;
      armCeiling.push(c);
      await page.evaluate(() => window.erosionViewer!.seek(0));
      const v = (await page.evaluate(`${PLAYBACK_PROBE}(${seconds})`)) as Rate & { medianGapMs: number; p95GapMs: number };
      armViewer.push(v);
      log(
        `  arm round ${round + 1}: ceiling ${fps(c).toFixed(1)} fps, viewer ${fps(v).toFixed(1)} fps (frame gap median ${v.medianGapMs.toFixed(1)} ms, p95 ${v.p95GapMs.toFixed(1)} ms)`,
      );
    }
    const armFps = fps(sum(armViewer));
    const armCeilingFps = fps(sum(armCeiling));
    return {
      'load, navigation to first frame (best)': `${Math.min(...loads).toFixed(0)} ms`,
      'load, navigation to first frame (median)': `${median(loads).toFixed(0)} ms`,
      'playback fps (viewer)': `${viewerFps.toFixed(1)} fps at ${size}`,
      'ceiling fps (empty WebGL2 canvas, same size)': `${ceilingFps.toFixed(1)} fps`,
      'viewer / ceiling': `${((100 * viewerFps) / ceilingFps).toFixed(0)} %`,
      'arm episode: load, navigation to first frame': `${armLoad.toFixed(0)} ms`,
      'arm episode: playback fps (viewer)': `${armFps.toFixed(1)} fps`,
      'arm episode: viewer / ceiling': `${((100 * armFps) / armCeilingFps).toFixed(0)} %`,
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

export const viewerBench: BenchSection = {
  name: 'viewer',
  summary: 'replay viewer in headless Chromium: 60 s at 240 Hz and an arm episode, load time and playback fps against the ceiling',
  run: ({ log, settings }) => runViewerBench(log, settings),
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runViewerBench(console.log, {});
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${v}`);
}
