// The in-page answer to "Check selection for watermarks": a non-modal dialog next to the selection
// with the verdict and scores. It takes focus (the user asked for it), closes with its button or
// Escape, and gives focus back to where it was.
import type { CardModel } from './card-model';
import { renderCard } from './card-view';
import { clamp, place, type Anchored, type Overlay, type Viewport } from './overlay';

const WIDTH = 320;
const GAP = 8;
/** Below the selection unless less room than this is left there. */
const MIN_ROOM = 200;

export class SelectionCard implements Anchored {
  private readonly box: HTMLElement;
  private readonly body: HTMLElement;
  private readonly restoreFocus: Element | null;
  /** Which side of the selection the card sits on; chosen again when its content changes. */
  private side: 'below' | 'above' | null = null;

  constructor(
    private readonly overlay: Overlay,
    /** Where the selection was; followed on scroll. Null: top-right of the viewport. */
    private readonly anchor: Range | null,
    private readonly onClose: () => void,
  ) {
    this.restoreFocus = document.activeElement;
    const box = document.createElement('div');
    box.className = 'card selection-card';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'false');
    box.tabIndex = -1;
    const body = document.createElement('div');
    body.setAttribute('aria-live', 'polite');
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = '×';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => this.close());
    box.append(body, close);
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.close();
      }
    });
    document.addEventListener('keydown', this.onDocKey, true);
    this.box = box;
    this.body = body;
    overlay.container.append(box);
    overlay.add(this);
    overlay.repositionNow();
    box.focus({ preventScroll: true });
  }

  get element(): HTMLElement {
    return this.box;
  }

  show(model: CardModel): void {
    const titleId = renderCard(this.body, model);
    this.box.dataset.tone = model.tone;
    this.box.setAttribute('aria-labelledby', titleId);
    this.side = null;
    this.overlay.repositionNow();
  }

  private readonly onDocKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') this.close();
  };

  close(): void {
    document.removeEventListener('keydown', this.onDocKey, true);
    this.overlay.remove(this);
    this.box.remove();
    if (this.restoreFocus instanceof HTMLElement && this.restoreFocus.isConnected) this.restoreFocus.focus({ preventScroll: true });
    this.onClose();
  }

  reposition(view: Viewport): () => void {
    const r = this.anchor?.getBoundingClientRect();
    // The card's natural height: measured without the cap a previous placement may have set.
    const h = this.box.style.maxHeight ? Math.max(this.box.scrollHeight, this.box.offsetHeight) : this.box.offsetHeight || 160;
    return () => {
      if (!r || (r.width === 0 && r.height === 0)) {
        this.box.style.maxHeight = '';
        place(this.box, view, Math.max(GAP, view.width - WIDTH - 2 * GAP), 2 * GAP);
        return;
      }
      // Below the selection if it fits, else above; if neither fits, the roomier side, scrollable.
      // Decided when the content changes, so the card does not jump while the page scrolls.
      const below = view.height - r.bottom - 2 * GAP;
      const above = r.top - 2 * GAP;
      if (this.side === null) {
        this.side = h <= below || (h > above && below >= Math.min(above, MIN_ROOM)) ? 'below' : 'above';
        this.box.style.maxHeight = '';
        const room = this.side === 'below' ? Math.max(MIN_ROOM, below) : above;
        if (h > room) this.box.style.maxHeight = `${room}px`;
      }
      const shown = Math.min(h, this.box.style.maxHeight ? parseFloat(this.box.style.maxHeight) : h);
      const x = clamp(r.left, GAP, Math.max(GAP, view.width - WIDTH - GAP));
      place(this.box, view, x, this.side === 'below' ? r.bottom + GAP : r.top - GAP - shown);
    };
  }
}
