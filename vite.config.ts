// Builds the unpacked extension into dist/ (loads in Chromium and Firefox).
// @crxjs/vite-plugin bundles the manifest entries; extra pages (offscreen document) are listed as inputs.
// crxjs writes a Chrome-only `background` ({service_worker}); `finishDist` below adds
// `background.scripts` (Firefox runs it as an event page; Chrome ≥121 ignores the key) and the gecko
// settings, so one dist/ serves both browsers, and re-ships the content script as one classic script
// so that nothing is web-accessible (scripts/vite-content-script.ts).
// WMLENS_E2E=1 makes the test build (extension/shared/build-flags.d.ts); WMLENS_OUT_DIR picks the output.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifest, { GECKO_ID } from './manifest.config.ts';
import { shipContentScriptAsClassicScript } from './scripts/vite-content-script.ts';

// One post-build step (closeBundle hooks of different plugins may run in parallel, and both steps
// rewrite manifest.json): the content script as one classic script, then the Firefox keys.
function finishDist(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  return {
    name: 'wmlens:finish-dist',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await shipContentScriptAsClassicScript(root, outDir, 'extension/content/index.ts', DEFINE);
      const file = resolve(outDir, 'manifest.json');
      const m = JSON.parse(await readFile(file, 'utf8'));
      const sw: string | undefined = m.background?.service_worker;
      if (!sw) throw new Error('firefox-manifest: built manifest has no background.service_worker');
      m.background = { service_worker: sw, scripts: [sw], type: 'module' };
      m.browser_specific_settings = {
        gecko: {
          id: GECKO_ID,
          strict_min_version: '142.0',
          data_collection_permissions: { required: ['none'] },
        },
      };
      await writeFile(file, JSON.stringify(m, null, 2) + '\n');
    },
  };
}

/** The test build (WMLENS_E2E=1) adds the e2e contract and hooks; see extension/shared/build-flags.d.ts. */
const E2E_BUILD = process.env.WMLENS_E2E === '1';
const DEFINE = { __WMLENS_E2E__: JSON.stringify(E2E_BUILD) };

export default defineConfig({
  define: DEFINE,
  plugins: [crx({ manifest, browser: 'chrome' }), finishDist()],
  build: {
    // The test build goes to dist/ (what the e2e harness loads); `npm run build:production` builds the
    // production extension into dist-production/ for web-ext lint and the production e2e test.
    outDir: process.env.WMLENS_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 8192,
    rollupOptions: {
      input: {
        offscreen: 'extension/offscreen/index.html',
      },
    },
  },
  worker: {
    format: 'es',
  },
  server: { port: 5199, strictPort: true, hmr: { port: 5199 } },
});
