// What the viewer's browser tests read off a page: pixel counts of a screenshot, the columns on
// screen as a digest, and the page's load state.

import type { Page } from 'playwright-core';

/** Pixels of a screenshot (decoded in the page) that match each named colour test. */
export async function countPixels(page: Page, png: Buffer, region?: { x0: number; x1: number }) {
  return page.evaluate(
    async ({ data, region }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const x0 = Math.floor((region?.x0 ?? 0) * image.width);
      const x1 = Math.floor((region?.x1 ?? 1) * image.width);
      const px = ctx.getImageData(x0, 0, x1 - x0, image.height).data;
      const counts = { robot: 0, human: 0, red: 0, total: px.length / 4, colours: 0 };
      const seen = new Set<number>();
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
        seen.add((r >> 3) | ((g >> 3) << 5) | ((b >> 3) << 10));
        if (b > 120 && b > r + 50 && b > g + 20) counts.robot++;
        if (r > 150 && g > 80 && g < 190 && b < 120 && r > g + 30) counts.human++;
        if (r > 150 && g < 90 && b < 90) counts.red++;
      }
      counts.colours = seen.size;
      return counts;
    },
    { data: png.toString('base64'), region },
  );
}

/** Every column of the episode on screen, hashed bit for bit (source text: see ceiling-probe.ts). */
export const MODEL_DIGEST = `(() => {
  const app = window.erosionViewer;
  const c = app.model.columns;
  const hash = (a) => {
    const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    let x = 2166136261;
    for (let i = 0; i < b.length; i++) x = Math.imul(x ^ b[i], 16777619);
    return (x >>> 0) + ':' + a.length;
  };
  const out = { decoder: app.stats.decoder, count: c.count, strings: c.strings, lists: c.lists, violations: app.model.violations.length };
  for (const [k, v] of Object.entries(c)) if (ArrayBuffer.isView(v)) out[k] = hash(v);
  out.monitors = c.monitors.map((m) => [m.id, hash(m.margin), hash(m.value), hash(m.limit), hash(m.status), hash(m.units), hash(m.bodies)]);
  return out;
})()`;

export async function waitForState(page: Page, states: string[]): Promise<string> {
  await page.waitForFunction((s) => s.includes(document.getElementById('app')?.dataset.state ?? ''), states, { timeout: 30_000 });
  return (await page.getAttribute('#app', 'data-state'))!;
}

/**
 * Opens a replay on the page by URL and returns its digest (MODEL_DIGEST), decoded in the worker
 * or, with `&decoder=main` in `query`, on the page thread. Fails unless the page got ready.
 */
export async function replayDigest(page: Page, serverUrl: string, replayPath: string, query = ''): Promise<Record<string, unknown>> {
  await page.goto(`${serverUrl}?replay=files/${replayPath}${query}`);
  if ((await waitForState(page, ['ready', 'error'])) !== 'ready') throw new Error(`${replayPath} did not load`);
  return page.evaluate(MODEL_DIGEST) as Promise<Record<string, unknown>>;
}
