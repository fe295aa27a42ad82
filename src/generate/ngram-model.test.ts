import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NgramModel } from './ngram-model';

const sum = (p: Float64Array) => p.reduce((a, b) => a + b, 0);

// A corpus with repeats at every order, so every discount and back-off path is exercised.
function toyCorpus(): number[][] {
  const text = readFileSync(new URL('../../data/human-sample/sotu/1965-lyndon-b-johnson.txt', import.meta.url), 'utf8');
  // Words as sparse "token ids": the model only sees integers.
  const ids = new Map<string, number>();
  const idOf = (word: string): number => {
    if (!ids.has(word)) ids.set(word, 7 * ids.size + 3);
    return ids.get(word)!;
  };
  return text.split(/\n\n/).map((p) => p.split(/\s+/).filter(Boolean).map(idOf));
}

describe('NgramModel', () => {
  it('matches interpolated Kneser–Ney worked by hand (order 2)', () => {
    // Padded: [B, 1, 2, 1, 3]. Bigrams (B,1) (1,2) (2,1) (1,3), each once → n1 = 4, n2 = 0 → D = 1, clamped to 0.95.
    // Continuation unigram: 1 follows {B, 2}, 2 follows {1}, 3 follows {1} → 2/4, 1/4, 1/4.
    const m = NgramModel.train([[1, 2, 1, 3]], { order: 2 });
    expect(Array.from(m.vocab)).toEqual([1, 2, 3]);
    const p = m.probs([1]);
    const d = 0.95;
    expect(p[m.indexOf(2)]).toBeCloseTo((1 - d) / 2 + d * (2 / 2) * 0.25, 15);
    expect(p[m.indexOf(3)]).toBeCloseTo((1 - d) / 2 + d * (2 / 2) * 0.25, 15);
    expect(p[m.indexOf(1)]).toBeCloseTo(d * (2 / 2) * 0.5, 15);
    // Unseen context (3 is never followed by anything): the continuation unigram.
    expect(Array.from(m.probs([3]))).toEqual([0.5, 0.25, 0.25]);
    // Paragraph start: only 1 ever started one.
    expect(m.probs([])[m.indexOf(1)]).toBeCloseTo(1 - d + d * 0.5, 15);
  });

  it('gives normalised probabilities in seen, unseen, short and unknown contexts, at every order', () => {
    const corpus = toyCorpus();
    for (const order of [2, 3, 4, 5]) {
      for (const discountScale of [1, 0.5]) {
        const m = NgramModel.train(corpus, { order, discountScale });
        const seq = corpus[3];
        const contexts = [[], [seq[0]], seq.slice(0, 2), seq.slice(0, 7), seq.slice(5, 12), [999_999, seq[4]], [seq[9], 999_999], [2, 4, 6, 8]];
        for (const ctx of contexts) {
          const p = m.probs(ctx);
          expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-12);
          expect(p.every((x) => x > 0)).toBe(true);
          const lp = m.logProbs(ctx);
          expect(lp.reduce((a, x) => a + Math.exp(x), 0)).toBeCloseTo(1, 12);
        }
      }
    }
  });

  it('prefers what it saw: a memorised continuation outranks everything else', () => {
    const corpus = toyCorpus();
    const m = NgramModel.train(corpus, { order: 4 });
    const seq = corpus.find((s) => s.length > 20)!;
    // Find a 3-token context that occurs once in the corpus, so its continuation is unambiguous.
    const key = (a: number[]) => a.join(',');
    const seen = new Map<string, number>();
    for (const s of corpus) for (let i = 3; i < s.length; i++) seen.set(key(s.slice(i - 3, i)), (seen.get(key(s.slice(i - 3, i))) ?? 0) + 1);
    const i = [...Array(seq.length).keys()].find((j) => j >= 3 && seen.get(key(seq.slice(j - 3, j))) === 1)!;
    const p = m.probs(seq.slice(0, i));
    const best = p.indexOf(Math.max(...p));
    expect(m.vocab[best]).toBe(seq[i]);
  });

  it('a lower discount scale keeps more mass on seen continuations', () => {
    const corpus = toyCorpus();
    const seq = corpus[2];
    const ctx = seq.slice(0, 10);
    const full = NgramModel.train(corpus, { order: 4 });
    const half = NgramModel.train(corpus, { order: 4, discountScale: 0.5 });
    expect(half.probs(ctx)[half.indexOf(seq[10])]).toBeGreaterThan(full.probs(ctx)[full.indexOf(seq[10])]);
  });

  it('serializes to bytes and back without changing a probability', () => {
    const corpus = toyCorpus();
    const m = NgramModel.train(corpus, { order: 3, discountScale: 0.7 });
    const bytes = m.serialize();
    // An unaligned copy, as a file read might give.
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const back = NgramModel.deserialize(shifted);
    expect(back.order).toBe(3);
    expect(Array.from(back.vocab)).toEqual(Array.from(m.vocab));
    for (const ctx of [[], corpus[1].slice(0, 5), corpus[4].slice(3, 9)]) expect(Array.from(back.probs(ctx))).toEqual(Array.from(m.probs(ctx)));
    expect(() => NgramModel.deserialize(bytes.subarray(0, 100))).toThrow(/truncated/);
    expect(() => NgramModel.deserialize(new Uint8Array(64))).toThrow(/not a serialized model/);
  });

  it('refuses bad options and ids', () => {
    expect(() => NgramModel.train([[1, 2]], { order: 1 })).toThrow(RangeError);
    expect(() => NgramModel.train([[1, 2]], { discountScale: 0 })).toThrow(RangeError);
    expect(() => NgramModel.train([[1, -2]])).toThrow(RangeError);
    expect(() => NgramModel.train([[]])).toThrow(/no training tokens/);
    const m = NgramModel.train([[5, 6, 7]]);
    expect(() => m.probs([5], new Float64Array(2))).toThrow(RangeError);
    expect(m.indexOf(6)).toBe(1);
    expect(m.indexOf(8)).toBe(-1);
  });
});
