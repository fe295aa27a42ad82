// Content script entry. Present on every http(s) page; scans only where automatic scanning is on for
// the site (or after "Scan this page"), but always answers selection checks and popup queries.
//
// Message flow:
//   content → background  content/detect-blocks (batches), content/check-text, content/cancel-page
//   background → content  background/detect-results (streamed), background/check-selection, background/rescan
//   popup → content       popup/get-page-state, popup/scroll-to-span, popup/scan-now (top frame answers)
import browser, { type Runtime } from 'webextension-polyfill';
import type { BackgroundToContent, ContentAck, ContentCancelPage, PageState, PopupToContent } from '../shared/messages';
import { DEFAULT_SETTINGS, loadSettings, onSettingsChanged, shouldAutoScan, type Settings } from '../shared/settings';
import { FocusRing } from './focus-ring';
import { HighlightLayer } from './highlights';
import { PageObserver } from './observer';
import { Overlay } from './overlay';
import { parseSpanId } from './page-state';
import { Renderer } from './renderer';
import { Scanner } from './scanner';
import { SelectionChecker } from './selection-check';

const LOADED = Symbol.for('wmlens.content');

function main(): void {
  const g = globalThis as unknown as Record<symbol, boolean>;
  // The background may inject this script again into a tab opened before install.
  if (g[LOADED]) return;
  g[LOADED] = true;
  void start();
}

async function start(): Promise<void> {
  let settings: Settings = await loadSettings().catch(() => ({ ...DEFAULT_SETTINGS, disabledSites: [] }));
  const isTop = window === window.top;
  const overlay = new Overlay();
  const highlights = new HighlightLayer(settings.highlightStyle);
  const renderer = new Renderer(overlay, highlights);
  const send = (msg: unknown) => browser.runtime.sendMessage(msg);

  const scanner: Scanner = new Scanner({
    send,
    cancel: (pageId) => {
      const msg: ContentCancelPage = { kind: 'content/cancel-page', pageId };
      send(msg).catch(() => undefined);
    },
    renderer,
    onShadowRoot: (root) => observer.observe(root),
    onProgress: () => overlay.schedule(),
  });
  scanner.setPageCorrection(settings.pageCorrection ? settings.alpha : null);
  const observer = new PageObserver(scanner, () => scanner.renewPage());
  const selection = new SelectionChecker(overlay, send);

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
    const ref = typeof spanId === 'string' ? parseSpanId(spanId) : null;
    const rec = ref ? scanner.byBlockId(ref.blockId) : undefined;
    const span = ref && rec ? rec.ranges[ref.index] : undefined;
    if (!rec || !span || !rec.el.isConnected) return { ok: false, error: 'That span is no longer on the page.' };
    const ranges = renderer.domRanges({ bt: rec.bt, ranges: [span] });
    const first = ranges[0];
    const target = first?.startContainer.parentElement ?? rec.el;
    target.scrollIntoView({ block: 'center', inline: 'nearest' });
    if (first) {
      highlights.flash(first);
      new FocusRing(overlay, ranges);
    }
    return { ok: true };
  }

  browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || !msg || typeof msg !== 'object') return undefined;
    const m = msg as BackgroundToContent | PopupToContent;
    switch (m.kind) {
      case 'background/detect-results':
        scanner.onResults(m);
        return undefined;
      case 'background/check-selection':
        return selection.check(typeof m.selectionText === 'string' ? m.selectionText : '').then(() => ({ ok: true }));
      case 'background/rescan':
        if (scanning) scanner.rescan();
        return undefined;
      case 'popup/get-page-state':
        // Every frame runs this script; the popup talks to the page's top frame.
        return isTop ? Promise.resolve(pageState()) : undefined;
      case 'popup/scroll-to-span':
        return isTop ? Promise.resolve(scrollToSpan(m.spanId)) : undefined;
      case 'popup/scan-now': {
        manual = true;
        if (!scanning) begin();
        else scanner.retryAndWalk();
        return isTop ? Promise.resolve({ ok: true } satisfies ContentAck) : undefined;
      }
      default:
        return undefined;
    }
  });
}

main();
