// One zero-size host at the end of <html> with an open shadow root holds every badge and card, so the
// page's layout, text and CSS are untouched. Items are position:fixed and follow their anchors on
// scroll, resize and layout changes.
import { UI_ATTR } from './dom-tree';
import { measured } from './task-meter';
import { UI_CSS } from './ui-styles';

export interface Anchored {
  /** Move to the anchor's current viewport position (called at most once per frame). */
  reposition(viewportWidth: number, viewportHeight: number): void;
}

/** Layout can shift without a scroll or resize (images loading, posts expanding). */
const POLL_MS = 1000;

export class Overlay {
  private host: HTMLElement | null = null;
  private shadow: ShadowRoot | null = null;
  private layer: HTMLElement | null = null;
  private readonly items = new Set<Anchored>();
  private frame = 0;
  private poll: ReturnType<typeof setInterval> | undefined;
  private readonly onMove = () => this.schedule();

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

  add(item: Anchored): void {
    this.items.add(item);
    if (this.items.size === 1) {
      document.addEventListener('scroll', this.onMove, { capture: true, passive: true });
      window.addEventListener('resize', this.onMove, { passive: true });
      this.poll = setInterval(this.onMove, POLL_MS);
    }
    this.schedule();
  }

  remove(item: Anchored): void {
    if (!this.items.delete(item) || this.items.size > 0) return;
    document.removeEventListener('scroll', this.onMove, { capture: true });
    window.removeEventListener('resize', this.onMove);
    clearInterval(this.poll);
  }

  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(
      measured('reposition', () => {
        this.frame = 0;
        const w = document.documentElement.clientWidth || window.innerWidth;
        const h = window.innerHeight;
        for (const item of this.items) item.reposition(w, h);
      }),
    );
  }

  private create(): void {
    const host = document.createElement('wmlens-ui');
    host.setAttribute(UI_ATTR, '');
    // CSSOM styles are allowed under page CSP (unlike a style attribute in markup).
    const s = host.style;
    s.setProperty('all', 'initial', 'important');
    s.setProperty('position', 'fixed', 'important');
    s.setProperty('top', '0', 'important');
    s.setProperty('left', '0', 'important');
    s.setProperty('width', '0', 'important');
    s.setProperty('height', '0', 'important');
    s.setProperty('z-index', '2147483647', 'important');
    s.setProperty('display', 'block', 'important');
    const shadow = host.attachShadow({ mode: 'open' });
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

export function place(el: HTMLElement, x: number, y: number): void {
  el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
