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

// Odd, drawn per process: which slot a hash takes cannot be steered by the input (the layout never
// shows in a result).
const SLOT_MULTIPLIER = (Math.random() * 2 ** 32) | 1;

let scratchHashes = new Int32Array(0);
let scratchHeads = new Int32Array(0);
let scratchNext = new Int32Array(0);

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
  // Hash → first window with that hash, in an open-addressing table (hashes[slot], heads[slot] =
  // window + 1, 0 for an empty slot) at least twice the windows' count: no Map, no allocation per
  // window. Windows with the same hash but other tokens chain through `next`.
  const bits = Math.max(4, Math.ceil(Math.log2(2 * count + 1)));
  const mask = (1 << bits) - 1;
  // The table is scratch, reused from call to call (a block's scoring allocates enough already):
  // heads cleared, next set where it is read; hashes are read only where heads is set.
  if (scratchHeads.length <= mask) {
    scratchHashes = new Int32Array(mask + 1);
    scratchHeads = new Int32Array(mask + 1);
  } else scratchHeads.fill(0, 0, mask + 1);
  if (scratchNext.length < count) scratchNext = new Int32Array(Math.max(count, 2 * scratchNext.length));
  const hashes = scratchHashes;
  const heads = scratchHeads;
  const next = scratchNext;
  for (let w = 0; w < count; w++) {
    const h = windowHash(ids, w, n) | 0;
    let slot = Math.imul(h, SLOT_MULTIPLIER) >>> (32 - bits);
    while (heads[slot] !== 0 && hashes[slot] !== h) slot = (slot + 1) & mask;
    if (heads[slot] === 0) {
      hashes[slot] = h;
      heads[slot] = w + 1;
      next[w] = -1;
      first[w] = w;
      continue;
    }
    let candidate = heads[slot] - 1;
    let found = -1;
    let last = -1;
    while (candidate !== -1) {
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
      next[w] = -1;
      next[last] = w;
    }
  }
  return first;
}
