// The moment on screen lives in the URL's hash (#ep=…&t=…&cmp=…), so a link opens the same
// episode at the same time, also from a static build opened from disk.

export type CompareMode = 'off' | 'ghost' | 'split';

export interface UrlState {
  episode?: string;
  timeSec?: number;
  compare: CompareMode;
}

export function readUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const t = Number(params.get('t'));
  const cmp = params.get('cmp');
  const state: UrlState = { compare: cmp === 'ghost' || cmp === 'split' ? cmp : 'off' };
  const ep = params.get('ep');
  if (ep) state.episode = ep;
  if (params.has('t') && Number.isFinite(t)) state.timeSec = t;
  return state;
}

export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.episode) params.set('ep', state.episode);
  if (state.timeSec !== undefined) params.set('t', state.timeSec.toFixed(3));
  if (state.compare !== 'off') params.set('cmp', state.compare);
  return `#${params.toString()}`;
}
