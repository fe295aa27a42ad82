// Green-list bitsets are cut BITSETS_PER_SLAB to an allocation: in a Chromium Worker a typed array of its
// own per list (6 KB at V = 50,257) cost 25–50 µs to allocate, as much as building the list, where one
// four times as large cost ≈ 10 µs (2026-12-07, Chromium 156). A slab lives while any of its lists does;
// the green oracle's cache (src/score/bitset-cache.ts) counts the memory its lists keep alive.

export const BITSETS_PER_SLAB = 4;

/** Zeroed bitsets of `words` 32-bit words each, cut in turn from slabs of BITSETS_PER_SLAB. */
export class BitsetSlabs {
  private slab: Uint32Array | null = null;
  private used = 0;

  constructor(private readonly words: number) {}

  next(): Uint32Array {
    if (this.slab === null || this.used === BITSETS_PER_SLAB) {
      this.slab = new Uint32Array(this.words * BITSETS_PER_SLAB);
      this.used = 0;
    }
    return this.slab.subarray(this.words * this.used, this.words * ++this.used);
  }
}
