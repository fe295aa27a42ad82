import { describe, expect, it } from 'vitest';
import { bernoulliSequence, mulberry32 } from './seeded-random';
import { findSpans } from './spans';
import { zScore } from './z-score';

function iou(a: readonly [number, number], b: readonly [number, number]): number {
  const inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  return inter / (Math.max(a[1], b[1]) - Math.min(a[0], b[0]));
}

function plant(rand: () => number, seq: Uint8Array, start: number, length: number, rate: number): void {
  for (let i = start; i < start + length; i++) seq[i] = rand() < rate ? 1 : 0;
}

describe('findSpans under the null', () => {
  it('reports a span in at most alpha of unwatermarked blocks (2000 × 600 units, alpha 0.01)', () => {
    const rand = mulberry32(20240601);
    const runs = 2000;
    let reported = 0;
    for (let i = 0; i < runs; i++) {
      if (findSpans(bernoulliSequence(rand, 600, 0.25), 0.25, { alpha: 0.01 }).length > 0) reported++;
    }
    const rate = reported / runs;
    // Observed 0.003 (the bound is conservative); allow three standard errors above alpha.
    expect(rate).toBeLessThanOrEqual(0.01 + 3 * Math.sqrt((0.01 * 0.99) / runs));
  });

  it('stays valid at γ = 0.5 and for short blocks', () => {
    const rand = mulberry32(99);
    let reported = 0;
    for (let i = 0; i < 1000; i++) {
      if (findSpans(bernoulliSequence(rand, 120, 0.5), 0.5, { alpha: 0.02 }).length > 0) reported++;
    }
    expect(reported / 1000).toBeLessThanOrEqual(0.02 + 3 * Math.sqrt((0.02 * 0.98) / 1000));
  });
});

describe('findSpans with a rate per window length', () => {
  const rate = (l: number): number => 0.25 + 0.05 / Math.sqrt(l);

  it('stays valid on null units at the longest window’s rate (1000 × 600 units, alpha 0.02)', () => {
    const rand = mulberry32(77);
    let reported = 0;
    for (let i = 0; i < 1000; i++) {
      if (findSpans(bernoulliSequence(rand, 600, rate(600)), rate, { alpha: 0.02 }).length > 0) reported++;
    }
    expect(reported / 1000).toBeLessThanOrEqual(0.02 + 3 * Math.sqrt((0.02 * 0.98) / 1000));
  });

  it('finds a span the worst-case rate misses, and reports z against the given γ', () => {
    const rand = mulberry32(31);
    let foundPerLength = 0;
    let foundWorstCase = 0;
    for (let t = 0; t < 40; t++) {
      const seq = bernoulliSequence(rand, 600, 0.25);
      plant(rand, seq, 200, 120, 0.5);
      const spans = findSpans(seq, rate, { alpha: 1e-4, gamma: 0.25 });
      if (spans.length > 0) {
        foundPerLength++;
        const s = spans[0];
        expect(s.zScore).toBe(zScore(s.numGreen, s.numUnits, 0.25));
      }
      if (findSpans(seq, rate(1), { alpha: 1e-4 }).length > 0) foundWorstCase++;
    }
    expect(foundPerLength).toBeGreaterThan(foundWorstCase);
  });
});

describe('findSpans localization', () => {
  it('finds a 60-unit span (green rate 0.7) in 600 null units, γ = 0.25, alpha 1e-4', () => {
    const rand = mulberry32(2024);
    const ious: number[] = [];
    let detected = 0;
    for (let trial = 0; trial < 200; trial++) {
      const seq = bernoulliSequence(rand, 600, 0.25);
      const start = Math.floor(rand() * 541);
      plant(rand, seq, start, 60, 0.7);
      const spans = findSpans(seq, 0.25, { alpha: 1e-4 });
      if (spans.length > 0) detected++;
      ious.push(Math.max(0, ...spans.map((s) => iou([s.start, s.end], [start, start + 60]))));
    }
    ious.sort((a, b) => a - b);
    // Measured with this seed: detected 193/200, median IoU 0.93, IoU ≥ 0.5 in 192/200.
    expect(detected / 200).toBeGreaterThanOrEqual(0.9);
    expect(ious[100]).toBeGreaterThanOrEqual(0.5);
    expect(ious.filter((x) => x >= 0.5).length / 200).toBeGreaterThanOrEqual(0.85);
  });

  it('separates two watermarked stretches', () => {
    const rand = mulberry32(5);
    const seq = bernoulliSequence(rand, 800, 0.25);
    plant(rand, seq, 100, 80, 0.8);
    plant(rand, seq, 550, 80, 0.8);
    const spans = findSpans(seq, 0.25, { alpha: 1e-4 });
    expect(spans.length).toBe(2);
    expect(iou([spans[0].start, spans[0].end], [100, 180])).toBeGreaterThan(0.7);
    expect(iou([spans[1].start, spans[1].end], [550, 630])).toBeGreaterThan(0.7);
  });

  it('covers a fully watermarked block and finds nothing in an all-red one', () => {
    const rand = mulberry32(8);
    const seq = bernoulliSequence(rand, 300, 0.75);
    const spans = findSpans(seq, 0.25, { alpha: 1e-4 });
    expect(spans.length).toBe(1);
    expect(spans[0].numUnits).toBeGreaterThan(280);
    expect(findSpans(new Uint8Array(300), 0.25, { alpha: 1e-4 })).toEqual([]);
    expect(findSpans([], 0.25, { alpha: 1e-4 })).toEqual([]);
    expect(findSpans([1, 1, 1], 0.25, { alpha: 1e-4 })).toEqual([]); // too short to pass at all
  });

  it("reports each span's own numbers and a corrected p-value", () => {
    const rand = mulberry32(31);
    const seq = bernoulliSequence(rand, 600, 0.25);
    plant(rand, seq, 250, 60, 0.75);
    const [span] = findSpans(seq, 0.25, { alpha: 1e-4 });
    expect(seq[span.start]).toBe(1);
    expect(seq[span.end - 1]).toBe(1);
    let green = 0;
    for (let i = span.start; i < span.end; i++) green += seq[i];
    expect(span.numGreen).toBe(green);
    expect(span.numUnits).toBe(span.end - span.start);
    expect(span.zScore).toBe(zScore(green, span.numUnits, 0.25));
    expect(span.pValue).toBeLessThanOrEqual(1e-4);
    expect(span.pValue).toBeGreaterThan(0);
  });
});
