// Who sent a runtime message, decided from the MessageSender the browser fills in (which a page or a
// content script cannot forge). Pure, so the rules are unit-tested; each receiver passes its own
// extension's identity.

/** The parts of runtime.MessageSender the checks read (Chrome and Firefox fill them alike). */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface Self {
  /** runtime.id */
  id: string;
  /** runtime.getURL(''): every page of this extension starts with it. */
  root: string;
}

function ours(s: SenderLike, self: Self): boolean {
  return s.id === self.id;
}
function onExtensionPage(s: SenderLike, self: Self): boolean {
  return typeof s.url === 'string' && s.url.startsWith(self.root);
}

/** This extension's content script in a web page (a tab, a page URL that is not ours). */
export function isContentScript(s: SenderLike, self: Self): s is SenderLike & { tab: { id: number } } {
  return ours(s, self) && typeof s.tab?.id === 'number' && !onExtensionPage(s, self);
}

/** One of this extension's pages under `path` (e.g. "extension/popup/"), in a tab or not. */
export function isExtensionPage(s: SenderLike, self: Self, path: string): boolean {
  return ours(s, self) && typeof s.url === 'string' && s.url.startsWith(self.root + path);
}

/**
 * Any context of this extension but a content script: the background, the popup, the options tab.
 * (Content scripts cannot message each other; this keeps a compromised frame from posing as the popup.)
 */
export function isExtensionContext(s: SenderLike, self: Self): boolean {
  return ours(s, self) && onExtensionPage(s, self);
}

/** The background service worker itself (`swPath`: the manifest's background.service_worker). */
export function isServiceWorker(s: SenderLike, self: Self, swPath: string): boolean {
  return ours(s, self) && s.tab === undefined && s.url === self.root + swPath;
}
