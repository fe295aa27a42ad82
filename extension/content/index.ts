// Content script entry. Present on every http(s) page; scans only where automatic scanning is on for
// the site (or after "Scan this page"), but always answers selection checks and popup queries.
//
// Message flow:
//   content → background  content/detect-blocks (batches), content/check-text, content/cancel-page (on the scan port)
//   background → content  background/detect-results (streamed, on the scan port), background/check-selection,
//                         background/rescan
//   popup → content       popup/get-page-state, popup/scroll-to-span, popup/scan-now (top frame answers)
import browser, { type Runtime } from 'webextension-polyfill';
import {
  BACKGROUND_TO_CONTENT,
  dispatch,
  POPUP_TO_CONTENT,
  send,
  type ContentAck,
  type HandlerTable,
  type PageState,
  type Transport,
} from '../shared/messages';
import { isExtensionContext, type Self } from '../shared/senders';
import { DEFAULT_SETTINGS, loadSettings, onSettingsChanged, shouldAutoScan, type Settings } from '../shared/settings';
import { FocusRing } from './focus-ring';
import { HighlightLayer } from './highlights';
import { PageObserver } from './observer';
import { Overlay } from './overlay';
import { parseSpanId } from './page-state';
import { Renderer } from './renderer';
import { Scanner } from './scanner';
import { SelectionChecker } from './selection-check';
import { traceMark } from '../shared/trace';
import { reconnectingChannel, SCAN_PORT, type PortLike } from '../shared/port-channel';

const LOADED = Symbol.for('wmlens.content');

const CONTENT_KINDS = [...BACKGROUND_TO_CONTENT, ...POPUP_TO_CONTENT];
type ContentKind = (typeof CONTENT_KINDS)[number];

function main(): void {
  const g = globalThis as unknown as Record<symbol, boolean>;
  // The background may inject this script again into a tab opened before install.
  if (g[LOADED]) return;
  g[LOADED] = true;
  traceMark('content: started');
  const isTop = window === window.top;
  // Blocks out and results back travel on one port to the background (port-channel.ts), opened at the
  // first request; results pushed on it go through the same handlers as one-off messages.
  const toBackground: Transport = reconnectingChannel(() => browser.runtime.connect({ name: SCAN_PORT }) as unknown as PortLike, {
    onPush: (raw) => void dispatch(CONTENT_KINDS, handlers, raw, undefined),
  });
  const app = start(toBackground);
  const self: Self = { id: browser.runtime.id, root: browser.runtime.getURL('') };
  // Registered synchronously, before settings are read, so a message sent right after the script was
  // injected is heard (it waits for `app`); nobody has to sleep and hope the listener is there.
  const handlers: HandlerTable<ContentKind, void> = {
    'background/detect-results': (msg) => void app.then((a) => a.scanner.onResults(msg)),
    'background/check-selection': (msg) => app.then((a) => a.checkSelection(msg.selectionText)).then(() => ({ ok: true })),
    'background/rescan': () => void app.then((a) => a.rescan()),
    // Every frame runs this script; the popup talks to the page's top frame.
    'popup/get-page-state': () => (isTop ? app.then((a) => a.pageState()) : undefined),
    'popup/scroll-to-span': (msg) => (isTop ? app.then((a) => a.scrollToSpan(msg.spanId)) : undefined),
    'popup/scan-now': () => {
      const done = app.then((a) => a.scanNow());
      return isTop ? done.then((): ContentAck => ({ ok: true })) : undefined;
    },
  };
  browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) =>
    // Only the extension's own background and pages; never another frame's content script.
    isExtensionContext(sender, self) ? dispatch(CONTENT_KINDS, handlers, msg, undefined) : undefined,
  );
}

interface ContentApp {
  scanner: Scanner;
  checkSelection(text: string): Promise<void>;
  rescan(): void;
  pageState(): PageState;
  scrollToSpan(spanId: string): ContentAck;
  scanNow(): void;
}

async function start(toBackground: Transport): Promise<ContentApp> {
  let settings: Settings = await loadSettings().catch(() => ({ ...DEFAULT_SETTINGS, disabledSites: [] }));
  traceMark('content: settings read');
  const overlay = new Overlay();
  const highlights = new HighlightLayer(overlay, settings.highlightStyle);
  const renderer = new Renderer(overlay, highlights);

  const scanner: Scanner = new Scanner({
    send: (msg) => send(toBackground, msg),
    cancel: (pageId) => {
      send(toBackground, { kind: 'content/cancel-page', pageId }).catch(() => undefined);
    },
    renderer,
    onShadowRoot: (root) => observer.observe(root),
    onProgress: () => overlay.schedule(),
  });
  scanner.setPageCorrection(settings.pageCorrection ? settings.alpha : null);
  const observer = new PageObserver(scanner, () => scanner.renewPage());
  const selection = new SelectionChecker(overlay, (msg) => send(toBackground, msg));

  /** "Scan this page" was used: scan here until the page goes away, whatever the settings say. */
  let manual = false;
  let scanning = false;
  const wanted = () => manual || shouldAutoScan(settings, location.href);

  function begin(): void {
    if (scanning) return;
    scanning = true;
    observer.start();
    scanner.requestWalk(null);
  }
  function end(): void {
    if (!scanning) return;
    scanning = false;
    observer.stop();
    scanner.clear();
  }

  if (wanted()) begin();

  onSettingsChanged((next) => {
    settings = next;
    highlights.setStyle(next.highlightStyle);
    scanner.setPageCorrection(next.pageCorrection ? next.alpha : null);
    if (!wanted()) end();
    else begin();
  });

  window.addEventListener('pageshow', (e) => {
    if (e.persisted) scanner.renewPage();
  });

  function pageState(): PageState {
    const state: PageState = scanner.state({ url: location.href, autoScanEnabled: shouldAutoScan(settings, location.href) });
    if (selection.last) state.lastSelectionCheck = selection.last;
    if (settings.pageCorrection) state.pageCorrection = true;
    return state;
  }

  function scrollToSpan(spanId: string): ContentAck {
    const ref = parseSpanId(spanId);
    const rec = ref ? scanner.byBlockId(ref.blockId) : undefined;
    const span = ref && rec ? rec.ranges[ref.index] : undefined;
    if (!rec || !span || !rec.el.isConnected) return { ok: false, error: 'That span is no longer on the page.' };
    const ranges = renderer.domRanges({ located: scanner.locate(rec), ranges: [span] });
    const first = ranges[0];
    const target = first?.startContainer.parentElement ?? rec.el;
    target.scrollIntoView({ block: 'center', inline: 'nearest' });
    if (first) {
      highlights.flash(first);
      new FocusRing(overlay, ranges);
    }
    return { ok: true };
  }

  return {
    scanner,
    checkSelection: async (text) => {
      await selection.check(text);
    },
    rescan: () => {
      if (scanning) scanner.rescan();
    },
    pageState,
    scrollToSpan,
    scanNow: () => {
      manual = true;
      if (!scanning) begin();
      else scanner.retryAndWalk();
    },
  };
}

main();
