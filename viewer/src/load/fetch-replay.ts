// The I/O half of loading: where the bytes come from (a URL on the view server, or a dropped file).

import { ReplayError } from '../../../sim/record/replay-error.js';

export async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ReplayError(url, `cannot fetch the replay (${(error as Error).message})`, 'io');
  }
  if (!response.ok) throw new ReplayError(url, `cannot fetch the replay (HTTP ${response.status})`, 'io');
  return new Uint8Array(await response.arrayBuffer());
}

export async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

export async function fetchJson<T>(url: string): Promise<T | undefined> {
  try {
    const response = await fetch(url);
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}
