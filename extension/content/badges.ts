// A badge at the top-right of each flagged block, and its hover/focus card with the scores.
// The badge is a real <button> (focusable, Enter/Space pin the card open); the card is a tooltip
// described by the badge, so screen readers read the scores on focus. Escape closes it, and moving
// the pointer from badge to card keeps it open (WCAG 1.4.13: dismissable, hoverable, persistent).
import type { CardModel } from './card-model';
import { renderCard, uid } from './card-view';
import { clamp, place, type Anchored, type Overlay } from './overlay';

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

  update(model: CardModel, label: string): void {
    renderCard(this.card, model);
    this.button.setAttribute('aria-label', label);
  }

  show(): void {
    clearTimeout(this.hideTimer);
    if (this.open) return;
    this.open = true;
    this.card.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    document.addEventListener('keydown', this.onDocKey, true);
    this.placeCard();
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

  reposition(vw: number, vh: number): void {
    if (!this.anchor.isConnected) {
      this.button.hidden = true;
      this.card.hidden = true;
      return;
    }
    const r = this.anchor.getBoundingClientRect();
    const visible = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < vh && r.right > 0 && r.left < vw;
    this.button.hidden = !visible;
    if (!visible) {
      if (this.open && !this.pinned) this.hide();
      return;
    }
    // Just outside the block's top-right corner, kept on screen and within the block while it scrolls.
    this.x = clamp(r.right + 4, 4, vw - SIZE - 4);
    this.y = clamp(Math.max(r.top, 4), r.top, Math.max(r.top, r.bottom - SIZE));
    place(this.button, this.x, this.y);
    if (this.open) this.placeCard(vw, vh);
  }

  private placeCard(vw = document.documentElement.clientWidth || window.innerWidth, vh = window.innerHeight): void {
    const h = this.card.offsetHeight || 200;
    const x = clamp(this.x + SIZE - CARD_WIDTH, 8, Math.max(8, vw - CARD_WIDTH - 8));
    let y = this.y + SIZE + 6;
    if (y + h > vh - 8) y = Math.max(8, this.y - h - 6);
    place(this.card, x, y);
  }

  destroy(): void {
    this.hide();
    this.overlay.remove(this);
    this.button.remove();
    this.card.remove();
  }
}
