// Headless Chromium for the viewer's end-to-end tests and benchmark: the system's Chromium
// (Debian package), a throwaway profile, WebGL2 through SwiftShader. Closing removes the profile.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.EROSION_CHROMIUM ?? '/usr/bin/chromium';

export interface HeadlessBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchHeadlessChromium(viewport = { width: 1280, height: 800 }): Promise<HeadlessBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'erosion-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
