// The extension manifest (MV3). @crxjs/vite-plugin turns the source paths into built files; the
// `finishDist` step in vite.config.ts then adds the Firefox-only pieces (event-page background).
import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

export const GECKO_ID = 'watermark-lens@watermark-lens.invalid';

export default defineManifest({
  manifest_version: 3,
  name: 'Watermark Lens',
  short_name: 'Watermark Lens',
  version: pkg.version,
  description: 'Highlights text consistent with a published KGW LLM watermark key set. All checks run locally.',
  icons: {
    16: 'icons/icon-16.png',
    32: 'icons/icon-32.png',
    48: 'icons/icon-48.png',
    128: 'icons/icon-128.png',
  },
  action: {
    default_title: 'Watermark Lens',
    default_popup: 'extension/popup/index.html',
    default_icon: {
      16: 'icons/icon-16.png',
      32: 'icons/icon-32.png',
    },
  },
  // Settings and key sets in a tab; on Firefox the only place a key-set file can be picked.
  options_ui: {
    page: 'extension/options/index.html',
    open_in_tab: true,
  },
  background: {
    service_worker: 'extension/background/index.ts',
    type: 'module',
  },
  content_scripts: [
    {
      matches: ['http://*/*', 'https://*/*'],
      js: ['extension/content/index.ts'],
      run_at: 'document_idle',
      all_frames: true,
    },
  ],
  // unlimitedStorage: subscribed key sets are kept whole (up to 1 MiB each) beside the settings; the
  // default 10 MB storage.local quota would cap how many a user can have. (No install warning.)
  permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'offscreen', 'alarms', 'activeTab', 'scripting'],
  // Plain-http sites, where the content script also runs: lets the popup see the tab's address and lets
  // "Check selection" / "Scan this page" inject the content script into http tabs opened before
  // installation (on https tabs the user's click grants activeTab, which covers both). No https origin
  // is granted at install: key sets are fetched from https origins the user approves one at a time, on
  // the click that subscribes (issue 12, row 5 — with https://*/* here that step restricted nothing).
  host_permissions: ['http://*/*'],
  optional_host_permissions: ['https://*/*'],
  // 'wasm-unsafe-eval' lets the detection Workers compile the bundled WebAssembly green-list kernel
  // (src/rng/wasm; WebAssembly only, never JavaScript eval); without it they fall back to the JS loops.
  // connect-src: the extension's own files, and key-set downloads (the only network requests it makes):
  // over https from origins the user approves at run time (so no static list can be tighter than
  // `https:`; the per-origin host permission and the no-redirect rule in keyset-fetch.ts narrow it to the
  // approved address), or plain http on this machine (keyset-url.ts). Everything else — http to other
  // hosts, ws:, data:, blob: — is refused by the browser before a request is made.
  content_security_policy: {
    extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  },
});
