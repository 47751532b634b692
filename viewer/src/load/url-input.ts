import type { ReplayInput } from '../decode/decode-messages.js';

/** A replay's URL on this page's server, as the decoder (possibly a worker) must be given it. */
export function urlInput(url: string): ReplayInput {
  return { url: new URL(url, location.href).href, label: url };
}

/** A run folder's file as the view server serves it (under files/). */
export function runFileInput(path: string): ReplayInput {
  return urlInput(`files/${path.split('/').map(encodeURIComponent).join('/')}`);
}
