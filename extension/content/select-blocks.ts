// Finds the readable text blocks under a root, over an abstract tree so the rules are unit-tested on
// plain data (the DOM adapter lives in extract.ts).
//
// The decision, bottom-up:
// - a block element holding only text (and inline elements) is a *paragraph*;
// - a list or quote whose children are paragraphs is a *prose group* (it stays part of its post);
// - any other block whose block children are all paragraphs or prose groups is a *post body*;
// - a block with a post body (or anything more structured) inside is *structural*: it is not a block,
//   and each paragraph, prose group and post body directly inside it becomes one.
// So a forum post `<div class=post><p/><p/><p/></div>` is one block (its paragraphs joined), which is
// what lets a mixed post be scored as one text and highlighted only on its watermarked part, and gives
// short paragraphs enough tokens together; a thread of posts is structural. A post body longer than
// MAX_GROUP_CHARS is demoted to structural so a long article is read paragraph by paragraph. Table
// rows and tables never glue their cells together. Loose text directly inside a structural element
// (next to post bodies) has no element of its own to carry a verdict, and is left out.
// Each element is decided exactly once and blocks never nest, so nothing is counted twice.
import { MAX_GROUP_CHARS, paragraphGap, type ElementKind } from './block-rules';
import type { InlineItem, Para, WsMode } from './block-text';

export interface TreeAdapter<N, E extends N> {
  asElement(node: N): E | null;
  /**
   * Text of a text node with its parent's white-space mode; null for other non-element nodes. `frame`:
   * the element whose children are being read, and its mode (whiteSpaceOf), for the usual parent.
   */
  textOf(node: N, frame: { el: E; ws: WsMode }): { data: string; mode: WsMode } | null;
  classify(el: E): ElementKind;
  /** White-space mode of an element, asked right after classify() of the same element. */
  whiteSpaceOf(el: E): WsMode;
  tagOf(el: E): string;
  /**
   * Children as rendered (a shadow host's shadow root children, a slot's assigned nodes), read one at a
   * time: a live child list per element would be one more object (and, in the content script's world,
   * one more wrapper-table entry) for every element of the page.
   */
  firstChild(el: E): N | null;
  /** The child after `node` among `parent`'s rendered children. */
  nextChild(node: N, parent: E): N | null;
}

export interface FoundBlock<N, E> {
  el: E;
  paras: Para<N>[];
}

export interface SelectCallbacks<E> {
  /** Elements decided structural: the observer restarts extraction below them, not above. */
  onStructural?(el: E): void;
}

type Summary<N, E> =
  | { kind: 'para' | 'prose' | 'body'; el: E; paras: Para<N>[]; chars: number }
  | { kind: 'structural' };

type Item<N, E> = InlineItem<N> | { summary: Summary<N, E> };

interface Frame<N, E> {
  el: E;
  /** The element's white-space mode, for its text children (kept here, not in a map of every element). */
  ws: WsMode;
  /** The next child to read (null: all read). */
  next: N | null;
  /** The block frame that collects this frame's text (itself for block frames). */
  owner: BlockFrame<N, E>;
}
interface BlockFrame<N, E> extends Frame<N, E> {
  kind: 'block' | 'prose' | 'grid';
  items: Item<N, E>[];
  /** Known structural early (a post body or structure arrived, or a table): children are emitted at once. */
  structural: boolean;
  chars: number;
}

/**
 * Resumable walk: call `run()` until it returns true, yielding to the page between calls. Blocks are
 * reported through `emit` as soon as they are certain, so a long thread streams its posts.
 */
export class BlockSelector<N, E extends N> {
  private readonly stack: Frame<N, E>[] = [];
  private root: BlockFrame<N, E> | null;
  private readonly out: FoundBlock<N, E>[] = [];
  private outHead = 0;
  visited = 0;

  constructor(
    private readonly tree: TreeAdapter<N, E>,
    root: E,
    private readonly deliver: (block: FoundBlock<N, E>) => void,
    private readonly callbacks: SelectCallbacks<E> = {},
  ) {
    const kind = tree.classify(root);
    if (kind === 'skip' || kind === 'br') {
      this.root = null;
      return;
    }
    // An inline root (a <span> added by a script) is read as a block of its own.
    const fkind = kind === 'inline' ? 'block' : kind;
    const frame = this.blockFrame(root, fkind);
    this.root = frame;
    this.stack.push(frame);
  }

  /** Walk until done (true) or until `shouldYield` says the time slice is used up (false). */
  run(shouldYield: () => boolean): boolean {
    const { stack, tree } = this;
    for (;;) {
      // Found blocks are handed out one at a time between time checks: reading a block (its text, its
      // box, its hash) costs far more than visiting a node, and a demoted body releases hundreds at once.
      while (this.outHead < this.out.length) {
        if (shouldYield()) return false;
        const block = this.out[this.outHead];
        this.out[this.outHead++] = undefined as unknown as FoundBlock<N, E>;
        this.deliver(block);
      }
      if (this.outHead > 0) this.out.length = this.outHead = 0;
      if (stack.length === 0) break;
      if ((++this.visited & 31) === 0 && shouldYield()) return false;
      const f = stack[stack.length - 1];
      const node = f.next;
      if (node !== null) {
        f.next = tree.nextChild(node, f.el);
        const el = tree.asElement(node);
        if (el === null) {
          const t = tree.textOf(node, f);
          if (t !== null && t.data.length > 0) this.push(f.owner, { node, data: t.data, mode: t.mode });
          continue;
        }
        const kind = tree.classify(el);
        if (kind === 'skip') continue;
        if (kind === 'br') this.push(f.owner, { br: true });
        else if (kind === 'inline') stack.push({ el, ws: tree.whiteSpaceOf(el), next: tree.firstChild(el), owner: f.owner });
        else stack.push(this.blockFrame(el, kind));
        continue;
      }
      stack.pop();
      if (f.owner !== f) continue;
      const summary = this.finish(f as BlockFrame<N, E>);
      if (stack.length > 0) {
        if (summary) this.push(stack[stack.length - 1].owner, { summary });
      } else if (summary && summary.kind !== 'structural') {
        this.emit({ el: summary.el, paras: summary.paras });
      }
    }
    this.root = null;
    return true;
  }

  private emit(block: FoundBlock<N, E>): void {
    this.out.push(block);
  }

  get done(): boolean {
    return this.root === null;
  }

  private blockFrame(el: E, kind: 'block' | 'prose' | 'grid'): BlockFrame<N, E> {
    const frame = {
      el,
      ws: this.tree.whiteSpaceOf(el),
      next: this.tree.firstChild(el),
      kind,
      items: [],
      structural: kind === 'grid',
      chars: 0,
    } as unknown as BlockFrame<N, E>;
    frame.owner = frame;
    if (frame.structural) this.callbacks.onStructural?.(el);
    return frame;
  }

  private push(owner: BlockFrame<N, E>, item: Item<N, E>): void {
    if ('summary' in item) {
      const s = item.summary;
      if (owner.structural) {
        if (s.kind !== 'structural') this.emit({ el: s.el, paras: s.paras });
        return;
      }
      if (s.kind === 'body' || s.kind === 'structural') {
        this.becomeStructural(owner);
        if (s.kind === 'body') this.emit({ el: s.el, paras: s.paras });
        return;
      }
      owner.chars += s.chars;
      if (owner.chars > MAX_GROUP_CHARS) {
        // Too long to be one post whatever follows (finish() would demote it): its blocks go out now
        // instead of being held, with every text node they reference, until the element ends.
        owner.items.push(item);
        this.becomeStructural(owner);
        return;
      }
    } else if (owner.structural) {
      return;
    } else if (!('br' in item)) {
      owner.chars += item.data.length;
    }
    owner.items.push(item);
  }

  private becomeStructural(f: BlockFrame<N, E>): void {
    f.structural = true;
    this.callbacks.onStructural?.(f.el);
    for (const item of f.items) {
      if ('summary' in item && item.summary.kind !== 'structural') this.emit({ el: item.summary.el, paras: item.summary.paras });
    }
    f.items = [];
  }

  private finish(f: BlockFrame<N, E>): Summary<N, E> | null {
    if (f.structural) return { kind: 'structural' };
    const hasBlocks = f.items.some((i) => 'summary' in i);
    if (!hasBlocks) {
      const items = f.items as InlineItem<N>[];
      if (!items.some((i) => 'data' in i && /\S/.test(i.data))) return null;
      return { kind: 'para', el: f.el, paras: [{ items, gap: paragraphGap(this.tree.tagOf(f.el)) }], chars: f.chars };
    }
    if (f.chars > MAX_GROUP_CHARS) {
      this.becomeStructural(f);
      return { kind: 'structural' };
    }
    const blocks = f.items.filter((i): i is { summary: Summary<N, E> } => 'summary' in i);
    const onlyChild = blocks.length === 1 ? blocks[0].summary : null;
    if (f.kind !== 'prose' && onlyChild?.kind === 'para' && !f.items.some((i) => !('summary' in i) && isVisibleInline(i))) {
      // A wrapper around a single paragraph: the paragraph itself carries the verdict (innermost block),
      // while its parent still sees a post body and stays structural.
      return { kind: 'body', el: onlyChild.el, paras: onlyChild.paras, chars: onlyChild.chars };
    }
    const paras: Para<N>[] = [];
    let loose: InlineItem<N>[] = [];
    const flushLoose = () => {
      if (loose.length > 0) paras.push({ items: loose, gap: 1 });
      loose = [];
    };
    for (const item of f.items) {
      if ('summary' in item) {
        flushLoose();
        if (item.summary.kind !== 'structural') paras.push(...item.summary.paras);
      } else {
        loose.push(item);
      }
    }
    flushLoose();
    return { kind: f.kind === 'prose' ? 'prose' : 'body', el: f.el, paras, chars: f.chars };
  }
}

function isVisibleInline<N>(item: InlineItem<N>): boolean {
  return 'data' in item && /\S/.test(item.data);
}
