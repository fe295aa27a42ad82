/**
 * (left id, right id) → merge rank, as an open-addressing hash table over typed arrays. A Map keyed
 * by left·V + right would need keys beyond 2^31 for large vocabularies (Gemma's 262,144² ≈ 2^36),
 * which V8 boxes as heap numbers: building one for 500k merges took seconds and tens of MB.
 */
export class PairTable {
  private readonly mask: number;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly value: Int32Array;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.left = new Int32Array(capacity).fill(-1);
    this.right = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    return h & this.mask;
  }

  /** Sets the value unless the pair is already present (the first, lowest rank wins). */
  setIfAbsent(a: number, b: number, value: number): void {
    for (let i = this.slot(a, b); ; i = (i + 1) & this.mask) {
      const l = this.left[i];
      if (l === -1) {
        this.left[i] = a;
        this.right[i] = b;
        this.value[i] = value;
        return;
      }
      if (l === a && this.right[i] === b) return;
    }
  }

  /** The value for the pair, or -1. */
  get(a: number, b: number): number {
    for (let i = this.slot(a, b); ; i = (i + 1) & this.mask) {
      const l = this.left[i];
      if (l === -1) return -1;
      if (l === a && this.right[i] === b) return this.value[i];
    }
  }
}
