import { describe, expect, it } from 'vitest';
import { scoringKeyFor } from '../detector/scoring-key-for';
import { parseKeySetDocument } from '../keyset/parse';
import { loadTokenizer } from '../tokenize/tokenizer';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Calibration } from './calibration';
import { DEFAULT_CALIBRATION_OPTIONS, SELF_SALTED_CALIBRATION_OPTIONS, calibrationFor, calibrationOptionsFor, calibrationKeyOf, loadReferenceSample, referenceSampleId } from './reference-sample';
import { kgwKeyOf } from '../keyset/kgw-key';

const bundled = parseKeySetDocument(readFileSync(resolve(__dirname, '../../public/keysets/reference-defaults.json')));

describe('the bundled reference sample', () => {
  it('holds three genres of public-domain text, within the size budget', async () => {
    const sample = await loadReferenceSample();
    const genres = new Set(sample.documents.map((d) => d.genre));
    expect([...genres].sort()).toEqual(['c-docs', 'speech', 'ts-docs']);
    const chars = sample.documents.reduce((n, d) => n + d.text.length, 0);
    expect(chars).toBeGreaterThan(300_000);
    expect(chars).toBeLessThan(400_000);
    expect(referenceSampleId(sample)).toMatch(/^v1-\d+-[0-9a-f]{8}$/);
  });
});

describe('calibrationFor', () => {
  it.each(['lmw-lefthash', 'lmw-selfhash'])('%s: fits a positive allowance, memoised per unit identity', async (kid) => {
    const spec = kgwKeyOf(bundled.keys.find((k) => k.kid === kid)!);
    const key = scoringKeyFor(spec);
    const tokenizer = await loadTokenizer('gpt2');
    const a = await calibrationFor(spec, key.seeder, tokenizer);
    expect(await calibrationFor(spec, key.seeder, tokenizer)).toBe(a);
    // γ and V do not change unit identities, so they share the fit.
    expect(await calibrationFor({ ...spec, gamma: 0.5, vocabSize: 50000 }, key.seeder, tokenizer)).toBe(a);
    expect(a.fit.options).toEqual(calibrationOptionsFor(key.seeder));
    // Self-salted keys drop the sample's most frequent units (their colours are fixed per token); left-hash keys keep all.
    if (key.seeder.selfSalt) {
      expect(a.fit.options.minChunks).toBe(SELF_SALTED_CALIBRATION_OPTIONS.minChunks);
      expect(a.numExcludedUnits).toBeGreaterThan(0);
    } else {
      expect(a.fit.options).toEqual(DEFAULT_CALIBRATION_OPTIONS);
      expect(a.numExcludedUnits).toBe(0);
    }
    const { units, share } = a.fit.curve;
    expect(units.length).toBe(DEFAULT_CALIBRATION_OPTIONS.shareWindows.length);
    // Shared units thin out as windows grow, but never vanish in real text.
    for (let i = 1; i < share.length; i++) expect(share[i]).toBeLessThan(share[i - 1]);
    expect(share[share.length - 1]).toBeGreaterThan(0.005);
    expect(share[0]).toBeLessThan(0.1);
  });

  it('uses a stored calibration fitted on this sample, and refits when it is not', async () => {
    const spec = { ...kgwKeyOf(bundled.keys[0]), hashKey: 1234567n };
    const key = scoringKeyFor(spec);
    const tokenizer = await loadTokenizer('gpt2');
    const sample = await loadReferenceSample();
    const stored = new Calibration({
      format: 'wmlens-calibration',
      version: 1,
      options: { ...DEFAULT_CALIBRATION_OPTIONS, shareWindows: [...DEFAULT_CALIBRATION_OPTIONS.shareWindows] },
      sample: { id: referenceSampleId(sample), documents: 1, tokens: 1, genres: ['x', 'y'] },
      excludedUnits: new Float64Array(0),
      curve: { units: [10], share: [0.0123] },
    }).toJSON();
    const restored = await calibrationFor(spec, key.seeder, tokenizer, stored);
    expect(restored.fit.curve.share).toEqual([0.0123]);

    const other = { ...kgwKeyOf(bundled.keys[0]), hashKey: 7654321n };
    const stale = { ...stored, sample: { ...stored.sample, id: 'another-sample' } };
    const refitted = await calibrationFor(other, scoringKeyFor(other).seeder, tokenizer, stale);
    expect(refitted.fit.sample.id).toBe(referenceSampleId(sample));
    expect(refitted.fit.curve.units.length).toBeGreaterThan(1);
    expect(calibrationKeyOf(other)).not.toBe(calibrationKeyOf(spec));
  });
});
