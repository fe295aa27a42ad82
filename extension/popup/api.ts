// The popup's side of the messaging: which tab it is about, the page state from that tab's content
// script, key sets from the background.
import browser from 'webextension-polyfill';
import { originPattern } from '../shared/keyset-url';
import {
  send,
  type AddKeySetReply,
  type AnyMessage,
  type ExportKeySetReply,
  type KeySetAck,
  type KeySetCandidate,
  type KeySetInfo,
  type KeySetSourceRequest,
  type PageState,
  type PreviewKeySetReply,
  type ReplyOf,
  type Transport,
  type UpdateKeySetReply,
} from '../shared/messages';

const toBackground: Transport = (msg: AnyMessage) => browser.runtime.sendMessage(msg);
/** The content script in the tab's top frame (the one that answers the popup). */
const toTopFrame =
  (tabId: number): Transport =>
  (msg: AnyMessage) =>
    browser.tabs.sendMessage(tabId, msg, { frameId: 0 });

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
  try {
    return (await send(toTopFrame(tabId), { kind: 'popup/get-page-state' })) ?? null;
  } catch {
    return null;
  }
}

export async function scrollToSpan(tabId: number, spanId: string): Promise<void> {
  await send(toTopFrame(tabId), { kind: 'popup/scroll-to-span', spanId });
}

/** Ask the page to scan now; injects the content script first if the page predates the extension. */
export async function scanNow(tabId: number): Promise<void> {
  const ask = () => send(toTopFrame(tabId), { kind: 'popup/scan-now' });
  try {
    await ask();
  } catch {
    const files = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
    await browser.scripting.executeScript({ target: { tabId }, files });
    // The script registers its listener synchronously, so it answers once executeScript has resolved.
    await ask();
  }
}

export async function listKeySets(): Promise<KeySetInfo[]> {
  return (await ask({ kind: 'popup/list-keysets' })).keySets;
}

export async function setKeySetEnabled(key: string, enabled: boolean): Promise<void> {
  await ask({ kind: 'popup/set-keyset-enabled', key, enabled });
}

/** A request to the background; its reply, or an error when nobody answered. */
async function ask<M extends AnyMessage>(msg: M): Promise<NonNullable<ReplyOf<M['kind']>>> {
  const r = await send(toBackground, msg);
  if (r === undefined || r === null) throw new Error('the background did not answer');
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
  return ask({ kind: 'popup/preview-keyset', source });
}
export function addKeySet(candidate: KeySetCandidate, replaceKey?: string): Promise<AddKeySetReply> {
  return ask({ kind: 'popup/add-keyset', candidate, replaceKey });
}
export function updateKeySet(key: string): Promise<UpdateKeySetReply> {
  return ask({ kind: 'popup/update-keyset', key });
}
export function removeKeySet(key: string): Promise<KeySetAck> {
  return ask({ kind: 'popup/remove-keyset', key });
}
export function undoRemoveKeySet(key: string): Promise<KeySetAck> {
  return ask({ kind: 'popup/undo-remove-keyset', key });
}
export function resetKeySets(): Promise<KeySetAck> {
  return ask({ kind: 'popup/reset-keysets' });
}
export function exportKeySet(key: string): Promise<ExportKeySetReply> {
  return ask({ kind: 'popup/export-keyset', key });
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
