// Where a block can actually be seen. Badges live in an overlay outside the page's boxes, so nothing
// clips them: a post scrolled out of a chat pane or a scrolling thread list would leave its badge
// floating over the rest of the page. The visible area of a block is the viewport cut by every
// ancestor that clips its overflow (crossing shadow roots and slots, as the layout tree does).

/**
 * Ancestors looked at per block: a hostile page can nest thousands deep, and a pane that clips is
 * normally a few levels up. Beyond this a badge is simply not clipped.
 */
const MAX_DEPTH = 256;

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Ancestors (nearest first) whose overflow clips descendants; the document scroller is the viewport.
 * `memo` (one per repositioning pass) maps an element to the list that applies to its children, so
 * badges in the same thread share the walk up instead of each reading every ancestor's style.
 */
export function clippingAncestors(el: Element, memo?: Map<Element, Element[]>): Element[] {
  const root = el.ownerDocument.documentElement;
  const body = el.ownerDocument.body;
  const chain: Element[] = [];
  let acc: Element[] = [];
  for (let node = layoutParent(el); node && node !== root && node !== body && chain.length < MAX_DEPTH; node = layoutParent(node)) {
    const known = memo?.get(node);
    if (known) {
      acc = known;
      break;
    }
    chain.push(node);
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const node = chain[i];
    const s = getComputedStyle(node);
    if (clips(s.overflowX) || clips(s.overflowY)) acc = [node, ...acc];
    memo?.set(node, acc);
  }
  return acc;
}

function clips(overflow: string): boolean {
  return overflow !== 'visible' && overflow !== '';
}

/** The parent in the flat tree: a slotted element's slot, a shadow root's host. */
function layoutParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * The area (viewport coordinates) that `ancestors` (from clippingAncestors) leave visible; unbounded
 * where none clips, since the document's own scrolling is not a cut.
 */
export function visibleArea(ancestors: readonly Element[]): Rect {
  const area: Rect = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
  for (const a of ancestors) {
    const r = a.getBoundingClientRect();
    // The padding box clips; borders are outside it.
    const left = r.left + a.clientLeft;
    const top = r.top + a.clientTop;
    area.left = Math.max(area.left, left);
    area.top = Math.max(area.top, top);
    area.right = Math.min(area.right, left + (a.clientWidth || r.width));
    area.bottom = Math.min(area.bottom, top + (a.clientHeight || r.height));
  }
  return area;
}

/** Whether any of `r` shows inside `area`. */
export function intersects(r: Rect, area: Rect): boolean {
  return r.right > area.left && r.left < area.right && r.bottom > area.top && r.top < area.bottom;
}
