import { describe, expect, it } from 'vitest';
import { firstOccurrences } from './ngram-index';

function naive(ids: number[], n: number): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  for (let w = 0; w + n <= ids.length; w++) {
    const key = ids.slice(w, w + n).join(',');
    if (!seen.has(key)) seen.set(key, w);
    out.push(seen.get(key)!);
  }
  return out;
}

describe('firstOccurrences', () => {
  it('matches a tuple-keyed dictionary on sequences with many repeats', () => {
    let state = 12345;
    const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 7;
    for (const n of [1, 2, 3, 4, 5]) {
      const ids = Array.from({ length: 400 }, rand);
      expect(Array.from(firstOccurrences(ids, n))).toEqual(naive(ids, n));
    }
  });

  it('gives each call its own answer while the table is reused (long, short, long again)', () => {
    let state = 99;
    const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 5;
    for (const length of [3000, 12, 700, 2, 5000, 40]) {
      const ids = Array.from({ length }, rand);
      for (const n of [1, 3]) expect(Array.from(firstOccurrences(ids, n))).toEqual(naive(ids, n));
    }
  });

  it('has no windows when the sequence is shorter than n', () => {
    expect(firstOccurrences([1, 2], 3).length).toBe(0);
  });

  it('treats a constant run as one window repeated', () => {
    expect(Array.from(firstOccurrences([5, 5, 5, 5], 2))).toEqual([0, 0, 0]);
  });
});
