// For each window of a token sequence, the index of the first window with the same tokens — the
// reference's "distinct n-gram" (dict keyed by the tuple, in first-occurrence order).

const MIX = 0x9e3779b1;

function windowHash(ids: ArrayLike<number>, start: number, n: number): number {
  let h = 0x811c9dc5 ^ n;
  for (let k = 0; k < n; k++) {
    h = Math.imul(h ^ ids[start + k], MIX);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

function sameWindow(ids: ArrayLike<number>, a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (ids[a + k] !== ids[b + k]) return false;
  return true;
}

/**
 * `first[w]` = the smallest w' ≤ w whose window ids[w'..w'+n) equals ids[w..w+n), for every window
 * w = 0 … ids.length − n.
 */
export function firstOccurrences(ids: ArrayLike<number>, n: number): Int32Array {
  const count = Math.max(0, ids.length - n + 1);
  const first = new Int32Array(count);
  // Hash → first window with that hash; collisions chain through `next`.
  const heads = new Map<number, number>();
  const next = new Int32Array(count).fill(-1);
  for (let w = 0; w < count; w++) {
    const h = windowHash(ids, w, n);
    let candidate = heads.get(h);
    let found = -1;
    let last = -1;
    while (candidate !== undefined && candidate !== -1) {
      if (sameWindow(ids, candidate, w, n)) {
        found = candidate;
        break;
      }
      last = candidate;
      candidate = next[candidate];
    }
    if (found >= 0) {
      first[w] = found;
    } else {
      first[w] = w;
      if (last === -1) heads.set(h, w);
      else next[last] = w;
    }
  }
  return first;
}
