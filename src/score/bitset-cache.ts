// Green-list bitsets are expensive (≈ γ·V generator draws each) and a context's list never changes, so
// they are kept across texts, e.g. a forum's second page scored by the same Worker. Bounded by bytes,
// least recently used first out (approximately, see below).

// A hit moves its entry to the young end of the map (Map order is insertion order) only when the entry
// sits in the older half: a delete and a re-insert on every lookup cost more than the lookups themselves
// on a page of text (the same lists hit over and over), and an entry used within the last half-turnover
// of the cache is safe from eviction anyway. Which lists stay cached never changes an answer.
interface Entry {
  bits: Uint32Array;
  /** Value of `clock` when the entry was put at the young end. */
  stamp: number;
}

export class BitsetCache {
  private readonly entries = new Map<number, Entry>();
  private bytes = 0;
  /** Insertions so far (an entry's age is clock − stamp). */
  private clock = 0;

  constructor(private readonly maxBytes: number) {}

  get(seed32: number): Uint32Array | undefined {
    const entry = this.entries.get(seed32);
    if (entry !== undefined && this.clock - entry.stamp > this.entries.size >> 1) {
      this.entries.delete(seed32);
      entry.stamp = ++this.clock;
      this.entries.set(seed32, entry);
    }
    return entry?.bits;
  }

  /** Whether the seed is cached, without marking it as used. */
  peek(seed32: number): boolean {
    return this.entries.has(seed32);
  }

  set(seed32: number, bits: Uint32Array): void {
    const old = this.entries.get(seed32);
    if (old !== undefined) {
      this.bytes -= old.bits.byteLength;
      this.entries.delete(seed32);
    }
    this.entries.set(seed32, { bits, stamp: ++this.clock });
    this.bytes += bits.byteLength;
    for (const [oldest, { bits: oldBits }] of this.entries) {
      if (this.bytes <= this.maxBytes || oldest === seed32) break;
      this.entries.delete(oldest);
      this.bytes -= oldBits.byteLength;
    }
  }

  /** Whether `bytes` more fit without evicting anything. */
  hasRoomFor(bytes: number): boolean {
    return this.bytes + bytes <= this.maxBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
