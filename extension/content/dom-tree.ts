// The real DOM behind select-blocks' TreeAdapter: computed styles decide what is a block and what is
// hidden, and the walk follows the rendered (flat) tree through open shadow roots and slots.
import { classifyElement, skippedByMarkup, type ElementKind } from './block-rules';
import type { WsMode } from './block-text';
import { isOwnUi } from './own-ui';
import type { TreeAdapter } from './select-blocks';

export interface DomAdapterHooks {
  /** Called for every open shadow root the walk enters (the observer must watch it too). */
  onShadowRoot?(root: ShadowRoot): void;
}

/**
 * One adapter per walk. The white-space mode of the element classified last is kept for
 * whiteSpaceOf(), which the walk asks next and keeps on its frame: a map of every element's mode held
 * every element's wrapper for the whole walk, which on a page of 100,000 elements made each young-
 * generation collection copy them all and the map's own regrowth stall a slice (the hostile page's
 * 65 ms walk slices).
 */
export function createDomAdapter(hooks: DomAdapterHooks = {}): TreeAdapter<Node, Element> {
  let lastClassified: Element | null = null;
  let lastWs: WsMode = 'normal';
  // Slots being read, with their assigned nodes: only these children are read from a list.
  const slotted = new Map<Element, { nodes: Node[]; at: number }>();
  return {
    asElement: (node) => (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : null),
    textOf(node, frame) {
      if (node.nodeType !== Node.TEXT_NODE) return null;
      const parent = node.parentElement;
      // Another parent than the frame's element: a slot's assigned text (its parent is the shadow host's child).
      const mode: WsMode = parent === null ? 'normal' : parent === frame.el ? frame.ws : wsModeOf(getComputedStyle(parent));
      return { data: (node as Text).data, mode };
    },
    whiteSpaceOf(el) {
      return el === lastClassified ? lastWs : wsModeOf(getComputedStyle(el));
    },
    tagOf: (el) => el.localName,
    classify(el): ElementKind {
      const markup = {
        tag: el.localName,
        role: el.getAttribute('role'),
        hidden: el.hasAttribute('hidden'),
        ariaHidden: el.getAttribute('aria-hidden') === 'true',
        ours: isOwnUi(el),
      };
      if (skippedByMarkup(markup)) return 'skip';
      const style = getComputedStyle(el);
      const kind = classifyElement({
        ...markup,
        display: style.display,
        visibility: style.visibility,
        editable: (el as HTMLElement).isContentEditable === true,
        clipped: isClipped(el, style),
      });
      if (kind !== 'skip') {
        lastClassified = el;
        lastWs = wsModeOf(style);
        const root = el.shadowRoot;
        if (root) hooks.onShadowRoot?.(root);
      }
      return kind;
    },
    firstChild(el) {
      const root = el.shadowRoot;
      if (root) return root.firstChild;
      // A slot outside any shadow tree is an ordinary element; inside one it shows its assigned nodes
      // (or its fallback children), which are no sibling chain.
      if (el instanceof HTMLSlotElement && el.getRootNode() instanceof ShadowRoot) {
        const nodes = el.assignedNodes({ flatten: true });
        if (nodes.length === 0) return null;
        slotted.set(el, { nodes, at: 0 });
        return nodes[0];
      }
      return el.firstChild;
    },
    nextChild(node, parent) {
      const list = slotted.size > 0 ? slotted.get(parent) : undefined;
      if (list === undefined) return node.nextSibling;
      const at = list.nodes[list.at] === node ? list.at : list.nodes.indexOf(node);
      const next = list.nodes[at + 1];
      if (next === undefined) {
        slotted.delete(parent);
        return null;
      }
      list.at = at + 1;
      return next;
    },
  };
}

/** Only overflow-clipping boxes are measured (that needs layout), so most elements cost no layout. */
function isClipped(el: Element, style: CSSStyleDeclaration): boolean {
  const clips = (v: string) => v === 'hidden' || v === 'clip';
  if (!clips(style.overflowX) && !clips(style.overflowY)) return false;
  return el.clientWidth <= 1 || el.clientHeight <= 1;
}

function wsModeOf(style: CSSStyleDeclaration): WsMode {
  const collapse = (style as CSSStyleDeclaration & { whiteSpaceCollapse?: string }).whiteSpaceCollapse;
  if (collapse) {
    if (collapse === 'preserve' || collapse === 'break-spaces') return 'pre';
    if (collapse === 'preserve-breaks') return 'pre-line';
    return 'normal';
  }
  const ws = style.whiteSpace;
  if (ws === 'pre' || ws === 'pre-wrap' || ws === 'break-spaces') return 'pre';
  if (ws === 'pre-line') return 'pre-line';
  return 'normal';
}

/** Parent in the rendered tree: a slotted node's slot, a shadow root's host; null above <html>. */
export function flatParent(node: Node): Node | null {
  const slot = (node as Element | Text).assignedSlot;
  if (slot) return slot;
  const p = node.parentNode;
  if (!p) return null;
  if (p.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return (p as ShadowRoot).host ?? null;
  if (p.nodeType === Node.DOCUMENT_NODE) return null;
  return p;
}

/** `ancestor` contains `node` in the rendered tree (crossing shadow boundaries). */
export function flatContains(ancestor: Node, node: Node, maxDepth = 5000): boolean {
  let n: Node | null = node;
  for (let i = 0; n !== null && i < maxDepth; i++) {
    if (n === ancestor) return true;
    n = flatParent(n);
  }
  return false;
}

/** Laid out with a visible, non-empty box. */
export function isRendered(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (check && !check.call(el, { visibilityProperty: true })) return false;
  const r = el.getBoundingClientRect();
  return r.width >= 1 && r.height >= 1;
}
