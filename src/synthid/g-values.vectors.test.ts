// Every synthid.json case (or the held-back set under WMLENS_VECTORS_DIR) reproduced by the core:
// g-values, masks, counts, means, and the hash IV / sampling table the case reports.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computePositions } from './g-values';
import { meanScore, weightedMeanScore } from './mean-scores';
import { hashVariantIv } from './params';
import { loadSynthIdCases, paramsOfCase, scorerOfCase } from './vectors.test-util';

const cases = loadSynthIdCases();
const bitString = (a: Uint8Array) => Array.from(a).join('');

describe('synthid.json', () => {
  it('has both variants', () => {
    expect(cases.some((c) => c.config.variant === 'hash')).toBe(true);
    expect(cases.some((c) => c.config.variant === 'table')).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const scorer = scorerOfCase(c);
    const params = paramsOfCase(c);
    if (c.expected.hashIv !== undefined) expect(hashVariantIv(params.keys).toString()).toBe(c.expected.hashIv);
    if (c.expected.samplingTableSha256 !== undefined) {
      const table = params.table!;
      expect(table.ones).toBe(c.expected.samplingTableOnes);
      expect(createHash('sha256').update(table.bits).digest('hex')).toBe(c.expected.samplingTableSha256);
    }
    const p = computePositions(scorer, c.ids);
    const g: string[] = [];
    for (let i = 0; i < p.numPositions; i++) g.push(bitString(p.gValues.subarray(i * p.depth, (i + 1) * p.depth)));
    expect(g).toEqual(c.expected.gValues);
    expect(bitString(p.repetitionMask)).toBe(c.expected.repetitionMask);
    expect(bitString(p.eosMask)).toBe(c.expected.eosMask);
    expect(bitString(p.mask)).toBe(c.expected.mask);
    expect(p.numScored).toBe(c.expected.numScored);
    const mean = meanScore(p.gValues, p.mask, p.depth, p.numScored);
    const weighted = weightedMeanScore(p.gValues, p.mask, p.depth, p.numScored);
    // Bit-exact: the same float64 operations in numpy's order (mean-scores.ts).
    expect(mean).toBe(c.expected.meanScore);
    expect(weighted).toBe(c.expected.weightedMeanScore);
  });
});
