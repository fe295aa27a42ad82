// A brief ring around a span the popup asked to see, drawn in the overlay (the page is not touched).
import { place, type Anchored, type Overlay, type Viewport } from './overlay';

const PAD = 4;

export class FocusRing implements Anchored {
  private static current: FocusRing | null = null;
  private readonly box: HTMLElement;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly overlay: Overlay,
    private readonly ranges: readonly Range[],
    ms = 2000,
  ) {
    FocusRing.current?.remove();
    FocusRing.current = this;
    this.box = document.createElement('div');
    this.box.className = 'ring';
    overlay.container.append(this.box);
    overlay.add(this, true);
    this.timer = setTimeout(() => this.remove(), ms);
  }

  reposition(view: Viewport): () => void {
    let top = Infinity;
    let left = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const r of this.ranges) {
      const b = r.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;
      top = Math.min(top, b.top);
      left = Math.min(left, b.left);
      right = Math.max(right, b.right);
      bottom = Math.max(bottom, b.bottom);
    }
    return () => {
      this.box.hidden = !Number.isFinite(top);
      if (this.box.hidden) return;
      place(this.box, view, left - PAD, top - PAD);
      this.box.style.width = `${Math.round(right - left + 2 * PAD)}px`;
      this.box.style.height = `${Math.round(bottom - top + 2 * PAD)}px`;
    };
  }

  remove(): void {
    clearTimeout(this.timer);
    this.overlay.remove(this);
    this.box.remove();
    if (FocusRing.current === this) FocusRing.current = null;
  }
}
