// The small evaluation that runs with every `npm test` (fixed corpora slices and seeds, no disk cache):
//  - calibration: on a few thousand windows of real human text from the devDependency corpora, the
//    calibrated pValue flags no more than α (1e-2, 1e-3) beyond sampling error, for both bundled keys
//    and one other key — while the reference's own normal p-value, on the same windows, flags far more;
//  - power: 200-token watermarked texts (δ = 2, γ = 0.25, lefthash, stand-in n-gram model) are flagged
//    at α = 1e-4 by detect() in at least 90% of cases.
// The full tables (more text, held-out corpora, all bins) come from `npx tsx eval/false-alarms.ts`.
import { describe, expect, it } from 'vitest';
import { compileKeySet, detect } from '../src/detect';
import { binomialSf } from '../src/stats/binomial-tail';
import { type Corpus, loadBrown, loadJsCode, loadSotu, loadSpamAssassinHam } from './lib/corpora';
import { measureFalseAlarms } from './lib/false-alarms';
import { bundledKeySetBytes, evalKey } from './lib/keys';
import type { LoadedCorpus } from './lib/pipeline';
import { isCalibrationSampleAddress } from './lib/pipeline';
import { watermarkedTexts } from './lib/watermarked';

// ≈ 30k GPT-2 tokens per corpus: 4 corpora × (≈ 940 windows of 32 + 235 of 128 + 75 of 400) ≈ 5 000
// windows per key, every distinct unit's colour computed from scratch (the expensive part: ~5 s a key).
const CHARS = 120_000;
const LENGTHS = [32, 128, 400];
const ALPHAS = [1e-2, 1e-3];
// Also read at 0.1, to see that the calibrated p-value is a real p-value, not stuck near 1.
const LOOSE = 0.1;

function corpora(): LoadedCorpus[] {
  const dev: Corpus[] = [
    loadSotu({ maxChars: CHARS, exclude: isCalibrationSampleAddress }),
    loadSpamAssassinHam({ maxChars: CHARS }),
    loadBrown({ maxChars: CHARS }),
    loadJsCode({ maxChars: CHARS, skipPackages: ['type-fest'] }),
  ];
  return dev.map((c) => ({ ...c, heldOut: false }));
}

/** Not significantly above α: P(X ≥ alarms | windows, α) ≥ 0.001. */
function withinSamplingError(alarms: number, windows: number, alpha: number): boolean {
  return binomialSf(alarms, windows, alpha) >= 1e-3;
}

describe('calibrated pValue on human text (devDependency corpora)', () => {
  const human = corpora();
  const keys = [evalKey('lefthash', 15485863), evalKey('selfhash', 15485863), evalKey('lefthash', 7919)];

  it.each(keys.map((k) => [k.name, k] as const))(
    '%s: false-alarm rate ≤ α at 1e-2 and 1e-3 (per length and pooled)',
    async (_name, key) => {
      const cells = await measureFalseAlarms([key], human, { lengths: LENGTHS, alphas: [...ALPHAS, LOOSE], cache: false });
      const windows = cells.reduce((n, c) => n + c.windows, 0);
      expect(windows).toBeGreaterThan(4000);
      ALPHAS.forEach((alpha, i) => {
        for (const length of LENGTHS) {
          const at = cells.filter((c) => c.length === length);
          const n = at.reduce((s, c) => s + c.windows, 0);
          const alarms = at.reduce((s, c) => s + c.rates.calibrated[i].alarms, 0);
          expect(withinSamplingError(alarms, n, alpha), `${key.name}, ${length} tokens, α ${alpha}: ${alarms}/${n}`).toBe(true);
        }
        const alarms = cells.reduce((s, c) => s + c.rates.calibrated[i].alarms, 0);
        expect(withinSamplingError(alarms, windows, alpha), `${key.name}, pooled, α ${alpha}: ${alarms}/${windows}`).toBe(true);
      });
      // Valid at 0.1 too, and not trivially conservative there: it is a p-value, not a constant 1.
      const loose = cells.reduce((s, c) => s + c.rates.calibrated[ALPHAS.length].alarms, 0);
      expect(withinSamplingError(loose, windows, LOOSE)).toBe(true);
      expect(loose / windows).toBeGreaterThan(0.01);
      // The windows are hard enough to matter: for the default lefthash key, whose frequent bigrams' colours
      // bias every text, the reference's normal tail over its own counts flags far more than α.
      if (key.name === 'lefthash/15485863') {
        const reference = cells.reduce((s, c) => s + c.rates.referenceNormal[0].alarms, 0);
        expect(reference / windows).toBeGreaterThan(1.5e-2);
      }
    },
    120_000,
  );
});

describe('power of the calibrated pValue', () => {
  it('lefthash, δ = 2, γ = 0.25, 200 tokens: ≥ 90% of watermarked texts flagged at α = 1e-4', async () => {
    const keySet = await compileKeySet(bundledKeySetBytes());
    const lefthash = { ...keySet, keys: keySet.keys.filter((k) => k.spec.kid === 'lmw-lefthash') };
    const texts = await watermarkedTexts(lefthash.keys[0].spec, { delta: 2, length: 200, count: 30, firstSeed: 100, cache: false });
    const flagged = texts.filter((t) => detect(t.text, [lefthash], { alpha: 1e-4 })[0].verdict === 'watermarked').length;
    expect(flagged / texts.length).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
