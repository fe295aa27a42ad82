import { describe, expect, it } from 'vitest';
import { shippedAllowanceKeys, shippedFitKeys } from '../../scripts/make-shipped-fits';
import { ngramAllowanceFor, ngramAllowanceKeyOf, ngramShareCurve } from '../synthid/ngram-allowance';
import { scoringKeyFor } from '../detector/scoring-key-for';
import { loadTokenizer } from '../tokenize/tokenizer';
import { tokenizerFor } from '../detector/tokenizer-for';
import { calibrationFor, calibrationKeyOf, fitOnSample, loadReferenceSample, referenceSampleId } from './reference-sample';
import { loadShippedFits } from './shipped-fits';

describe('shipped calibration fits (data/reference-sample/fits.json)', () => {
  it('are used by calibrationFor without fitting: no tokenizer is loaded for a shipped key', async () => {
    const shipped = await loadShippedFits();
    for (const spec of shippedFitKeys()) {
      const noTokenizer = () => Promise.reject(new Error(`${calibrationKeyOf(spec)}: a shipped fit needs no tokenizer`));
      const calibration = await calibrationFor(spec, scoringKeyFor(spec).seeder, noTokenizer);
      expect(calibration.toJSON()).toEqual(shipped.fits[calibrationKeyOf(spec)]);
    }
  });

  it('were made on the bundled sample and equal a refit, for exactly the bundled keys (with and without normalizers)', async () => {
    const shipped = await loadShippedFits();
    const sample = await loadReferenceSample();
    expect(shipped.sampleId).toBe(referenceSampleId(sample));
    const specs = shippedFitKeys();
    expect(Object.keys(shipped.fits).sort()).toEqual(specs.map(calibrationKeyOf).sort());
    expect(specs.some((s) => s.detection.normalizers.length === 0)).toBe(true);
    for (const spec of specs) {
      const refit = fitOnSample(sample, scoringKeyFor(spec).seeder, await tokenizerFor(spec.tokenizer, spec.kid, undefined), spec.detection.normalizers);
      // Exact: JSON keeps every double, so a shipped fit gives the very p-values a refit would.
      expect(shipped.fits[calibrationKeyOf(spec)]).toEqual(refit.toJSON());
    }
  }, 60_000);

  it('hold the n-gram allowance of every bundled SynthID key with an exact tail, equal to a refit and used without fitting', async () => {
    const shipped = await loadShippedFits();
    const sample = await loadReferenceSample();
    const specs = shippedAllowanceKeys();
    expect(specs.map((s) => s.kid)).toEqual(['synthid-hf-docs']);
    expect(Object.keys(shipped.ngramAllowances).sort()).toEqual(specs.map(ngramAllowanceKeyOf).sort());
    for (const spec of specs) {
      const tokenizer = await tokenizerFor(spec.tokenizer, spec.kid, undefined);
      const curve = ngramShareCurve(sample, tokenizer, spec.detection.normalizers, spec.ngramLen, spec.samplingTableSize!);
      expect(shipped.ngramAllowances[ngramAllowanceKeyOf(spec)]).toEqual({ format: 'wmlens-ngram-allowance', version: 1, sampleId: shipped.sampleId, curve });
      // Nothing stored (a first compile): the shipped curve, and no tokenizer asked for.
      const noTokenizer = () => Promise.reject(new Error('a shipped allowance needs no tokenizer'));
      expect((await ngramAllowanceFor(spec, noTokenizer)).curve).toEqual(curve);
    }
  }, 60_000);

  it('a key outside the shipped set is fitted on the sample (its tokenizer is loaded then)', async () => {
    const spec = { ...shippedFitKeys()[0], hashKey: 987654321n };
    let loads = 0;
    const calibration = await calibrationFor(spec, scoringKeyFor(spec).seeder, () => {
      loads++;
      return loadTokenizer('gpt2');
    });
    expect(loads).toBe(1);
    expect(calibration.fit.sample.id).toBe((await loadShippedFits()).sampleId);
  }, 60_000);
});
