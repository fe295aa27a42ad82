// Build step: ship the content script as one self-contained classic script, with nothing web-accessible.
//
// crxjs builds content scripts as ES modules: the manifest lists a small loader that does
// `import(chrome.runtime.getURL(...))`, so the entry and every chunk it shares with the popup or the
// background must be listed in `web_accessible_resources` for all http(s) pages. Any page can then
// fetch `chrome-extension://<id>/assets/…` and learn that Watermark Lens is installed — and a site
// that knows its readers check for watermarks can serve them different text. This plugin bundles
// the content entry again as a single IIFE (no imports, so no loader), points the manifest at it and
// drops `web_accessible_resources` and the loader.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { rolldown } from 'rolldown';

/** Where the content script lands in dist/ (the e2e trace anchors on "extension-content"). */
export const CONTENT_SCRIPT_FILE = 'assets/extension-content.js';

/**
 * Bundle `entry` as one IIFE into dist/, point the built manifest at it and drop the loader and the
 * web-accessible resources. `outDir` is the built extension; called once crxjs has written it.
 */
export async function shipContentScriptAsClassicScript(
  root: string,
  outDir: string,
  entry: string,
  /** The same compile-time constants as the rest of the build (vite.config.ts `define`). */
  define: Record<string, string> = {},
): Promise<void> {
  const bundle = await rolldown({ input: resolve(root, entry), platform: 'browser', cwd: root, transform: { define } });
  try {
    await bundle.write({ file: resolve(outDir, CONTENT_SCRIPT_FILE), format: 'iife', minify: false, sourcemap: false });
  } finally {
    await bundle.close();
  }

  const manifestFile = resolve(outDir, 'manifest.json');
  const m = JSON.parse(await readFile(manifestFile, 'utf8'));
  const scripts: Array<{ js?: string[] }> = m.content_scripts ?? [];
  if (scripts.length !== 1 || scripts[0].js?.length !== 1) {
    throw new Error(`content script: expected one content script entry in the built manifest, found ${JSON.stringify(scripts)}`);
  }
  const loader = scripts[0].js[0];
  scripts[0].js = [CONTENT_SCRIPT_FILE];
  // Every web-accessible resource crxjs listed exists for its loader; none is needed any more.
  const exposed: string[] = (m.web_accessible_resources ?? []).flatMap((w: { resources?: string[] }) => w.resources ?? []);
  delete m.web_accessible_resources;
  await writeFile(manifestFile, JSON.stringify(m, null, 2) + '\n');
  // The loader and the module entry are no longer referenced (shared chunks stay: the popup and the
  // background import them).
  const unused = [loader, ...exposed.filter((f) => f.includes('extension-content-index'))];
  await Promise.all(unused.map((f) => rm(resolve(outDir, f), { force: true })));
}
