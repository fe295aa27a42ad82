// Green-list bitsets are expensive (≈ γ·V generator draws each) and a context's list never changes, so
// they are kept across texts, e.g. a forum's second page scored by the same Worker. Bounded by bytes,
// least recently used first out.

export class BitsetCache {
  private readonly entries = new Map<number, Uint32Array>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get(seed32: number): Uint32Array | undefined {
    const bits = this.entries.get(seed32);
    if (bits !== undefined) {
      // Map iteration order is insertion order: re-inserting marks the entry as most recent.
      this.entries.delete(seed32);
      this.entries.set(seed32, bits);
    }
    return bits;
  }

  /** Whether the seed is cached, without marking it as used. */
  peek(seed32: number): boolean {
    return this.entries.has(seed32);
  }

  set(seed32: number, bits: Uint32Array): void {
    const old = this.entries.get(seed32);
    if (old !== undefined) {
      this.bytes -= old.byteLength;
      this.entries.delete(seed32);
    }
    this.entries.set(seed32, bits);
    this.bytes += bits.byteLength;
    for (const [oldest, oldBits] of this.entries) {
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
