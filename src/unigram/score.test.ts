import { describe, expect, it } from 'vitest';
import { unigramMaskFromSeed } from './green-mask';
import { UnigramEmptyError, scoreUnigram, unigramZScore } from './score';

// A 16-token vocabulary whose mask we read back, so expectations come from the mask, not from constants.
const mask = unigramMaskFromSeed(123, 0.5, 16);
const greens: number[] = [];
const reds: number[] = [];
for (let id = 0; id < 16; id++) ((mask.bits[id >>> 3] >>> (id & 7)) & 1 ? greens : reds).push(id);

describe('scoreUnigram', () => {
  it('counts every token for z and distinct tokens for the unique z and the units', () => {
    const ids = [greens[0], greens[0], greens[0], reds[0], greens[1]];
    const s = scoreUnigram(mask, 0.5, ids);
    expect(Array.from(s.greenMask)).toEqual([1, 1, 1, 0, 1]);
    expect(s.numGreenTokens).toBe(4);
    expect(s.zScore).toBe(unigramZScore(4, 5, 0.5));
    expect(s.units.numUnits).toBe(3);
    expect(s.units.numGreenUnits).toBe(2);
    expect(Array.from(s.units.id)).toEqual([greens[0], reds[0], greens[1]]);
    expect(Array.from(s.units.position)).toEqual([0, 3, 4]);
    expect(s.uniqueZScore).toBe(unigramZScore(2, 3, 0.5));
  });

  it('treats ids at or beyond vocabSize as red', () => {
    expect(Array.from(scoreUnigram(mask, 0.5, [16, 1000]).greenMask)).toEqual([0, 0]);
  });

  it('refuses an empty sequence (the reference divides 0 by 0)', () => {
    expect(() => scoreUnigram(mask, 0.5, [])).toThrow(UnigramEmptyError);
  });
});
