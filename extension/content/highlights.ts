// Flagged spans become live DOM Ranges in one Custom Highlight, so the page's text is never rewritten.
// Live Ranges follow edits to their text nodes; a block whose text changes is rescored and its ranges
// replaced. Where the API is missing the outline rule in page-styles.ts marks the block instead.
import type { HighlightStyle } from '../shared/settings';
import { ensurePageStyles, FOCUS_HIGHLIGHT, HIGHLIGHT_NAMES, supportsHighlights } from './page-styles';

export class HighlightLayer {
  private readonly byBlock = new Map<string, Range[]>();
  private readonly highlight: Highlight | null = null;
  private name: string;
  private focusTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(style: HighlightStyle) {
    this.name = HIGHLIGHT_NAMES[style];
    if (supportsHighlights()) {
      try {
        this.highlight = new Highlight();
        CSS.highlights.set(this.name, this.highlight);
      } catch {
        this.highlight = null;
      }
    }
  }

  get native(): boolean {
    return this.highlight !== null;
  }

  setStyle(style: HighlightStyle): void {
    const name = HIGHLIGHT_NAMES[style];
    if (name === this.name || !this.highlight) return;
    CSS.highlights.delete(this.name);
    this.name = name;
    CSS.highlights.set(name, this.highlight);
  }

  /** Replace the highlighted ranges of one block. */
  set(blockId: string, ranges: Range[]): void {
    this.clear(blockId);
    if (ranges.length === 0) return;
    this.byBlock.set(blockId, ranges);
    // Styles go into the page only once something is flagged: idle pages stay untouched.
    ensurePageStyles(document);
    for (const r of ranges) {
      const root = r.startContainer.getRootNode();
      if (root instanceof ShadowRoot) ensurePageStyles(root);
      this.highlight?.add(r);
    }
  }

  get(blockId: string): readonly Range[] {
    return this.byBlock.get(blockId) ?? [];
  }

  clear(blockId: string): void {
    const old = this.byBlock.get(blockId);
    if (!old) return;
    for (const r of old) this.highlight?.delete(r);
    this.byBlock.delete(blockId);
  }

  clearAll(): void {
    this.highlight?.clear();
    this.byBlock.clear();
  }

  /** Briefly emphasise one range (after the popup scrolled to it). */
  flash(range: Range, ms = 2000): void {
    if (!this.highlight) return;
    clearTimeout(this.focusTimer);
    CSS.highlights.set(FOCUS_HIGHLIGHT, new Highlight(range));
    this.focusTimer = setTimeout(() => CSS.highlights.delete(FOCUS_HIGHLIGHT), ms);
  }

  /** Every highlighted range's text, for tests and debugging. */
  texts(): string[] {
    return [...this.byBlock.values()].flat().map((r) => r.toString());
  }
}
