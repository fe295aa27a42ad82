// The popup's side of the messaging: which tab it is about, the page state from that tab's content
// script, key sets from the background.
import browser from 'webextension-polyfill';
import { originPattern } from '../background/keyset-url';
import type {
  AddKeySetReply,
  ExportKeySetReply,
  KeySetAck,
  KeySetCandidate,
  KeySetInfo,
  KeySetSourceRequest,
  ListKeySetsReply,
  PopupAddKeySet,
  PopupExportKeySet,
  PopupPreviewKeySet,
  PopupRemoveKeySet,
  PopupResetKeySets,
  PopupUndoRemoveKeySet,
  PopupUpdateKeySet,
  PopupToBackground,
  PreviewKeySetReply,
  UpdateKeySetReply,
  PageState,
  PopupGetPageState,
  PopupListKeySets,
  PopupScanNow,
  PopupScrollToSpan,
  PopupSetKeySetEnabled,
} from '../shared/messages';

export interface TargetTab {
  id: number;
  url?: string;
}

/** The tab the popup is about: `?tabId=` (tests, or opened as a page) or the active tab. */
export async function targetTab(): Promise<TargetTab | null> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) {
    const id = Number(param);
    try {
      const t = await browser.tabs.get(id);
      return { id, url: t.url };
    } catch {
      return { id };
    }
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
}

/** Pages where extensions may run content scripts at all. */
export function isScannableUrl(url: string | undefined): boolean {
  return !!url && /^https?:\/\//.test(url);
}

export async function getPageState(tabId: number): Promise<PageState | null> {
  const msg: PopupGetPageState = { kind: 'popup/get-page-state' };
  try {
    const r = (await browser.tabs.sendMessage(tabId, msg, { frameId: 0 })) as PageState | undefined;
    return r ?? null;
  } catch {
    return null;
  }
}

export async function scrollToSpan(tabId: number, spanId: string): Promise<void> {
  const msg: PopupScrollToSpan = { kind: 'popup/scroll-to-span', spanId };
  await browser.tabs.sendMessage(tabId, msg, { frameId: 0 });
}

/** Ask the page to scan now; injects the content script first if the page predates the extension. */
export async function scanNow(tabId: number): Promise<void> {
  const msg: PopupScanNow = { kind: 'popup/scan-now' };
  try {
    await browser.tabs.sendMessage(tabId, msg, { frameId: 0 });
  } catch {
    const files = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
    await browser.scripting.executeScript({ target: { tabId }, files });
    await new Promise((r) => setTimeout(r, 300));
    await browser.tabs.sendMessage(tabId, msg, { frameId: 0 });
  }
}

export async function listKeySets(): Promise<KeySetInfo[]> {
  const msg: PopupListKeySets = { kind: 'popup/list-keysets' };
  const r = (await browser.runtime.sendMessage(msg)) as ListKeySetsReply | undefined;
  if (!r || !Array.isArray(r.keySets)) throw new Error('the background did not answer');
  return r.keySets;
}

export async function setKeySetEnabled(key: string, enabled: boolean): Promise<void> {
  const msg: PopupSetKeySetEnabled = { kind: 'popup/set-keyset-enabled', key, enabled };
  await browser.runtime.sendMessage(msg);
}

async function ask<R>(msg: PopupToBackground): Promise<R> {
  const r = (await browser.runtime.sendMessage(msg)) as R | undefined;
  if (r === undefined) throw new Error('the background did not answer');
  return r;
}

/**
 * Ask for the host permission of a key set's origin. Must be the first thing a click handler awaits:
 * browsers grant permission requests only during the user's gesture.
 */
export async function requestOriginPermission(url: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [originPattern(url)] });
  } catch {
    return false;
  }
}

/** The same for several origins at once (one prompt): the tokenizer files a key set names. */
export async function requestOriginPermissions(origins: string[]): Promise<boolean> {
  if (origins.length === 0) return true;
  try {
    return await browser.permissions.request({ origins });
  } catch {
    return false;
  }
}

export function previewKeySet(source: KeySetSourceRequest): Promise<PreviewKeySetReply> {
  return ask<PreviewKeySetReply>({ kind: 'popup/preview-keyset', source } satisfies PopupPreviewKeySet);
}
export function addKeySet(candidate: KeySetCandidate, replaceKey?: string): Promise<AddKeySetReply> {
  return ask<AddKeySetReply>({ kind: 'popup/add-keyset', candidate, replaceKey } satisfies PopupAddKeySet);
}
export function updateKeySet(key: string): Promise<UpdateKeySetReply> {
  return ask<UpdateKeySetReply>({ kind: 'popup/update-keyset', key } satisfies PopupUpdateKeySet);
}
export function removeKeySet(key: string): Promise<KeySetAck> {
  return ask<KeySetAck>({ kind: 'popup/remove-keyset', key } satisfies PopupRemoveKeySet);
}
export function undoRemoveKeySet(key: string): Promise<KeySetAck> {
  return ask<KeySetAck>({ kind: 'popup/undo-remove-keyset', key } satisfies PopupUndoRemoveKeySet);
}
export function resetKeySets(): Promise<KeySetAck> {
  return ask<KeySetAck>({ kind: 'popup/reset-keysets' } satisfies PopupResetKeySets);
}
export function exportKeySet(key: string): Promise<ExportKeySetReply> {
  return ask<ExportKeySetReply>({ kind: 'popup/export-keyset', key } satisfies PopupExportKeySet);
}

/** Calls `cb` when the stored key sets change (an update finished, another window edited them). */
export function onKeySetsStored(cb: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && 'keysets' in changes) cb();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/**
 * Firefox closes an extension popup as soon as a file dialog opens (bugzilla 1292701), so the file
 * would never arrive; there, key-set files are picked in the options tab instead.
 */
export function popupLosesFileDialogs(): boolean {
  return typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
}

/** Settings and key sets in a tab (the options page); closes the popup that asked. */
export async function openManagerTab(): Promise<void> {
  await browser.runtime.openOptionsPage();
  window.close();
}
