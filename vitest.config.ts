import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Unit tests see the production build's constants (extension/shared/build-flags.d.ts).
  define: { __WMLENS_E2E__: 'false' },
  test: {
    include: ['src/**/*.test.ts', 'extension/**/*.test.ts', 'eval/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
