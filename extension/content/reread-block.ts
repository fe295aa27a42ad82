// A block's text nodes, read again from the page when they are needed (to draw its flagged spans).
// Records keep only a block's text: holding every text node of every block kept a wrapper alive for
// each in the content script's world, and on a page of 100,000 text nodes the walk's own wrapper
// creation stalled for tens of milliseconds at a time.
import { MAX_BLOCK_CHARS } from './block-rules';
import { buildBlockText, type BlockText } from './block-text';
import { createDomAdapter } from './dom-tree';
import { BlockSelector } from './select-blocks';

/** The block `el` as a walk from it reads it, or null when it no longer reads as one block. */
export function rereadBlock(el: Element): BlockText<Node> | null {
  let found: BlockText<Node> | null = null;
  const selector = new BlockSelector(createDomAdapter(), el, (b) => {
    if (b.el === el) found = buildBlockText(b.paras, MAX_BLOCK_CHARS);
  });
  selector.run(() => false);
  return found;
}
