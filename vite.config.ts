import { defineConfig } from 'vitest/config';

// One config for the viewer build (later) and for vitest.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Episodes run real physics and real ONNX inference; give them room on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
