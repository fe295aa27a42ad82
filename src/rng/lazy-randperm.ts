// randperm(n, seed32) computed only as far as it is read. Fisher–Yates step i fixes position i for
// good, so entry p is known after p + 1 steps: a reader of the first V entries of a 1,000,003-entry
// hashint table (selfhash reads table[id] for token ids below V) pays V steps, not a million, and never
// touches the 4 MiB of the whole permutation.
//
// The entries not yet fixed live in a small open-addressing map (position → value, absent = the
// position itself, as in the identity the shuffle starts from). Asked for an entry past DENSE_AFTER
// steps, the rest runs on a plain array, as randperm.ts does. Same draws, same moduli (exact, see
// fast-mod.ts), same swaps: the same permutation, entry for entry (lazy-randperm.test.ts).
import { modByReciprocal } from './fast-mod';
import { MT_N, mtSeedState, mtTemper, mtTwist } from './mt19937';
import { checkRandpermSize } from './randperm';

/** Steps run through the sparse map before the remaining steps switch to a plain array. */
export const DENSE_AFTER = 1 << 17;
/**
 * Steps are run in chunks of this many (a reader of any entry of the first chunk gets all of it): a
 * map sized once for the whole chunk, instead of one regrown as the reads creep up. Fresh memory is
 * what a short shuffle mostly pays for.
 */
export const CHUNK = 1 << 16;

export class LazyRandperm {
  /** Entries [0, ready) are final. */
  private ready = 0;
  private fixed = new Int32Array(0);
  // The generator: its 624 words, and how many of them have been drawn since the last twist.
  private readonly mt = new Uint32Array(MT_N);
  private drawn = MT_N;
  // The sparse map: (position, value) pairs in one array, position −1 for an empty slot. Positions
  // below `ready` are stale (they were fixed since); any other position not in it holds itself.
  private map = new Int32Array(0);
  private shift = 32;

  private readonly denseAfter: number;
  private readonly chunk: number;

  constructor(
    readonly length: number,
    seed32: number,
    options: { denseAfter?: number; chunk?: number } = {},
  ) {
    checkRandpermSize(length);
    mtSeedState(this.mt, seed32);
    this.denseAfter = options.denseAfter ?? DENSE_AFTER;
    this.chunk = options.chunk ?? CHUNK;
  }

  /** The next draw of the generator (torch's CPU MT19937, as MT19937.nextU32). */
  private draw(): number {
    if (this.drawn === MT_N) {
      mtTwist(this.mt);
      this.drawn = 0;
    }
    return mtTemper(this.mt[this.drawn++]);
  }

  /** Entry p of randperm(length, seed32), 0 ≤ p < length. */
  at(p: number): number {
    if (p >>> 0 === p && p < this.ready) return this.fixed[p];
    if (!(Number.isInteger(p) && p >= 0 && p < this.length)) throw new RangeError(`LazyRandperm: no entry ${p} in a permutation of ${this.length}`);
    this.advance(p + 1);
    return this.fixed[p];
  }

  /** The whole permutation (computed to the end). The array is this table's own: do not mutate. */
  all(): Int32Array {
    this.advance(this.length);
    return this.fixed;
  }

  private advance(wanted: number): void {
    const n = this.length;
    if (wanted <= this.ready) return;
    const upTo = Math.min(n, Math.ceil(wanted / this.chunk) * this.chunk);
    if (upTo > this.denseAfter) {
      this.finishDense();
      return;
    }
    const grown = new Int32Array(upTo);
    grown.set(this.fixed);
    this.fixed = grown;
    // Each step adds at most one position to the map: twice the steps keeps it at most half full.
    this.resizeMap(2 * upTo);
    this.drawn = sparseSteps(this.mt, this.drawn, this.map, this.shift, this.fixed, n, this.ready, upTo);
    this.ready = upTo;
  }

  /** The remaining steps on a plain array: the map's values written over the identity, then randperm's loop. */
  private finishDense(): void {
    const n = this.length;
    const a = new Int32Array(n);
    a.set(this.fixed);
    for (let p = this.ready; p < n; p++) a[p] = p;
    const map = this.map;
    for (let s = 0; s < map.length; s += 2) if (map[s] >= this.ready) a[map[s]] = map[s + 1];
    for (let i = this.ready; i < n - 1; i++) {
      const m = n - i;
      const j = i + modByReciprocal(this.draw(), m, 1 / m);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    this.fixed = a;
    this.ready = n;
    this.map = new Int32Array(0);
  }

  private slot(p: number): number {
    const map = this.map;
    const mask = map.length - 2;
    let s = (Math.imul(p, 0x9e3779b1) >>> this.shift) << 1;
    while (map[s] !== -1 && map[s] !== p) s = (s + 2) & mask;
    return s;
  }

  private put(p: number, v: number): void {
    const s = this.slot(p);
    this.map[s] = p;
    this.map[s + 1] = v;
  }

  /** A map of at least `slots` slots (a power of two), with the positions not yet fixed carried over. */
  private resizeMap(slots: number): void {
    const size = 2 ** Math.ceil(Math.log2(Math.max(slots, 2)));
    if (2 * size <= this.map.length) return;
    const old = this.map;
    this.map = new Int32Array(2 * size).fill(-1);
    this.shift = 32 - Math.log2(size);
    for (let s = 0; s < old.length; s += 2) if (old[s] >= this.ready) this.put(old[s], old[s + 1]);
  }
}

/**
 * Fisher–Yates steps from..upTo − 1 on the sparse map (see LazyRandperm), fixing fixed[from..upTo).
 * One function with the generator and the map probes written out: it runs once per table, mostly
 * before the JIT has compiled anything, where every call costs. Returns the generator's new `drawn`.
 */
function sparseSteps(mt: Uint32Array, drawn: number, map: Int32Array, shift: number, fixed: Int32Array, n: number, from: number, upTo: number): number {
  const mask = map.length - 2;
  for (let i = from; i < upTo; i++) {
    let s = (Math.imul(i, 0x9e3779b1) >>> shift) << 1;
    while (map[s] !== -1 && map[s] !== i) s = (s + 2) & mask;
    const vi = map[s] === i ? map[s + 1] : i;
    // The last entry needs no step of its own: after n − 1 steps it holds what is left.
    if (i === n - 1) {
      fixed[i] = vi;
      break;
    }
    if (drawn === MT_N) {
      mtTwist(mt);
      drawn = 0;
    }
    let y = mt[drawn++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    const m = n - i;
    const j = i + modByReciprocal(y >>> 0, m, 1 / m);
    if (j === i) {
      fixed[i] = vi;
      continue;
    }
    let t = (Math.imul(j, 0x9e3779b1) >>> shift) << 1;
    while (map[t] !== -1 && map[t] !== j) t = (t + 2) & mask;
    fixed[i] = map[t] === j ? map[t + 1] : j;
    map[t] = j;
    map[t + 1] = vi;
  }
  return drawn;
}
