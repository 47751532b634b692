// What this machine's headless Chromium can do at best, measured in the viewer's own page: a
// WebGL2 canvas the size of the 3D view, on top of it, cleared every frame — an empty scene, which
// is all three.js does for one. Its frame rate is the ceiling the viewer's rate is compared with.
// Kept as source text for page.evaluate (a function from this file would carry tsx's helpers).

export const CEILING_PROBE = `(async (seconds) => {
  const view = document.getElementById('view');
  const canvas = document.createElement('canvas');
  canvas.width = view.clientWidth;
  canvas.height = view.clientHeight;
  canvas.style.cssText = 'position:absolute;inset:0;width:100%;height:100%;z-index:5';
  view.append(canvas);
  const gl = canvas.getContext('webgl2', { antialias: false, preserveDrawingBuffer: true });
  const stamps = [];
  await new Promise((done) => {
    const frame = (ms) => {
      gl.clearColor((stamps.length % 60) / 60, 0.9, 0.93, 1);
      gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
      stamps.push(ms);
      if (ms - stamps[0] < seconds * 1000) requestAnimationFrame(frame);
      else done();
    };
    requestAnimationFrame(frame);
  });
  canvas.remove();
  return { frames: stamps.length - 1, ms: stamps[stamps.length - 1] - stamps[0], size: [canvas.width, canvas.height] };
})`;

/** Plays the loaded replay for `seconds` and counts the frames the viewer rendered, by rAF time. */
export const PLAYBACK_PROBE = `(async (seconds) => {
  const app = window.erosionViewer;
  const view = document.getElementById('view');
  if (app.stats.state !== 'ready') throw new Error('viewer not ready');
  document.getElementById('play').click();
  const stamps = [];
  const rendered = [];
  await new Promise((done) => {
    const frame = (ms) => {
      stamps.push(ms);
      rendered.push(app.stats.frames);
      if (ms - stamps[0] < seconds * 1000) requestAnimationFrame(frame);
      else done();
    };
    requestAnimationFrame(frame);
  });
  document.getElementById('play').click();
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  return {
    frames: rendered[rendered.length - 1] - rendered[0],
    ms: stamps[stamps.length - 1] - stamps[0],
    medianGapMs: gaps[Math.floor(gaps.length / 2)],
    p95GapMs: gaps[Math.floor(gaps.length * 0.95)],
    size: [view.clientWidth, view.clientHeight],
  };
})`;
