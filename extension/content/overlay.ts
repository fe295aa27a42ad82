// One zero-size host at the end of <html> with a closed shadow root holds every badge and card, so the
// page's layout, text and CSS are untouched, and a page script cannot read what is shown (the test
// build opens the root so Playwright can reach the badges). The host is absolutely positioned at the document's
// origin, so items scroll with the page by themselves: document scrolling costs no work at all.
// Items are re-placed (read all boxes, then write all positions) when they are added, on resize, on
// scrolling inside inner scroll containers, and on a slow poll for layout shifts. That runs just after
// a rendering update, when layout is clean, so reading boxes does not force the page's pending layout
// into the extension's task.
import type { Rect } from './clip-rect';
import { markOwnUi } from './own-ui';
import { measured } from './task-meter';
import { UI_CSS } from './ui-styles';

/** Viewport size and the host's origin in viewport coordinates, for one repositioning pass. */
export interface Viewport {
  width: number;
  height: number;
  originX: number;
  originY: number;
  /** Clipping ancestors found during this pass (see clip-rect.ts), shared by every item. */
  clipMemo: Map<Element, Element[]>;
  /** The visible area of each list of clipping ancestors, read once per pass. */
  areaMemo: Map<readonly Element[], Rect>;
}

export interface Anchored {
  /**
   * Read the anchor's current box and return the DOM writes that move the item there. All items read
   * first, then all write: interleaving would force a layout per item.
   */
  reposition(view: Viewport): (() => void) | void;
  /** The document scrolled (which moves items with the page by itself): does this item need a pass? */
  onDocumentScroll?(): boolean;
}

/** Layout can shift without a scroll or resize (images loading, posts expanding). */
const POLL_MS = 1000;
/**
 * Passes nobody is looking at (items added or changed while a page is scanned, the layout poll) are
 * at least this far apart: a 500-post page's streamed answers asked for one every frame, each reading
 * every badge's box and rewriting its position. Scrolling, resizing and what the reader asked for
 * (a card, a span to show) go at the next frame.
 */
export const MIN_PASS_GAP_MS = 100;
/** If no frame comes (hidden tab), reposition anyway after this long. */
const FRAME_WAIT_MS = 100;

export class Overlay {
  private host: HTMLElement | null = null;
  private shadow: ShadowRoot | null = null;
  private layer: HTMLElement | null = null;
  private readonly items = new Set<Anchored>();
  private pending = false;
  /** A pending pass is waiting for MIN_PASS_GAP_MS to pass (not yet for a frame). */
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private lastPass = -Infinity;
  private poll: ReturnType<typeof setInterval> | undefined;
  private readonly onScroll = (e: Event) => {
    // The document's own scrolling moves the host with the page; inner scrollers do not. Items that
    // paint only near the viewport say when the document's scrolling needs a pass.
    if (e.target !== document) this.schedule(true);
    else for (const item of this.items) if (item.onDocumentScroll?.()) return this.schedule(true);
  };
  private readonly onResize = () => this.schedule(true);
  private readonly onPoll = () => this.schedule();

  /** The container to put UI elements in (created on first use, re-attached if the page removed it). */
  get container(): HTMLElement {
    if (!this.host || !this.layer) this.create();
    if (!this.host!.isConnected) document.documentElement.append(this.host!);
    return this.layer!;
  }

  get root(): ShadowRoot {
    void this.container;
    return this.shadow!;
  }

  /** `soon`: the reader asked for it (see MIN_PASS_GAP_MS). */
  add(item: Anchored, soon = false): void {
    this.items.add(item);
    if (this.items.size === 1) {
      document.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
      window.addEventListener('resize', this.onResize, { passive: true });
      this.poll = setInterval(this.onPoll, POLL_MS);
    }
    this.schedule(soon);
  }

  remove(item: Anchored): void {
    if (!this.items.delete(item) || this.items.size > 0) return;
    document.removeEventListener('scroll', this.onScroll, { capture: true });
    window.removeEventListener('resize', this.onResize);
    clearInterval(this.poll);
  }

  /**
   * Reposition everything just after a rendering update: the next one when `soon`, else one at least
   * MIN_PASS_GAP_MS after the last pass.
   */
  schedule(soon = false): void {
    if (this.items.size === 0) return;
    if (this.pending) {
      if (soon && this.gapTimer !== undefined) {
        clearTimeout(this.gapTimer);
        this.gapTimer = undefined;
        this.afterFrame();
      }
      return;
    }
    this.pending = true;
    const wait = soon ? 0 : this.lastPass + MIN_PASS_GAP_MS - performance.now();
    if (wait <= 0) this.afterFrame();
    else {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        this.afterFrame();
      }, wait);
    }
  }

  private afterFrame(): void {
    let fired = false;
    const run = () => {
      if (fired) return;
      fired = true;
      clearTimeout(fallback);
      this.pending = false;
      this.repositionNow();
    };
    const fallback = setTimeout(run, FRAME_WAIT_MS);
    requestAnimationFrame(() => setTimeout(run, 0));
  }

  /** Reposition now (reads layout: call when it is clean or needed anyway). */
  readonly repositionNow = measured('reposition', (): void => {
    this.lastPass = performance.now();
    if (!this.host || this.items.size === 0) return;
    const origin = this.host.getBoundingClientRect();
    const view: Viewport = {
      width: document.documentElement.clientWidth || window.innerWidth,
      height: window.innerHeight,
      originX: origin.left,
      originY: origin.top,
      clipMemo: new Map(),
      areaMemo: new Map(),
    };
    const writes: (() => void)[] = [];
    for (const item of this.items) {
      const write = item.reposition(view);
      if (write) writes.push(write);
    }
    for (const write of writes) write();
  });

  private create(): void {
    const host = document.createElement('wmlens-ui');
    markOwnUi(host);
    // CSSOM styles are allowed under page CSP (unlike a style attribute in markup).
    const s = host.style;
    s.setProperty('all', 'initial', 'important');
    s.setProperty('position', 'absolute', 'important');
    s.setProperty('top', '0', 'important');
    s.setProperty('left', '0', 'important');
    s.setProperty('width', '0', 'important');
    s.setProperty('height', '0', 'important');
    s.setProperty('z-index', '2147483647', 'important');
    s.setProperty('display', 'block', 'important');
    const shadow = host.attachShadow({ mode: __WMLENS_E2E__ ? 'open' : 'closed' });
    adoptCss(shadow, UI_CSS);
    const layer = document.createElement('div');
    layer.className = 'layer';
    shadow.append(layer);
    document.documentElement.append(host);
    this.host = host;
    this.shadow = shadow;
    this.layer = layer;
  }
}

function adoptCss(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}

/** The transform each UI element was last given (most passes move nothing). */
const placed = new WeakMap<HTMLElement, string>();

/** Put `el` at viewport position (x, y), in the host's coordinates. */
export function place(el: HTMLElement, view: Viewport, x: number, y: number): void {
  const t = `translate(${Math.round(x - view.originX)}px, ${Math.round(y - view.originY)}px)`;
  if (placed.get(el) === t) return;
  placed.set(el, t);
  el.style.transform = t;
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
