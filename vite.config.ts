import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const viewerDir = fileURLToPath(new URL('./viewer', import.meta.url));

/**
 * Browsers refuse module scripts from file:// pages, so the build is one classic script: the
 * viewer then also runs opened straight from disk, replays dropped onto it.
 */
const classicScript: Plugin = {
  name: 'classic-script',
  apply: 'build',
  transformIndexHtml: (html) => html.replace(/<script type="module" crossorigin/g, '<script defer'),
};

// One config for the viewer build (`npm run build` → viewer/dist) and for vitest.
export default defineConfig({
  root: viewerDir,
  // Relative asset paths, so the build also works opened from disk or served under any path.
  base: './',
  plugins: [classicScript],
  build: {
    rollupOptions: { output: { format: 'iife' } },
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Episodes run real physics and real ONNX inference; give them room on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
