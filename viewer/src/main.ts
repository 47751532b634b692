// Entry point. Picks the replay source: the view server's run folder (api/run), a ?replay= URL,
// or files dropped on the page (the static build opened from disk).

// First import, on purpose: it starts the decode worker and the replay's download before the
// modules below (three.js among them) are evaluated. See early-load.ts.
import { earlyLoad } from './early-load.js';
import { runFileInput, urlInput } from './load/url-input.js';
import { readUrlState } from './ui/url-state.js';
import { ViewerApp } from './viewer-app.js';

declare global {
  interface Window {
    erosionViewer?: ViewerApp;
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  const { decoder, single, decoding, run } = earlyLoad;
  // Let the decode worker start before WebGL's set-up takes the thread (see ReplayDecoder.up);
  // never long: a worker that stays silent must not hold the page.
  await Promise.race([decoder.up, new Promise((resolve) => setTimeout(resolve, 150))]);
  const app = new ViewerApp(root, decoder);
  window.erosionViewer = app;
  installDrop(root, app);
  const url = readUrlState(location.hash);
  if (single) {
    app.setIncidents([], urlInput);
    await app.open({ path: single }, url.timeSec, decoding);
    return;
  }
  const early = await run;
  if (!early) return;
  document.getElementById('run-title')!.textContent = early.listing.title;
  app.setIncidents(early.listing.incidents, runFileInput, early.listing.problems ?? []);
  if (early.incident) await app.open(early.incident, url.timeSec, early.decoding, early.pairDecoding);
}

function installDrop(root: HTMLElement, app: ViewerApp): void {
  root.addEventListener('dragover', (e) => {
    e.preventDefault();
    root.classList.add('dragging');
  });
  root.addEventListener('dragleave', () => root.classList.remove('dragging'));
  root.addEventListener('drop', (e) => {
    e.preventDefault();
    root.classList.remove('dragging');
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) void app.openFiles(files);
  });
}

void start();
