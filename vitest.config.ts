import { defineConfig } from 'vitest/config';

// Parity tests run twice: as everything else does (green-list loops in WebAssembly where available), and
// with WMLENS_WASM=0, on the plain-JavaScript loops that are the reference and the fallback.
const PARITY_TESTS = [
  'src/rng/**/*.test.ts',
  'src/seeding/**/*.test.ts',
  'src/score/**/*.test.ts',
  'src/keyset/test-vectors.test.ts',
  'src/cli/score-vectors.test.ts',
];

export default defineConfig({
  // Unit tests see the production build's constants (extension/shared/build-flags.d.ts).
  define: { __WMLENS_E2E__: 'false' },
  test: {
    testTimeout: 60_000,
    pool: 'threads',
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'extension/**/*.test.ts', 'eval/**/*.test.ts', 'e2e/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'parity-js', include: PARITY_TESTS, exclude: ['src/rng/wasm/kernel.test.ts'], env: { WMLENS_WASM: '0' } },
      },
    ],
  },
});
