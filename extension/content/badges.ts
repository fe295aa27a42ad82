// A badge at the top-right of each flagged block, and its hover/focus card with the scores.
// The badge is a real <button> (focusable, Enter/Space pin the card open); the card is a tooltip
// described by the badge, so screen readers read the scores on focus. Escape closes it, and moving
// the pointer from badge to card keeps it open (WCAG 1.4.13: dismissable, hoverable, persistent).
import type { CardModel } from './card-model';
import { renderCard, uid } from './card-view';
import { clippingAncestors, intersects, visibleArea } from './clip-rect';
import { clamp, place, type Anchored, type Overlay, type Viewport } from './overlay';

const SIZE = 22;
const CARD_WIDTH = 320;
const HIDE_DELAY_MS = 250;

export class Badge implements Anchored {
  readonly button: HTMLButtonElement;
  readonly card: HTMLElement;
  private open = false;
  private pinned = false;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private x = 0;
  private y = 0;
  private model!: CardModel;
  private rendered = false;
  /** Ancestors that clip the anchor (scroll panes), found once per parent the anchor has. */
  private clips: Element[] = [];
  private clipsFor: Node | null = null;

  constructor(
    private readonly overlay: Overlay,
    readonly anchor: Element,
    model: CardModel,
    label: string,
  ) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'badge';
    b.textContent = 'W';
    b.setAttribute('aria-label', label);
    b.setAttribute('aria-expanded', 'false');
    b.hidden = true;
    const card = document.createElement('div');
    card.className = 'card';
    card.id = uid('wmlens-card');
    card.setAttribute('role', 'tooltip');
    card.hidden = true;
    b.setAttribute('aria-describedby', card.id);
    this.button = b;
    this.card = card;
    this.update(model, label);

    b.addEventListener('mouseenter', () => this.show());
    b.addEventListener('mouseleave', () => this.hideSoon());
    card.addEventListener('mouseenter', () => this.show());
    card.addEventListener('mouseleave', () => this.hideSoon());
    b.addEventListener('focus', () => this.show());
    b.addEventListener('blur', () => this.hideSoon());
    b.addEventListener('click', () => {
      this.pinned = !this.pinned || !this.open;
      if (this.pinned) this.show();
      else this.hide();
    });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && this.open) {
        e.stopPropagation();
        this.hide();
      }
    };
    b.addEventListener('keydown', onKey);
    card.addEventListener('keydown', onKey);
    overlay.container.append(b, card);
    overlay.add(this);
  }

  /** The card's content is built when first shown: a page may have hundreds of badges. */
  update(model: CardModel, label: string): void {
    this.model = model;
    this.rendered = false;
    if (this.open) this.renderNow();
    this.button.setAttribute('aria-label', label);
  }

  private renderNow(): void {
    if (this.rendered) return;
    renderCard(this.card, this.model);
    this.rendered = true;
  }

  show(): void {
    clearTimeout(this.hideTimer);
    if (this.open) return;
    this.open = true;
    this.renderNow();
    this.card.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    document.addEventListener('keydown', this.onDocKey, true);
    // Place it now (the card must not flash at the origin); this reads layout once, on user input.
    this.overlay.repositionNow();
  }

  hide(): void {
    clearTimeout(this.hideTimer);
    this.open = false;
    this.pinned = false;
    this.card.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('keydown', this.onDocKey, true);
  }

  private hideSoon(): void {
    if (this.pinned) return;
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      const active = this.overlay.root.activeElement;
      if (active === this.button || this.card.matches(':hover') || this.button.matches(':hover')) return;
      this.hide();
    }, HIDE_DELAY_MS);
  }

  /** Escape closes an open card even when focus is in the page (a hover-opened card). */
  private readonly onDocKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.open) this.hide();
  };

  reposition(view: Viewport): () => void {
    if (!this.anchor.isConnected) {
      return () => {
        this.button.hidden = true;
        this.card.hidden = true;
      };
    }
    const r = this.anchor.getBoundingClientRect();
    if (this.clipsFor !== this.anchor.parentNode) {
      this.clips = clippingAncestors(this.anchor, view.clipMemo);
      this.clipsFor = this.anchor.parentNode;
    }
    // Only scroll panes and other clipping ancestors cut the area: the document's own scrolling
    // moves badges with the page and must not hide them.
    let area = view.areaMemo.get(this.clips);
    if (area === undefined) {
      area = visibleArea(this.clips);
      view.areaMemo.set(this.clips, area);
    }
    // Just outside the block's top-right corner, kept inside the viewport and the pane horizontally;
    // when the block's top is scrolled out of its pane, the badge stays at the pane's top edge.
    const x = clamp(r.right + 4, Math.max(4, area.left + 4), Math.min(view.width, area.right) - SIZE - 4);
    let y = r.top;
    if (y < area.top) y = Math.max(r.top, Math.min(area.top, r.bottom - SIZE));
    const middle = y + SIZE / 2;
    const shown = r.width > 0 && r.height > 0 && intersects(r, area) && middle >= area.top && middle <= area.bottom;
    const cardHeight = this.open ? this.card.offsetHeight : 0;
    return () => {
      if (this.button.hidden !== !shown) this.button.hidden = !shown;
      if (!shown) {
        if (this.open) this.hide();
        return;
      }
      this.x = x;
      this.y = y;
      place(this.button, view, x, y);
      if (this.open) this.placeCard(view, cardHeight);
    };
  }

  /** Below the badge, or above it when the viewport has no room below. */
  private placeCard(view: Viewport, height: number): void {
    const h = height || this.card.offsetHeight || 200;
    const x = clamp(this.x + SIZE - CARD_WIDTH, 8, Math.max(8, view.width - CARD_WIDTH - 8));
    let y = this.y + SIZE + 6;
    if (y + h > view.height - 8 && this.y - h - 6 >= 8) y = this.y - h - 6;
    place(this.card, view, x, y);
  }

  destroy(): void {
    this.hide();
    this.overlay.remove(this);
    this.button.remove();
    this.card.remove();
  }
}
