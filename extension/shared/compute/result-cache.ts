// Answers the compute host already gave, by key sets, α and text: a page read again (a reload, the
// same thread in another tab, a post quoted elsewhere) is answered without scoring it again. An answer
// depends on nothing else — refs are hashes of the key-set documents — so an entry never goes stale;
// it only ages out (least recently used first, bounded by count and characters).
import type { KeyDetection } from '../../../src/detect-types';

export const MAX_CACHED_ANSWERS = 5000;
/** Characters of text held as keys, at most (≈ 8 MB of UTF-16). */
export const MAX_CACHED_CHARS = 4_000_000;

export class ResultCache {
  private readonly map = new Map<string, KeyDetection[]>();
  private chars = 0;

  constructor(
    private readonly maxEntries = MAX_CACHED_ANSWERS,
    private readonly maxChars = MAX_CACHED_CHARS,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(refs: readonly string[], alpha: number, text: string): KeyDetection[] | undefined {
    const k = keyOf(refs, alpha, text);
    const hit = this.map.get(k);
    if (hit !== undefined) {
      this.map.delete(k);
      this.map.set(k, hit);
    }
    return hit;
  }

  set(refs: readonly string[], alpha: number, text: string, detections: KeyDetection[]): void {
    const k = keyOf(refs, alpha, text);
    if (k.length > this.maxChars) return;
    if (this.map.delete(k)) this.chars -= k.length;
    this.map.set(k, detections);
    this.chars += k.length;
    for (const old of this.map.keys()) {
      if (this.map.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.map.delete(old);
      this.chars -= old.length;
    }
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }
}

function keyOf(refs: readonly string[], alpha: number, text: string): string {
  return `${refs.join(',')}\u0000${alpha}\u0000${text}`;
}
