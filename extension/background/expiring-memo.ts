// One value loaded on demand and kept until it is declared stale or its own expiry passes. The
// background asks for the active key sets once per batch of a page's blocks; reading them from storage
// each time (and evaluating every record) put a browser round trip and a parse of the whole store on
// every batch's path.

export interface Expiring<T> {
  value: T;
  /** Time (ms since the epoch) from which the value is wrong without any change (Infinity: never). */
  validUntil: number;
}

export class ExpiringMemo<T> {
  private value: Promise<T> | null = null;
  private validUntil = Infinity;
  /** Bumped by every load and invalidation: a load that finishes after a newer one keeps out. */
  private epoch = 0;

  constructor(
    private readonly load: () => Promise<Expiring<T>>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.value !== null && this.now() < this.validUntil) return this.value;
    const epoch = ++this.epoch;
    this.validUntil = Infinity;
    const loading = this.load().then((r) => {
      if (this.epoch === epoch) this.validUntil = r.validUntil;
      return r.value;
    });
    this.value = loading;
    loading.catch(() => {
      if (this.epoch === epoch) this.value = null;
    });
    return loading;
  }

  /** What the value was read from changed: the next get() loads again. */
  invalidate(): void {
    this.epoch++;
    this.value = null;
  }
}
