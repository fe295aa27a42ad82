// Compile-time constants replaced by Vite's `define` (vite.config.ts) and vitest's (vitest.config.ts).

/**
 * True only in the test build (`WMLENS_E2E=1 npm run build`): verdict attributes on scanned blocks, an
 * open shadow root for the UI, and the `__wmlensTest` / `__wmlensPool` hooks. The production build has
 * none of them; the bundler drops every `if (__WMLENS_E2E__)` branch there.
 */
declare const __WMLENS_E2E__: boolean;
