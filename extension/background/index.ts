/// <reference types="chrome" />
// Background (Chrome: service worker; Firefox: event page). Routes typed messages, owns the context
// menu, the key-set store and the compute host, and tells pages to re-scan when settings change.
import browser, { type Menus, type Runtime, type Tabs } from 'webextension-polyfill';
import {
  CONTENT_TO_BACKGROUND,
  dispatch,
  HOST_TO_BACKGROUND,
  POPUP_TO_BACKGROUND,
  send,
  type AnyMessage,
  type ContentDetectBlocks,
  type HandlerTable,
  type HostResults,
  type KeySetSourceRequest,
  type Transport,
} from '../shared/messages';
import { isContentScript, isExtensionPage, type Self } from '../shared/senders';
import { HOST_PORT, PortChannel, SCAN_PORT, type PortLike } from '../shared/port-channel';
import { loadSettings, onSettingsChanged, type Settings } from '../shared/settings';
import { deleteTokenizerFilesExcept, listTokenizerFiles } from '../shared/tokenizer-store';
import { createCompute, OFFSCREEN_PATH } from './compute';
import { traceMark, traceMarks } from '../shared/trace';
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

traceMark('sw: started');

let settings: Settings | null = null;
async function currentSettings(): Promise<Settings> {
  settings ??= await loadSettings();
  return settings;
}

/** A content script in one frame of one tab. */
function toFrame(tabId: number, frameId?: number): Transport {
  return (msg: AnyMessage) => browser.tabs.sendMessage(tabId, msg, frameId === undefined ? undefined : { frameId });
}

/** Each frame's open scan port (port-channel.ts), by `tabId:frameId`. */
const scanChannels = new Map<string, PortChannel>();
const frameKey = (tabId: number, frameId: number) => `${tabId}:${frameId}`;

// ---- results back to the page ----------------------------------------------------------------------
function deliver(r: HostResults): void {
  if (r.results.length === 0) return;
  traceMark('sw: results forwarded');
  const msg = { kind: 'background/detect-results', pageId: r.pageId, results: r.results } as const;
  // On the frame's scan port when it has one; a frame whose port closed (this background restarted
  // since it connected) gets a one-off message.
  if (scanChannels.get(frameKey(r.tabId, r.frameId))?.push(msg)) return;
  send(toFrame(r.tabId, r.frameId), msg).catch(() => {
    // Tab closed or navigated: its jobs are cancelled by the tab listeners below.
  });
}

const compute = createCompute(deliver);
// Every start of the background: if the compute host is new (the browser just started, or the
// extension was just installed), its Workers start and compile the active key sets right away.
void compute.warm().catch(() => undefined);
/** Key sets are validated by the same core, in the same Worker, that will use them. */
const compile: Compile = (k) => compute.compile(k);

// ---- router: one handler table per sender; kinds and payloads checked in messages.ts ---------------
const self: Self = { id: browser.runtime.id, root: browser.runtime.getURL('') };

/** Jobs and cancellations are scoped to the sending tab and frame, which the browser reports. */
interface ContentSender {
  tabId: number;
  frameId: number;
}

/** Test build: e2e helpers watch the blocks content scripts send (and may answer some themselves). */
let detectBlocksTap: ((msg: ContentDetectBlocks, from: ContentSender) => void) | undefined;

const fromContent: HandlerTable<(typeof CONTENT_TO_BACKGROUND)[number], ContentSender> = {
  async 'content/detect-blocks'(msg, { tabId, frameId }) {
    traceMark('sw: blocks received');
    if (__WMLENS_E2E__) detectBlocksTap?.(msg, { tabId, frameId });
    const { alpha } = await currentSettings();
    try {
      await compute.run({ tabId, frameId, pageId: msg.pageId, blocks: msg.blocks, alpha });
      return { ok: true, queued: msg.blocks.length };
    } catch (e) {
      return { ok: false, error: `Detection is unavailable: ${e instanceof Error ? e.message : String(e)}` };
    }
  },
  async 'content/check-text'(msg) {
    const { alpha } = await currentSettings();
    try {
      return await compute.checkText(msg.text, alpha);
    } catch (e) {
      return { detections: [], error: e instanceof Error ? e.message : String(e) };
    }
  },
  async 'content/cancel-page'(msg, { tabId }) {
    await compute.cancel({ tabId, pageId: msg.pageId });
    return { ok: true };
  },
};

const fromPopup: HandlerTable<(typeof POPUP_TO_BACKGROUND)[number], void> = {
  async 'popup/list-keysets'() {
    // Validate enabled sets the Worker has not seen yet, so the list shows real status.
    const unchecked = await getUncheckedKeySets();
    await Promise.all(unchecked.map((s) => compute.compile({ ref: s.ref, document: s.document }).catch(() => undefined)));
    return { keySets: await listKeySets() };
  },
  async 'popup/set-keyset-enabled'(msg) {
    const ok = await setKeySetEnabled(msg.key, msg.enabled);
    // Turning on a set whose tokenizer files are missing downloads them (a failure shows on the set).
    if (ok && msg.enabled) await ensureKeySetTokenizers(msg.key);
    return { ok };
  },
  'popup/preview-keyset': (msg) => previewKeySet(msg.source, compile),
  'popup/add-keyset': (msg) => addKeySet(msg.candidate, msg.replaceKey, compile),
  'popup/update-keyset': (msg) => updateKeySet(msg.key, compile),
  'popup/remove-keyset': (msg) => removeKeySet(msg.key),
  'popup/undo-remove-keyset': (msg) => undoRemoveKeySet(msg.key),
  'popup/reset-keysets': () => resetKeySets(),
  'popup/export-keyset': (msg) => exportKeySet(msg.key),
};

const fromHost: HandlerTable<(typeof HOST_TO_BACKGROUND)[number], void> = {
  'host/results'(msg) {
    compute.onHostResults(msg);
    return undefined;
  },
};

/** The extension's own UI: the toolbar popup and the same app as the options tab. */
const UI_PAGES = ['extension/popup/', 'extension/options/'];

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
  if (isContentScript(sender, self)) {
    return dispatch(CONTENT_TO_BACKGROUND, fromContent, msg, { tabId: sender.tab.id, frameId: sender.frameId ?? 0 });
  }
  if (UI_PAGES.some((path) => isExtensionPage(sender, self, path))) return dispatch(POPUP_TO_BACKGROUND, fromPopup, msg, undefined);
  if (isExtensionPage(sender, self, OFFSCREEN_PATH)) return dispatch(HOST_TO_BACKGROUND, fromHost, msg, undefined);
  return undefined;
});

// Long-lived ports (port-channel.ts): content scripts' scan traffic, and the offscreen document's.
browser.runtime.onConnect.addListener((raw: Runtime.Port) => {
  const port = raw as unknown as PortLike;
  const sender = raw.sender ?? {};
  if (raw.name === SCAN_PORT && isContentScript(sender, self)) {
    const ctx = { tabId: sender.tab.id, frameId: sender.frameId ?? 0 };
    const key = frameKey(ctx.tabId, ctx.frameId);
    const channel: PortChannel = new PortChannel(port, {
      serve: (msg) => dispatch(CONTENT_TO_BACKGROUND, fromContent, msg, ctx),
      onClose: () => {
        if (scanChannels.get(key) === channel) scanChannels.delete(key);
      },
    });
    scanChannels.set(key, channel);
  } else if (raw.name === HOST_PORT && isExtensionPage(sender, self, OFFSCREEN_PATH)) {
    compute.attachHost(new PortChannel(port, { onPush: (msg) => void dispatch(HOST_TO_BACKGROUND, fromHost, msg, undefined) }));
  } else {
    raw.disconnect();
  }
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
  const ask = () => send(toFrame(tabId, frameId), { kind: 'background/check-selection', selectionText });
  try {
    await ask();
    return { ok: true };
  } catch {
    try {
      // The injected script registers its listener synchronously, so it answers as soon as it has run.
      await injectContentScript(tabId, frameId);
      await ask();
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
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined) send(toFrame(tab.id), { kind: 'background/rescan' }).catch(() => undefined);
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
    /** Called with every `content/detect-blocks` the router accepts (content scripts send them on their scan port). */
    tapDetectBlocks: (tap: typeof detectBlocksTap) => {
      detectBlocksTap = tap;
    },
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
    /** The pipeline's trace marks here and in the offscreen document (extension/shared/trace.ts). */
    traceMarks: async () => [
      ...traceMarks(),
      ...(((await browser.runtime.sendMessage({ wmlensTest: 'trace-marks' }).catch(() => [])) as [string, number][] | undefined) ?? []),
    ],
    ready: true,
  };
}
