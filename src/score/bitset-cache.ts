// Green-list bitsets are expensive (≈ γ·V generator draws each) and a context's list never changes, so
// they are kept across texts, e.g. a forum's second page scored by the same Worker. Bounded by bytes,
// least recently used first out (approximately, see below). The bytes are those the cached lists keep
// alive: a list cut from a slab of several (src/rng/bitset-slabs.ts) or from a batch of prebuilt lists holds the
// whole buffer, so a list evicted while another of its buffer is cached still counts, until the last
// one goes. (Slots of a slab never cached, e.g. the part the sampler has not cut yet, are not counted.)

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
  /** Per buffer of cached lists: how many are cached, and the lists (by byte offset) it is charged for. */
  private readonly buffers = new Map<ArrayBufferLike, { cached: number; charged: Map<number, number> }>();
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
      this.entries.delete(seed32);
      this.release(old.bits);
    }
    this.entries.set(seed32, { bits, stamp: ++this.clock });
    this.retain(bits);
    for (const [oldest, { bits: oldBits }] of this.entries) {
      if (this.bytes <= this.maxBytes || oldest === seed32) break;
      this.entries.delete(oldest);
      this.release(oldBits);
    }
  }

  private retain(bits: Uint32Array): void {
    let buffer = this.buffers.get(bits.buffer);
    if (buffer === undefined) {
      buffer = { cached: 0, charged: new Map() };
      this.buffers.set(bits.buffer, buffer);
    }
    buffer.cached++;
    if (!buffer.charged.has(bits.byteOffset)) {
      buffer.charged.set(bits.byteOffset, bits.byteLength);
      this.bytes += bits.byteLength;
    }
  }

  private release(bits: Uint32Array): void {
    const buffer = this.buffers.get(bits.buffer);
    if (buffer === undefined || --buffer.cached > 0) return;
    this.buffers.delete(bits.buffer);
    for (const bytes of buffer.charged.values()) this.bytes -= bytes;
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
    this.buffers.clear();
    this.bytes = 0;
  }
}
