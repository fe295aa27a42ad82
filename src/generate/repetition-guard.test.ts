import { describe, expect, it } from 'vitest';
import { RepetitionGuard } from './repetition-guard';

describe('RepetitionGuard', () => {
  const indexOf = (id: number) => (id >= 10 && id < 20 ? id - 10 : -1);

  it('penalises, once each, the candidates that would repeat a recent n-gram', () => {
    // 4-grams: after [11, 12, 13] the history has seen 14 and 15 (twice) follow.
    const history = [11, 12, 13, 14, 11, 12, 13, 15, 11, 12, 13, 15, 16, 11, 12, 13];
    const logits = new Float64Array(10);
    new RepetitionGuard({ ngram: 4, penalty: 3 }).apply(history, logits, indexOf);
    expect(Array.from(logits)).toEqual([0, 0, 0, 0, -3, -3, 0, 0, 0, 0]);
  });

  it('looks only as far back as its window, and does nothing when the n-gram is new', () => {
    const history = [11, 12, 13, 14, 17, 17, 17, 17, 11, 12, 13];
    const logits = new Float64Array(10);
    new RepetitionGuard({ window: 6 }).apply(history, logits, indexOf);
    expect(Array.from(logits)).toEqual(new Array(10).fill(0));
    new RepetitionGuard({ window: 11 }).apply(history, logits, indexOf);
    expect(logits[4]).toBe(-4);
    const fresh = new Float64Array(10);
    new RepetitionGuard().apply([11, 12, 13, 14, 15], fresh, indexOf);
    expect(Array.from(fresh)).toEqual(new Array(10).fill(0));
  });
});
