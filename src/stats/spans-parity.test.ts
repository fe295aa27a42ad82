// The span finder against a plain transcription of its rules (every significant window as an object,
// grouped by a sort of the windows, candidates tried in a full sort by evidence): the finder avoids
// those allocations and sorts, and must return exactly the same spans, number for number.
import { describe, expect, it } from 'vitest';
import { planScan, type NullRate, nullRateAt, windowLogSf } from './scan-plan';
import { bernoulliSequence, mulberry32 } from './seeded-random';
import { type Span, findSpans, groupOverlapping, someWindowReaches } from './spans';
import { zScore } from './z-score';

interface Window {
  start: number;
  end: number;
  logP: number;
}

function plainSpans(green: ArrayLike<number>, rate: NullRate, alpha: number, gamma?: number): Span[] {
  const n = green.length;
  const plan = planScan(n, rate, alpha, 1);
  if (plan.lengths.length === 0) return [];
  const prefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + (green[i] ? 1 : 0);
  const windows: Window[] = [];
  plan.lengths.forEach((l, i) => {
    for (let s = 0; s + l <= n; s++) {
      const k = prefix[s + l] - prefix[s];
      if (k >= plan.minGreen[i]) windows.push({ start: s, end: s + l, logP: plan.logCorrectedP(l, k) });
    }
  });
  const groups: Array<{ start: number; end: number; members: Window[] }> = [];
  for (const w of [...windows].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = groups[groups.length - 1];
    if (last !== undefined && w.start < last.end) {
      last.end = Math.max(last.end, w.end);
      last.members.push(w);
    } else groups.push({ start: w.start, end: w.end, members: [w] });
  }
  const evidence = (s: number, e: number): number => windowLogSf(rate, prefix[e] - prefix[s], e - s);
  const spans: Span[] = [];
  for (const group of groups) {
    const taken: Array<[number, number]> = [];
    group.members.sort((a, b) => a.logP - b.logP || b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const w of group.members) {
      if (taken.some(([s, e]) => w.start < e && s < w.end)) continue;
      let lo = group.start;
      let hi = group.end;
      for (const [s, e] of taken) {
        if (e <= w.start) lo = Math.max(lo, e);
        if (s >= w.end) hi = Math.min(hi, s);
      }
      let start = w.start;
      let end = w.end;
      let best = evidence(start, end);
      for (let pass = 0; pass < 6; pass++) {
        let moved = false;
        for (let e = start + 1; e <= hi; e++) {
          const v = evidence(start, e);
          if (v < best) [best, end, moved] = [v, e, true];
        }
        for (let s = lo; s < end; s++) {
          const v = evidence(s, end);
          if (v < best) [best, start, moved] = [v, s, true];
        }
        if (!moved) break;
      }
      while (start < end && !green[start]) start++;
      while (end > start && !green[end - 1]) end--;
      if (start >= end) continue;
      taken.push([start, end]);
      const numGreen = prefix[end] - prefix[start];
      spans.push({ start, end, numUnits: end - start, numGreen, zScore: zScore(numGreen, end - start, gamma ?? nullRateAt(rate, end - start)), pValue: Math.exp(w.logP) });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function plant(rand: () => number, seq: Uint8Array, start: number, length: number, rate: number): void {
  for (let i = start; i < Math.min(seq.length, start + length); i++) seq[i] = rand() < rate ? 1 : 0;
}

describe('findSpans matches the plain transcription of its rules', () => {
  const curve = (l: number): number => 0.25 + 0.06 / Math.sqrt(l);
  it.each([
    ['γ 0.25, α 1e-4', 0.25 as NullRate, 1e-4],
    ['rate per length, α 2.5e-5', curve as NullRate, 2.5e-5],
    ['γ 0.5, α 1e-2', 0.5 as NullRate, 1e-2],
    ['γ 0.1, α 1e-3', 0.1 as NullRate, 1e-3],
  ])('%s: 600 blocks of 1–700 units with 0–4 planted stretches', (_, rate, alpha) => {
    const rand = mulberry32(4242);
    let withSpans = 0;
    let multi = 0;
    for (let t = 0; t < 600; t++) {
      const n = 1 + Math.floor(rand() * 700);
      const base = typeof rate === 'number' ? rate : 0.25;
      const seq = bernoulliSequence(rand, n, base);
      const planted = Math.floor(rand() * 5);
      for (let p = 0; p < planted; p++) plant(rand, seq, Math.floor(rand() * n), 5 + Math.floor(rand() * 120), base + rand() * (1 - base));
      const expected = plainSpans(seq, rate, alpha, 0.25);
      expect(findSpans(seq, rate, { alpha, gamma: 0.25 })).toEqual(expected);
      if (expected.length > 0) withSpans++;
      if (expected.length > 1) multi++;
    }
    // The comparison covers blocks with one span and with several.
    expect(withSpans).toBeGreaterThan(100);
    expect(multi).toBeGreaterThan(10);
  });
});

describe('groupOverlapping', () => {
  it('joins windows sharing a unit, not windows that only touch', () => {
    const g = groupOverlapping(20, [0, 3, 5, 12, 12, 19], [4, 5, 8, 13, 15, 20]);
    expect(g.starts).toEqual([0, 5, 12, 19]);
    expect(g.ends).toEqual([5, 8, 15, 20]);
    expect(Array.from(g.groupOf)).toEqual([0, 0, 1, 2, 2, 3]);
  });

  it('has no group without windows', () => {
    const g = groupOverlapping(5, [], []);
    expect(g.starts).toEqual([]);
    expect(g.groupOf.length).toBe(0);
  });
});

describe('someWindowReaches', () => {
  it('agrees with counting every window (random blocks, every length and need)', () => {
    const rand = mulberry32(61);
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rand() * 60);
      const seq = bernoulliSequence(rand, n, rand());
      const greenAt = Int32Array.from(Array.from(seq).flatMap((g, i) => (g ? [i] : [])));
      for (let l = 1; l <= n; l++) {
        let most = 0;
        for (let s = 0; s + l <= n; s++) most = Math.max(most, seq.subarray(s, s + l).reduce((a, b) => a + b, 0));
        for (let need = 0; need <= l + 1; need++) expect(someWindowReaches(greenAt, greenAt.length, l, need)).toBe(most >= need);
      }
    }
  });
});
