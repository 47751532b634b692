// A run folder of fixture replays served by `erosion view`'s server and open in headless
// Chromium: what each browser test of the viewer starts from.

import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchHeadlessChromium, type HeadlessBrowser } from '../../viewer/bench/headless-chromium.js';
import { ensureViewerBuild } from '../../viewer/server/ensure-build.js';
import { listRun } from '../../viewer/server/run-listing.js';
import { startViewServer, type ViewServer } from '../../viewer/server/view-server.js';
import { waitForState } from './page-helpers.js';
import { makeRunFolder, type RunFixture } from './replay-fixture.js';

export interface ViewerSession {
  run: string;
  server: ViewServer;
  browser: HeadlessBrowser;
  page: Page;
  /** Errors the page threw, for tests that nothing crashed. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Makes the run folder (and lets `prepare` add files to it), serves it and opens the viewer on it. */
export async function startViewerSession(fixture: RunFixture, prepare: (run: string) => Promise<void> = async () => undefined): Promise<ViewerSession> {
  const [run, appDir] = await Promise.all([makeRunFolder(fixture), ensureViewerBuild()]);
  await prepare(run);
  const server = await startViewServer({ appDir, listing: await listRun(run) });
  const browser = await launchHeadlessChromium({ width: 1280, height: 800 });
  const pageErrors: string[] = [];
  browser.page.on('pageerror', (error) => pageErrors.push(error.message));
  await browser.page.goto(server.url);
  const state = await waitForState(browser.page, ['ready', 'error']);
  const session: ViewerSession = {
    run,
    server,
    browser,
    page: browser.page,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
      await rm(run, { recursive: true, force: true });
    },
  };
  if (state !== 'ready') {
    await session.close();
    throw new Error(`the viewer did not load the fixture run (state ${state})`);
  }
  return session;
}
