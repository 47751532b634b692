// Entry point. Picks the replay source: the view server's run folder (api/run), a ?replay= URL,
// or files dropped on the page (the static build opened from disk).

import { ReplayDecoder } from './decode/replay-decoder.js';
import { fetchJson } from './load/fetch-json.js';
import { pairIncidents, type Incident } from './model/incident.js';
import { readUrlState } from './ui/url-state.js';
import { ViewerApp, urlInput } from './viewer-app.js';

interface RunListing {
  title: string;
  incidents: Incident[];
}

declare global {
  interface Window {
    erosionViewer?: ViewerApp;
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  // The decoder first, and a ?replay= asked for at once: its worker fetches and decodes while the
  // page creates its WebGL context and compiles shaders.
  const params = new URLSearchParams(location.search);
  // ?decoder=main decodes on the page's thread (tests compare it with the worker's result).
  const decoder = new ReplayDecoder(params.get('decoder') !== 'main');
  const single = params.get('replay');
  const decoding = single ? decoder.decode(urlInput(single), single) : undefined;
  // Failures are reported by open(); this only keeps an early one from counting as unhandled.
  decoding?.catch(() => undefined);
  const app = new ViewerApp(root, decoder);
  window.erosionViewer = app;
  installDrop(root, app);
  const url = readUrlState(location.hash);
  if (single) {
    app.setIncidents([], urlInput);
    await app.open({ path: single }, url.timeSec, decoding);
    return;
  }
  const listing = location.protocol.startsWith('http') ? await fetchJson<RunListing>('api/run') : undefined;
  if (!listing) return;
  document.getElementById('run-title')!.textContent = listing.title;
  app.setIncidents(listing.incidents, (path) => urlInput(`files/${path.split('/').map(encodeURIComponent).join('/')}`));
  const wanted = listing.incidents.find((i) => i.path === url.episode) ?? listing.incidents.find((i) => i.unsafe) ?? listing.incidents[0];
  const paired = wanted && pairIncidents(listing.incidents).find((i) => i.path === wanted.path);
  if (paired) await app.open(paired, url.timeSec);
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
