// Which subtrees to read again after DOM mutations. Pure over an abstract parent function.
//
// Blocks are decided bottom-up, and only a *structural* element (one whose children are read one by
// one, see select-blocks.ts) makes its children independent of each other. So a change under a
// structural element S is re-read from S's child on the path to the change (a new post appended to a
// thread is read alone), and a change with no structural ancestor means the whole page. Unchanged
// blocks inside a re-read subtree cost a walk and a hash, never a second detection.

export interface TreeUp<N> {
  parentOf(node: N): N | null;
  isStructural(node: N): boolean;
}

/** Walks longer than this give up and re-read the whole page: a 20,000-deep DOM is hostile anyway. */
const MAX_CLIMB = 2000;

/**
 * The subtree to re-read for a change at `target`; `added` are the element nodes a childList mutation
 * added (re-read alone when `target` is structural). Returns null for "the whole page".
 */
export function rootsForChange<N>(tree: TreeUp<N>, target: N, added: readonly N[] = []): N[] | null {
  if (tree.isStructural(target)) return added.slice();
  let child = target;
  let parent = tree.parentOf(target);
  for (let i = 0; parent !== null && i < MAX_CLIMB; i++) {
    if (tree.isStructural(parent)) return [child];
    child = parent;
    parent = tree.parentOf(parent);
  }
  return null;
}

/**
 * Drop duplicates and roots inside other roots; while more than `cap` remain (a list growing by 20
 * items a frame), replace roots by their parents, so a burst costs one walk of their container rather
 * than hundreds of walks or a walk of the whole page. Null when even that stays over `cap`.
 * Roots no longer in the document (`isLive` false) are dropped first: they have nothing to read, and
 * as tops of their own detached trees they can never be lifted together — a list that adds and removes
 * items every frame otherwise turned every burst into a walk of the whole page.
 */
export function reduceRoots<N>(roots: Iterable<N>, parentOf: (node: N) => N | null, cap: number, isLive: (node: N) => boolean = () => true): N[] | null {
  const live: N[] = [];
  for (const r of roots) if (isLive(r)) live.push(r);
  let list = coalesceRoots(live, parentOf);
  for (let i = 0; list.length > cap && i < MAX_CLIMB; i++) {
    const lifted = new Set<N>();
    for (const r of list) lifted.add(parentOf(r) ?? r);
    if (lifted.size === list.length && [...lifted].every((r, j) => r === list[j])) return null;
    list = coalesceRoots(lifted, parentOf);
  }
  return list.length > cap ? null : list;
}

/** Drop duplicates and roots inside other roots. */
export function coalesceRoots<N>(roots: Iterable<N>, parentOf: (node: N) => N | null): N[] {
  const set = new Set<N>(roots);
  const out: N[] = [];
  for (const r of set) {
    let covered = false;
    let p = parentOf(r);
    for (let i = 0; p !== null && i < MAX_CLIMB; i++) {
      if (set.has(p)) {
        covered = true;
        break;
      }
      p = parentOf(p);
    }
    if (!covered) out.push(r);
  }
  return out;
}
