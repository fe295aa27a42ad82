// The in-page answer to "Check selection for watermarks": a non-modal dialog next to the selection
// with the verdict and scores. It takes focus (the user asked for it), closes with its button or
// Escape, and gives focus back to where it was.
import type { CardModel } from './card-model';
import { renderCard } from './card-view';
import { clamp, place, type Anchored, type Overlay } from './overlay';

const WIDTH = 320;
const GAP = 8;
/** Below the selection unless less room than this is left there. */
const MIN_ROOM = 200;

export class SelectionCard implements Anchored {
  private readonly box: HTMLElement;
  private readonly body: HTMLElement;
  private readonly restoreFocus: Element | null;

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
    this.reposition(document.documentElement.clientWidth || window.innerWidth, window.innerHeight);
    box.focus({ preventScroll: true });
  }

  get element(): HTMLElement {
    return this.box;
  }

  show(model: CardModel): void {
    const titleId = renderCard(this.body, model);
    this.box.dataset.tone = model.tone;
    this.box.setAttribute('aria-labelledby', titleId);
    this.overlay.schedule();
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

  reposition(vw: number, vh: number): void {
    const r = this.anchor?.getBoundingClientRect();
    if (!r || (r.width === 0 && r.height === 0)) {
      this.box.style.maxHeight = '';
      place(this.box, Math.max(8, vw - WIDTH - 16), 16);
      return;
    }
    // Below the selection if it fits, else above; if neither fits, the roomier side with a scrollable card.
    this.box.style.maxHeight = '';
    const h = this.box.offsetHeight || 160;
    const below = vh - r.bottom - 2 * GAP;
    const above = r.top - 2 * GAP;
    const x = clamp(r.left, GAP, Math.max(GAP, vw - WIDTH - GAP));
    if (h <= below || (h > above && below >= Math.min(above, MIN_ROOM))) {
      if (h > below) this.box.style.maxHeight = `${Math.max(MIN_ROOM, below)}px`;
      place(this.box, x, r.bottom + GAP);
    } else {
      if (h > above) this.box.style.maxHeight = `${above}px`;
      place(this.box, x, r.top - GAP - Math.min(h, above));
    }
  }
}
