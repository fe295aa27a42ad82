import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { standInModel } from '../cli/generate-command';
import { compileKeySet, detect } from '../detect';
import { generate, generateUnwatermarked } from '../generate/generate';
import { STAND_IN_SAMPLING } from '../generate/training';
import { computePositions } from './g-values';
import { makeScorer } from './params';
import { SynthIdTournament } from './tournament';

const example = readFileSync(join(resolve(__dirname, '../..'), 'public/keysets/synthid-docs-example.json'), 'utf8');

function softmax(logits: Float64Array, t: number): number[] {
  const finite = Array.from(logits).filter((x) => x > -Infinity);
  const max = Math.max(...finite);
  const e = Array.from(logits, (x) => (x > -Infinity ? Math.exp(x / t - max / t) : 0));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

describe('SynthID tournament (the reference logits processor)', () => {
  const scorer = makeScorer({ variant: 'synthid-text', ngramLen: 3, keys: [11n, 22n, 33n, 44n], contextHistorySize: 4, eosTokenId: null });
  const candidates = Int32Array.from({ length: 60 }, (_, i) => 100 + i);
  const base = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i) * 3);

  it('keeps the top k, stays a distribution, and moves mass to candidates whose g-values are 1', () => {
    const t = new SynthIdTournament(scorer, { temperature: 0.7, topK: 40 });
    const logits = Float64Array.from(base);
    const raised = t.apply([5, 6], candidates, logits);
    const p = softmax(logits, 0.7);
    expect(p.filter((x) => x > 0)).toHaveLength(40);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(raised.length).toBeGreaterThan(0);
    // The first call's context is n − 1 zeros, whatever the history (the reference's state starts so).
    const g = computePositions(scorer, [0, 0, candidates[raised[0]]]).gValues;
    expect(g.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('leaves a repeated context unwatermarked', () => {
    const t = new SynthIdTournament(scorer, { temperature: 1, topK: 40 });
    // Call 1: the context is (0, 0); each later call appends the history's last token, here 0 again, so
    // call 2 sees (0, 0) a second time: a repeated context.
    t.apply([1], candidates, Float64Array.from(base));
    const logits = Float64Array.from(base);
    t.apply([0], candidates, logits);
    const p = softmax(logits, 1);
    const plain = softmax(Float64Array.from(base), 1);
    const top = [...plain.keys()].sort((a, b) => plain[b] - plain[a]).slice(0, 40);
    const mass = top.reduce((a, i) => a + plain[i], 0);
    for (const i of top) expect(p[i]).toBeCloseTo(plain[i] / mass, 12);
  });
});

// Measured with 20 seeds (tsx, 2026-12-07): at 200 tokens the calibrated test flags 65% (hf-transformers)
// and 90% (synthid-text) of the stand-in's watermarked texts at α = 1e-4; the uncalibrated z-test 90% and
// 100%. Here: 6 seeds, at least 3 flagged per key, and no unwatermarked text flagged.
describe('stand-in text generated with the tournament', async () => {
  const keySet = await compileKeySet(example);
  it.each(keySet.synthidKeys.map((k) => [k.spec.kid, k] as const))('%s: watermarked 200-token texts are flagged at α = 1e-4, unwatermarked ones are not', (_kid, key) => {
    const model = standInModel(key.tokenizer);
    const only = { ...keySet, keys: [], synthidKeys: [key] };
    const temperature = STAND_IN_SAMPLING.temperature;
    let flagged = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const options = { model, tokenizer: key.tokenizer, length: 200, seed, temperature, topP: 1 };
      const marked = generate(options, new SynthIdTournament(key.scorer, { temperature }));
      const [d] = detect(marked.text, [only]);
      if (d.verdict === 'watermarked') {
        flagged++;
        expect(d.spans.length).toBeGreaterThan(0);
      }
      expect(d.zScore, `seed ${seed}`).toBeGreaterThan(2);
      const [h] = detect(generateUnwatermarked(options).text, [only]);
      expect(h.verdict, `seed ${seed}`).toBe('not-detected');
    }
    expect(flagged).toBeGreaterThanOrEqual(3);
  });
});
