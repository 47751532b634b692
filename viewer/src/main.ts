// Entry point. Picks the replay source: the view server's run folder (api/run), a ?replay= URL,
// or files dropped on the page (the static build opened from disk).

import { fetchBytes, fetchJson } from './load/fetch-replay.js';
import { pairIncidents, type Incident } from './model/incident.js';
import { readUrlState } from './ui/url-state.js';
import { ViewerApp } from './viewer-app.js';

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
  const app = new ViewerApp(root);
  window.erosionViewer = app;
  installDrop(root, app);
  const url = readUrlState(location.hash);
  const single = new URLSearchParams(location.search).get('replay');
  if (single) {
    app.setIncidents([], fetchBytes);
    await app.open({ path: single }, url.timeSec);
    return;
  }
  const listing = location.protocol.startsWith('http') ? await fetchJson<RunListing>('api/run') : undefined;
  if (!listing) return;
  document.getElementById('run-title')!.textContent = listing.title;
  app.setIncidents(listing.incidents, (path) => fetchBytes(`files/${path.split('/').map(encodeURIComponent).join('/')}`));
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
