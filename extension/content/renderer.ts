// Shows a scored block on the page: highlights over its flagged spans and a badge with the scores when
// it matched. Verdicts stay in the content script's memory; only the test build also writes them to the
// page as the data-wmlens attribute (the e2e contract), which any page script could read.
import type { Verdict, KeyDetection } from '../../src/detect-types';
import { Badge } from './badges';
import { rangePieces, type BlockText } from './block-text';
import { resultCard } from './card-model';
import { formatP } from '../shared/format';
import type { HighlightLayer } from './highlights';
import type { Overlay } from './overlay';
import { MAX_BLOCK_CHARS } from './block-rules';
import type { FlaggedRange } from './verdict';

export const VERDICT_ATTR = 'data-wmlens';

export interface RenderedBlock {
  id: string;
  el: Element;
  truncated: boolean;
  /** The block's text nodes, for its flagged spans (null: none to draw, or they could not be found). */
  located: BlockText<Node> | null;
  verdict: Verdict | null;
  detections: KeyDetection[];
  ranges: FlaggedRange[];
}

export class Renderer {
  private readonly badges = new Map<string, Badge>();

  constructor(
    private readonly overlay: Overlay,
    readonly highlights: HighlightLayer,
  ) {}

  show(b: RenderedBlock): void {
    if (b.verdict === null) {
      this.clear(b);
      return;
    }
    if (__WMLENS_E2E__ && b.el.getAttribute(VERDICT_ATTR) !== b.verdict) b.el.setAttribute(VERDICT_ATTR, b.verdict);
    if (b.verdict !== 'watermarked') {
      this.highlights.clear(b.id);
      this.dropBadge(b.id);
      return;
    }
    this.highlights.set(b.id, this.domRanges(b), b.el);
    const model = resultCard(b.detections, {
      spans: b.ranges.length,
      ...(b.truncated ? { truncatedAt: MAX_BLOCK_CHARS } : {}),
    });
    const best = b.ranges[0] ? [...b.ranges].sort((x, y) => x.pValue - y.pValue)[0] : null;
    // No key-set name in the label: which key sets a reader uses is theirs alone (the card, inside the
    // closed shadow root, names it).
    const label = best ? `Watermark match (p = ${formatP(best.pValue)}). Show details.` : 'Watermark match. Show details.';
    const badge = this.badges.get(b.id);
    if (badge && badge.anchor === b.el) badge.update(model, label);
    else {
      badge?.destroy();
      this.badges.set(b.id, new Badge(this.overlay, b.el, model, label));
    }
  }

  /** The block's text nodes were replaced by identical text: rebuild its ranges. */
  refreshRanges(b: RenderedBlock): void {
    if (b.verdict === 'watermarked') this.highlights.set(b.id, this.domRanges(b), b.el);
  }

  /** Remove everything shown for a block; `keepVerdict` leaves the attribute until a new verdict. */
  clear(b: { id: string; el: Element }, keepVerdict = false): void {
    this.highlights.clear(b.id);
    this.dropBadge(b.id);
    if (__WMLENS_E2E__ && !keepVerdict && b.el.hasAttribute(VERDICT_ATTR)) b.el.removeAttribute(VERDICT_ATTR);
  }

  badgeFor(id: string): Badge | undefined {
    return this.badges.get(id);
  }

  private dropBadge(id: string): void {
    this.badges.get(id)?.destroy();
    this.badges.delete(id);
  }

  domRanges(b: { located: BlockText<Node> | null; ranges: readonly { start: number; end: number }[] }): Range[] {
    const out: Range[] = [];
    if (b.located === null) return out;
    for (const r of b.ranges) {
      for (const piece of rangePieces(b.located, r.start, r.end, (n) => n.getRootNode())) {
        try {
          const range = document.createRange();
          range.setStart(piece.start.node, piece.start.offset);
          range.setEnd(piece.end.node, piece.end.offset);
          if (!range.collapsed) out.push(range);
        } catch {
          // The text changed under us; the observer will rescore the block.
        }
      }
    }
    return out;
  }
}
