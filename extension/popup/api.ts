// The popup's side of the messaging: which tab it is about, the page state from that tab's content
// script, key sets from the background.
import browser from 'webextension-polyfill';
import type {
  KeySetInfo,
  ListKeySetsReply,
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
