// Flagged spans are live DOM Ranges, painted as boxes in the overlay's closed shadow root: the page's
// text is never rewritten, and nothing the page can read says which text was flagged. (The Custom
// Highlight API would draw them natively, but its registry, CSS.highlights, is shared with page
// scripts, which could read every flagged range: issue 12, deliverable 2.) Live Ranges follow edits to
// their text nodes; a block whose text changes is rescored and its ranges replaced. Boxes are
// re-placed with the badges (overlay.ts): on resize, inner scrolling and the layout poll.
//
// The test build also mirrors the ranges into CSS.highlights (unstyled, so invisible) under the
// style's name: the e2e tests read them there, as they read the data-wmlens verdicts.
import type { HighlightStyle } from '../shared/settings';
import { clippingAncestors, visibleArea, type Rect } from './clip-rect';
import { place, type Anchored, type Overlay, type Viewport } from './overlay';

/** Names of the test build's CSS.highlights mirror (and of the box classes). */
export const HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  underline: 'wmlens-underline',
  background: 'wmlens-background',
};
export const FOCUS_HIGHLIGHT = 'wmlens-focus';

/** Boxes drawn at most (a line of flagged text is one box); beyond this a page shows only the first. */
const MAX_BOXES = 4000;

/**
 * Only blocks within this many viewport heights above or below the viewport are painted: measuring
 * every range's line boxes on a long page (500 posts) took 100–400 ms per pass, a long task on the
 * page's main thread. The document's scrolling re-paints once the viewport nears the band's edge.
 */
const BAND_VIEWPORTS = 1;

function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof (globalThis as { Highlight?: unknown }).Highlight === 'function';
}

interface BlockRanges {
  ranges: Range[];
  /** The block's element: its box decides whether the block is near the viewport. */
  anchor: Element | null;
}

export class HighlightLayer implements Anchored {
  private readonly byBlock = new Map<string, BlockRanges>();
  /** The band of the last pass in document coordinates, when it left blocks out; else null. */
  private band: { top: number; bottom: number } | null = null;
  private style: HighlightStyle;
  private focus: Range | null = null;
  private focusTimer: ReturnType<typeof setTimeout> | undefined;
  private paint: HTMLElement | null = null;
  private readonly boxes: HTMLElement[] = [];
  private readonly mirror: Highlight | null = null;

  constructor(
    private readonly overlay: Overlay,
    style: HighlightStyle,
  ) {
    this.style = style;
    if (__WMLENS_E2E__ && supportsHighlights()) {
      this.mirror = new Highlight();
      CSS.highlights.set(HIGHLIGHT_NAMES[style], this.mirror);
    }
  }

  setStyle(style: HighlightStyle): void {
    if (style === this.style) return;
    if (this.mirror) {
      CSS.highlights.delete(HIGHLIGHT_NAMES[this.style]);
      CSS.highlights.set(HIGHLIGHT_NAMES[style], this.mirror);
    }
    this.style = style;
    this.overlay.schedule(true);
  }

  /** Replace the highlighted ranges of one block (`anchor`: the block's element). */
  set(blockId: string, ranges: Range[], anchor: Element | null = null): void {
    this.clear(blockId);
    if (ranges.length === 0) return;
    this.byBlock.set(blockId, { ranges, anchor });
    for (const r of ranges) this.mirror?.add(r);
    this.track();
  }

  get(blockId: string): readonly Range[] {
    return this.byBlock.get(blockId)?.ranges ?? [];
  }

  clear(blockId: string): void {
    const old = this.byBlock.get(blockId);
    if (!old) return;
    for (const r of old.ranges) this.mirror?.delete(r);
    this.byBlock.delete(blockId);
    this.track();
  }

  clearAll(): void {
    this.mirror?.clear();
    this.byBlock.clear();
    this.track();
  }

  /** Briefly emphasise one range (after the popup scrolled to it). */
  flash(range: Range, ms = 2000): void {
    clearTimeout(this.focusTimer);
    this.focus = range;
    if (__WMLENS_E2E__ && supportsHighlights()) CSS.highlights.set(FOCUS_HIGHLIGHT, new Highlight(range));
    this.track(true);
    this.focusTimer = setTimeout(() => {
      this.focus = null;
      if (__WMLENS_E2E__ && supportsHighlights()) CSS.highlights.delete(FOCUS_HIGHLIGHT);
      this.track();
    }, ms);
  }

  /** Every highlighted range's text, for tests and debugging. */
  texts(): string[] {
    return [...this.byBlock.values()].flatMap((b) => b.ranges).map((r) => r.toString());
  }

  /** Take part in repositioning while there is something to paint; hide the boxes when not. */
  private track(soon = false): void {
    if (this.byBlock.size > 0 || this.focus) {
      this.overlay.add(this, soon);
      this.overlay.schedule(soon);
    } else {
      this.overlay.remove(this);
      for (const b of this.boxes) b.hidden = true;
    }
  }

  /** The document scrolled: a pass is needed when the viewport nears the edge of the painted band. */
  onDocumentScroll(): boolean {
    if (!this.band) return false;
    const margin = (window.innerHeight * BAND_VIEWPORTS) / 2;
    return window.scrollY - margin < this.band.top || window.scrollY + window.innerHeight + margin > this.band.bottom;
  }

  reposition(view: Viewport): () => void {
    const marks: Rect[] = [];
    const focus: Rect[] = [];
    const reach = view.height * BAND_VIEWPORTS;
    let left = false;
    outer: for (const { ranges, anchor } of this.byBlock.values()) {
      if (anchor?.isConnected) {
        const box = anchor.getBoundingClientRect();
        if (box.bottom < -reach || box.top > view.height + reach) {
          left = true;
          continue;
        }
      }
      for (const r of ranges) if (!this.collect(r, view, marks)) break outer;
    }
    this.band = left ? { top: window.scrollY - reach, bottom: window.scrollY + view.height + reach } : null;
    if (this.focus) this.collect(this.focus, view, focus);
    const cls = `hl ${this.style}`;
    return () => {
      const all = [...marks.map((r) => [r, cls] as const), ...focus.map((r) => [r, 'hl focus'] as const)];
      if (all.length > 0 && !this.paint) {
        this.paint = document.createElement('div');
        this.paint.className = 'paint';
        // Below the badges and cards.
        this.overlay.container.prepend(this.paint);
      }
      for (let i = 0; i < all.length; i++) {
        const [r, c] = all[i];
        let box = this.boxes[i];
        if (!box) {
          box = document.createElement('div');
          this.boxes.push(box);
          this.paint!.append(box);
        }
        if (box.className !== c) box.className = c;
        if (box.hidden) box.hidden = false;
        place(box, view, r.left, r.top);
        const w = `${Math.round(r.right - r.left)}px`;
        const h = `${Math.round(r.bottom - r.top)}px`;
        if (box.style.width !== w) box.style.width = w;
        if (box.style.height !== h) box.style.height = h;
      }
      for (let i = all.length; i < this.boxes.length; i++) if (!this.boxes[i].hidden) this.boxes[i].hidden = true;
    };
  }

  /** The visible line boxes of `range`, cut by its scroll panes; false once MAX_BOXES is reached. */
  private collect(range: Range, view: Viewport, out: Rect[]): boolean {
    const node = range.startContainer;
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    if (!el || !el.isConnected) return true;
    const clips = clippingAncestors(el, view.clipMemo);
    let area = view.areaMemo.get(clips);
    if (area === undefined) {
      area = visibleArea(clips);
      view.areaMemo.set(clips, area);
    }
    for (const r of range.getClientRects()) {
      if (r.width <= 0 || r.height <= 0) continue;
      const cut: Rect = {
        left: Math.max(r.left, area.left),
        top: Math.max(r.top, area.top),
        right: Math.min(r.right, area.right),
        bottom: Math.min(r.bottom, area.bottom),
      };
      if (cut.right <= cut.left || cut.bottom <= cut.top) continue;
      out.push(cut);
      if (out.length >= MAX_BOXES) return false;
    }
    return true;
  }
}
