// The first thing the page runs, before three.js and the rest of the bundle are evaluated (main.ts
// imports this module first, and modules run in import order): start the decode worker and ask
// for the replay — or for the run listing, then its chosen episode — so that fetching and decoding
// overlap the page's own start-up (bundle evaluation, the WebGL context, shader compilation)
// instead of following it. Nothing here may import three or the UI.

import type { DecodeResult } from './decode/replay-decoder.js';
import { ReplayDecoder } from './decode/replay-decoder.js';
import { fetchJson } from './load/fetch-json.js';
import { runFileInput, urlInput } from './load/url-input.js';
import { filterIncidents, pairIncidents, type Incident } from './model/incident.js';
import { readUrlState } from './ui/url-state.js';

export interface RunListing {
  title: string;
  incidents: Incident[];
  /** Files skipped or read only in part, with why. */
  problems?: string[];
}

/** A run listing's episode to open first, with its decodes (and its pair's) already under way. */
export interface EarlyRun {
  listing: RunListing;
  incident: Incident | undefined;
  decoding?: Promise<DecodeResult>;
  pairDecoding?: Promise<DecodeResult>;
}

export interface EarlyLoad {
  decoder: ReplayDecoder;
  /** ?replay=URL: a single replay, and its decode. */
  single: string | null;
  decoding?: Promise<DecodeResult>;
  /** Served by `erosion view`: the listing and the first episode's decodes. */
  run?: Promise<EarlyRun | undefined>;
}

// Failures are reported by open(); this only keeps an early one from counting as unhandled.
const quiet = <T>(p: Promise<T>): Promise<T> => {
  p.catch(() => undefined);
  return p;
};

function startEarlyLoad(): EarlyLoad {
  const params = new URLSearchParams(location.search);
  // ?decoder=main decodes on the page's thread (tests compare it with the worker's result).
  const decoder = new ReplayDecoder(params.get('decoder') !== 'main');
  const single = params.get('replay');
  if (single) return { decoder, single, decoding: quiet(decoder.decode(urlInput(single), single)) };
  if (!location.protocol.startsWith('http')) return { decoder, single };
  const run = fetchJson<RunListing>('api/run').then((listing): EarlyRun | undefined => {
    if (!listing) return undefined;
    const url = readUrlState(location.hash);
    // The episode the link names, or the top of the list as the page sorts it: the most severe.
    const wanted = listing.incidents.find((i) => i.path === url.episode) ?? filterIncidents([...listing.incidents], '')[0];
    const incident = wanted && pairIncidents(listing.incidents).find((i) => i.path === wanted.path);
    if (!incident) return { listing, incident };
    const decoding = quiet(decoder.decode(runFileInput(incident.path), incident.path));
    const pairDecoding = incident.pairPath ? quiet(decoder.decode(runFileInput(incident.pairPath), incident.pairPath)) : undefined;
    return pairDecoding ? { listing, incident, decoding, pairDecoding } : { listing, incident, decoding };
  });
  return { decoder, single, run };
}

export const earlyLoad = startEarlyLoad();
