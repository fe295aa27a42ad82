// The Unigram calibration's own rules (its false-alarm rate on human text is measured in
// eval/unigram-calibration.test.ts): units are distinct tokens, the most frequent human tokens are not
// counted, the null rate starts from the mask's actual share and is raised for short texts.
import { describe, expect, it } from 'vitest';
import { loadReferenceSample } from '../calibration/reference-sample';
import { loadTokenizer } from '../tokenize/tokenizer';
import { calibrateUnigram, unigramCalibration, unigramNullGamma } from './calibration';
import { unigramMaskFromSeed } from './green-mask';
import { scoreUnigram } from './score';

describe('Unigram calibration', async () => {
  const tokenizer = await loadTokenizer('gpt2');
  const calibration = unigramCalibration(await loadReferenceSample(), tokenizer, []);
  const mask = unigramMaskFromSeed(1234, 0.5, 50257);

  it('excludes the most frequent human tokens and keeps ordinary words', () => {
    for (const t of [' the', ',', '.', ' of', ' and']) expect(calibration.isExcluded(tokenizer.encode(t).ids[0]), t).toBe(true);
    for (const t of [' harbour', ' Congress', ' velocity']) expect(calibration.isExcluded(tokenizer.encode(t).ids[0]), t).toBe(false);
    expect(calibration.numExcludedUnits).toBeLessThan(200);
  });

  it('counts each distinct, non-excluded token once, at positions in the ids', () => {
    const ids = tokenizer.encode('The harbour, the harbour and the velocity of the harbour.').ids;
    const score = scoreUnigram(mask, 0.5, ids);
    const cal = calibrateUnigram(calibration, mask, score);
    const kept = [...new Set(ids)].filter((id) => !calibration.isExcluded(id));
    expect(cal.numUnits).toBe(kept.length);
    expect(Array.from(cal.position).map((p) => ids[p])).toEqual(kept);
    expect(cal.numGreenUnits).toBe(kept.filter((id) => (mask.bits[id >>> 3] >>> (id & 7)) & 1).length);
  });

  it('starts from the mask share int(f·V)/V and raises it more for fewer units', () => {
    const small = unigramMaskFromSeed(1, 0.5, 7);
    expect(unigramNullGamma(small)).toBe(3 / 7);
    const model = calibration.nullModel(unigramNullGamma(mask));
    expect(model.gamma).toBe(25128 / 50257);
    const at = (n: number) => calibrateUnigram(calibration, mask, scoreUnigram(mask, 0.5, Array.from({ length: n }, (_, i) => 1000 + i))).nullGreenRate;
    expect(at(10)).toBeGreaterThan(at(200));
    expect(at(200)).toBeGreaterThan(model.gamma);
  });
});
