// The calibrated null for Unigram keys. A Unigram key fixes ONE green list for every position, so a
// token's colour is the same in every text: frequent human tokens ("the", ",", " of"…) carry colours the
// key fixed, and every human text that uses them is pushed the same way. Counting each distinct token
// once (the independent units: a repeat repeats a fixed colour, not fresh evidence) removes the
// within-text dependence; the across-text bias is the KGW one with units = token ids, so the KGW
// machinery applies unchanged (calibration/fit.ts, shared-units.ts): the null green rate is raised by
// `safety` standard deviations of the per-key shift that the reference sample's token identities imply,
// per held-out genre. Identities only: the fit depends on the tokenizer and normalizers, not on the key.
//
// Unlike KGW (where exclusion was measured to cost power), Unigram gains from excluding the very
// frequent tokens: a handful of them ("the", ",", "."…) are in almost every text, carry the largest share
// of the fixed-key bias, and being in every text they carry little watermark evidence (the model
// emits them with or without the bias). Dropping tokens found in ≥ 100 of the sample's ~900 chunks of
// 100 tokens shrinks the allowance enough that the calibrated test is as powerful as the reference's
// (over-alarming) unidetect z-test. Measured with eval/unigram-false-alarms.ts and eval/unigram-power.ts
// (see eval/unigram-notes.md).
//
// The null green rate starts from the mask's actual share int(f·V)/V (the reference's z uses f; the
// two differ for small V, e.g. 3/7 for f = ½, V = 7).
import { Calibration } from '../calibration/calibration';
import { type CalibrationOptions, type SampleUnits, fitCalibration } from '../calibration/fit';
import { DEFAULT_CALIBRATION_OPTIONS, type ReferenceSample, referenceSampleId, tokenizeSample } from '../calibration/reference-sample';
import type { Tokenizer } from '../tokenize/types';
import type { UnigramGreenMask } from './green-mask';
import type { UnigramScore } from './score';

/** Chosen by measurement (eval/unigram-notes.md): exclude tokens in ≥ 100 sample chunks, 2 sd allowance. */
export const UNIGRAM_CALIBRATION_OPTIONS: Readonly<CalibrationOptions> = Object.freeze({
  ...DEFAULT_CALIBRATION_OPTIONS,
  minChunks: 100,
  safety: 2,
});

/** The share of the vocabulary the mask makes green: the rate under a random key. */
export function unigramNullGamma(mask: UnigramGreenMask): number {
  return mask.greenCount / mask.vocabSize;
}

/**
 * Token ids of the sample's documents, by genre: the units of a Unigram key are the token ids. The
 * tokenized sample is the one KGW keys' calibrations use (memoised per tokenizer and normalizers).
 */
export function unigramSampleUnits(sample: ReferenceSample, tokenizer: Tokenizer, normalizers: readonly string[]): SampleUnits[] {
  return tokenizeSample(sample, tokenizer, normalizers).map((d) => ({ genre: d.genre, units: Float64Array.from(d.ids) }));
}

const fits = new Map<string, Calibration>();

/** Fitted once per (sample, tokenizer, normalizers, options) and process. */
export function unigramCalibration(
  sample: ReferenceSample,
  tokenizer: Tokenizer,
  normalizers: readonly string[],
  options: CalibrationOptions = UNIGRAM_CALIBRATION_OPTIONS,
): Calibration {
  const sampleId = referenceSampleId(sample);
  const id = [sampleId, tokenizer.name, normalizers.join(','), JSON.stringify(options)].join('|');
  let fit = fits.get(id);
  if (fit === undefined) {
    fit = new Calibration(fitCalibration(unigramSampleUnits(sample, tokenizer, normalizers), 0, options, sampleId));
    fits.set(id, fit);
  }
  return fit;
}

export interface UnigramCalibrated {
  numUnits: number;
  numGreenUnits: number;
  /** Colour of each counted unit (distinct token) in text order, and its index into the ids. */
  green: Uint8Array;
  position: Int32Array;
  nullGreenRate: number;
  /** P(X ≥ numGreenUnits), X ~ Binomial(numUnits, nullGreenRate(numUnits)). */
  pValue: number;
}

export function calibrateUnigram(calibration: Calibration, mask: UnigramGreenMask, score: UnigramScore): UnigramCalibrated {
  const { units } = score;
  return calibration.scoreUnits(units.id, units.green, units.position, unigramNullGamma(mask));
}
