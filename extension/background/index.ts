/// <reference types="chrome" />
// Background (Chrome: service worker; Firefox: event page). Routes typed messages, owns the context
// menu, the key-set store and the compute host, and tells pages to re-scan when settings change.
import browser, { type Menus, type Runtime, type Tabs } from 'webextension-polyfill';
import type {
  BackgroundCheckSelection,
  BackgroundDetectResults,
  BackgroundRescan,
  CheckTextReply,
  ContentToBackground,
  HostResults,
  KeySetSourceRequest,
  ListKeySetsReply,
  PopupToBackground,
} from '../shared/messages';
import { loadSettings, onSettingsChanged, type Settings } from '../shared/settings';
import { deleteTokenizerFilesExcept, listTokenizerFiles } from '../shared/tokenizer-store';
import { createCompute, OFFSCREEN_PATH } from './compute';
import { nextExpiry } from './keyset-expiry';
import { getActiveKeySets, getUncheckedKeySets, listKeySets, onKeySetsChanged, readState, setKeySetEnabled } from './keysets';
import {
  addKeySet,
  collectTokenizerGarbage,
  ensureKeySetTokenizers,
  ensureUpdateAlarm,
  exportKeySet,
  previewKeySet,
  removeKeySet,
  resetKeySets,
  setFetchTimeoutMs,
  setTokenizerTimeoutMs,
  undoRemoveKeySet,
  UPDATE_ALARM,
  updateAll,
  updateKeySet,
  type Compile,
} from './subscriptions';

export const MENU_CHECK_SELECTION = 'wmlens-check-selection';

let settings: Settings | null = null;
async function currentSettings(): Promise<Settings> {
  settings ??= await loadSettings();
  return settings;
}

// ---- results back to the page ----------------------------------------------------------------------
function deliver(r: HostResults): void {
  if (r.results.length === 0) return;
  const msg: BackgroundDetectResults = { kind: 'background/detect-results', pageId: r.pageId, results: r.results };
  browser.tabs.sendMessage(r.tabId, msg, { frameId: r.frameId }).catch(() => {
    // Tab closed or navigated: its jobs are cancelled by the tab listeners below.
  });
}

const compute = createCompute(deliver);
/** Key sets are validated by the same core, in the same Worker, that will use them. */
const compile: Compile = (k) => compute.compile(k);

// ---- sender checks ---------------------------------------------------------------------------------
const extensionRoot = browser.runtime.getURL('');
function fromThisExtension(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}
function fromContentScript(sender: Runtime.MessageSender): sender is Runtime.MessageSender & { tab: Tabs.Tab } {
  return fromThisExtension(sender) && sender.tab?.id !== undefined && !(sender.url ?? '').startsWith(extensionRoot);
}
function fromExtensionPage(sender: Runtime.MessageSender, path: string): boolean {
  return fromThisExtension(sender) && (sender.url ?? '').startsWith(browser.runtime.getURL(path));
}

/** The extension's own UI: the toolbar popup and the same app as the options tab. */
const UI_PAGES = ['extension/popup/', 'extension/options/'];

function kindOf(m: unknown): string | undefined {
  return m && typeof m === 'object' && typeof (m as { kind?: unknown }).kind === 'string'
    ? (m as { kind: string }).kind
    : undefined;
}

// ---- router ----------------------------------------------------------------------------------------
async function onContentMessage(msg: ContentToBackground, tabId: number, frameId: number): Promise<unknown> {
  switch (msg.kind) {
    case 'content/detect-blocks': {
      if (typeof msg.pageId !== 'string' || !Array.isArray(msg.blocks)) return { ok: false, error: 'bad message' };
      const blocks = msg.blocks.filter((b) => b && typeof b.blockId === 'string' && typeof b.text === 'string');
      const { alpha } = await currentSettings();
      try {
        await compute.run({ tabId, frameId, pageId: msg.pageId, blocks, alpha });
        return { ok: true, queued: blocks.length };
      } catch (e) {
        return { ok: false, error: `Detection is unavailable: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    case 'content/check-text': {
      if (typeof msg.text !== 'string') return { detections: [], error: 'bad message' } satisfies CheckTextReply;
      const { alpha } = await currentSettings();
      try {
        return await compute.checkText(msg.text, alpha);
      } catch (e) {
        return { detections: [], error: e instanceof Error ? e.message : String(e) } satisfies CheckTextReply;
      }
    }
    case 'content/cancel-page':
      if (typeof msg.pageId === 'string') await compute.cancel({ tabId, pageId: msg.pageId });
      return { ok: true };
  }
}

const POPUP_KINDS: ReadonlySet<string> = new Set<PopupToBackground['kind']>([
  'popup/list-keysets',
  'popup/set-keyset-enabled',
  'popup/preview-keyset',
  'popup/add-keyset',
  'popup/update-keyset',
  'popup/remove-keyset',
  'popup/undo-remove-keyset',
  'popup/reset-keysets',
  'popup/export-keyset',
]);

async function onPopupMessage(msg: PopupToBackground): Promise<unknown> {
  const badKey = 'key' in msg && typeof msg.key !== 'string';
  if (badKey) return { ok: false, error: 'bad message' };
  switch (msg.kind) {
    case 'popup/list-keysets': {
      // Validate enabled sets the Worker has not seen yet, so the list shows real status.
      const unchecked = await getUncheckedKeySets();
      await Promise.all(unchecked.map((s) => compute.compile({ ref: s.ref, document: s.document }).catch(() => undefined)));
      return { keySets: await listKeySets() } satisfies ListKeySetsReply;
    }
    case 'popup/set-keyset-enabled': {
      if (typeof msg.enabled !== 'boolean') return { ok: false };
      const ok = await setKeySetEnabled(msg.key, msg.enabled);
      // Turning on a set whose tokenizer files are missing downloads them (a failure shows on the set).
      if (ok && msg.enabled) await ensureKeySetTokenizers(msg.key);
      return { ok };
    }
    case 'popup/preview-keyset':
      return previewKeySet(msg.source, compile);
    case 'popup/add-keyset':
      return addKeySet(msg.candidate, typeof msg.replaceKey === 'string' ? msg.replaceKey : undefined, compile);
    case 'popup/update-keyset':
      return updateKeySet(msg.key, compile);
    case 'popup/remove-keyset':
      return removeKeySet(msg.key);
    case 'popup/undo-remove-keyset':
      return undoRemoveKeySet(msg.key);
    case 'popup/reset-keysets':
      return resetKeySets();
    case 'popup/export-keyset':
      return exportKeySet(msg.key);
  }
}

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
  const kind = kindOf(msg);
  if (!kind || !fromThisExtension(sender)) return undefined;
  if (kind.startsWith('content/')) {
    if (!fromContentScript(sender)) return undefined;
    return onContentMessage(msg as ContentToBackground, sender.tab.id!, sender.frameId ?? 0);
  }
  if (POPUP_KINDS.has(kind)) {
    if (!UI_PAGES.some((path) => fromExtensionPage(sender, path))) return undefined;
    return onPopupMessage(msg as PopupToBackground);
  }
  if (kind === 'host/results') {
    if (!fromExtensionPage(sender, OFFSCREEN_PATH)) return undefined;
    compute.onHostResults(msg as HostResults);
    return undefined;
  }
  return undefined;
});

// ---- context menu: check selection -----------------------------------------------------------------
function createMenus(): void {
  browser.contextMenus.removeAll().then(() =>
    browser.contextMenus.create({
      id: MENU_CHECK_SELECTION,
      title: 'Check selection for watermarks',
      contexts: ['selection'],
    }),
  );
}
browser.runtime.onInstalled.addListener(createMenus);
browser.runtime.onStartup.addListener(createMenus);

/** Inject the content script into a tab opened before the extension was installed (activeTab). */
async function injectContentScript(tabId: number, frameId: number): Promise<void> {
  const files = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files });
}

async function checkSelection(tabId: number, frameId = 0, selectionText = ''): Promise<{ ok: boolean; error?: string }> {
  const msg: BackgroundCheckSelection = { kind: 'background/check-selection', selectionText };
  try {
    await browser.tabs.sendMessage(tabId, msg, { frameId });
    return { ok: true };
  } catch {
    try {
      await injectContentScript(tabId, frameId);
      await new Promise((r) => setTimeout(r, 300));
      await browser.tabs.sendMessage(tabId, msg, { frameId });
      return { ok: true };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }
}

browser.contextMenus.onClicked.addListener((info: Menus.OnClickData, tab?: Tabs.Tab) => {
  if (info.menuItemId !== MENU_CHECK_SELECTION || tab?.id === undefined) return;
  void checkSelection(tab.id, info.frameId ?? 0, info.selectionText ?? '');
});

// ---- cancellation ----------------------------------------------------------------------------------
browser.tabs.onRemoved.addListener((tabId: number) => {
  void compute.cancel({ tabId }).catch(() => undefined);
});
browser.tabs.onUpdated.addListener((tabId: number, changeInfo: Tabs.OnUpdatedChangeInfoType) => {
  // A new document is loading: drop work queued for the old one.
  if (changeInfo.status === 'loading') void compute.cancel({ tabId, before: Date.now() }).catch(() => undefined);
});

// ---- re-scan when settings or key sets change ------------------------------------------------------
let rescanTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleRescan(): void {
  clearTimeout(rescanTimer);
  rescanTimer = setTimeout(async () => {
    const msg: BackgroundRescan = { kind: 'background/rescan' };
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, msg).catch(() => undefined);
    }
  }, 100);
}
onSettingsChanged((next, prev) => {
  settings = next;
  // Highlight style is applied by the page itself; only changes to what is scanned or how are re-scans.
  const scanRelevant = (s: Settings) => JSON.stringify([s.autoScan, [...s.disabledSites].sort(), s.alpha]);
  if (scanRelevant(next) !== scanRelevant(prev)) scheduleRescan();
});
onKeySetsChanged(() => {
  scheduleRescan();
  void scheduleExpiryAlarm();
});

// ---- expiry: an enabled key set that expires while pages are open stops counting on them ----------
const EXPIRY_ALARM = 'keyset-expiry';
async function scheduleExpiryAlarm(): Promise<void> {
  const when = nextExpiry(await listKeySets(), Date.now());
  if (when === null) await browser.alarms.clear(EXPIRY_ALARM);
  // A moment after the instant, so the set reads as expired when the re-scan asks.
  else await browser.alarms.create(EXPIRY_ALARM, { when: when + 1000 });
}
void scheduleExpiryAlarm();

// Make sure the bundled defaults have records from the first run on.
void readState();

// ---- scheduled key-set updates ---------------------------------------------------------------------
void ensureUpdateAlarm();
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === UPDATE_ALARM) void updateAll(compile);
  if (alarm.name === EXPIRY_ALARM) {
    scheduleRescan();
    void scheduleExpiryAlarm();
  }
});

// ---- test hook (test build only) --------------------------------------------------------------------
// Native context menus cannot be clicked from Playwright; e2e tests call the same handlers here. The hook
// adds key sets without the user's confirmation, so the production build must not have it: the whole
// branch is dropped there (__WMLENS_E2E__ is false; extension/shared/build-flags.d.ts).
if (__WMLENS_E2E__) {
  const activeTabId = async (): Promise<number> => {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  };
  (globalThis as unknown as { __wmlensTest: unknown }).__wmlensTest = {
    checkSelection: async (tabId?: number, frameId = 0, selectionText = '') =>
      checkSelection(tabId ?? (await activeTabId()), frameId, selectionText),
    checkText: async (text: string) => compute.checkText(text, (await currentSettings()).alpha),
    listKeySets,
    // Key-set subscriptions through the same functions the popup's messages reach.
    keysets: {
      preview: (source: KeySetSourceRequest) => previewKeySet(source, compile),
      /** Preview then add, as the popup does after the user confirms. */
      add: async (source: KeySetSourceRequest) => {
        const p = await previewKeySet(source, compile);
        return p.ok ? addKeySet(p.candidate, undefined, compile) : p;
      },
      update: (key: string) => updateKeySet(key, compile),
      updateAll: (force = true) => updateAll(compile, force),
      remove: removeKeySet,
      undoRemove: undoRemoveKeySet,
      reset: resetKeySets,
      export: exportKeySet,
      active: async () => (await getActiveKeySets()).map((s) => s.key),
      setFetchTimeoutMs,
      setTokenizerTimeoutMs,
      /** Tokenizer files in the IndexedDB store (metadata only). */
      tokenizerFiles: () => listTokenizerFiles(),
      /** Empties the tokenizer store (tests start from a browser that has downloaded nothing). */
      clearTokenizerFiles: () => deleteTokenizerFilesExcept(new Set(), Infinity),
      collectTokenizerGarbage,
      alarm: () => browser.alarms.get(UPDATE_ALARM),
      expiryAlarm: () => browser.alarms.get(EXPIRY_ALARM),
    },
    ready: true,
  };
}
