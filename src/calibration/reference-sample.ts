// The bundled human reference sample (data/reference-sample/sample.json: public-domain speeches, C API
// docs and TypeScript docs) and the per-key calibration fitted on it, memoised: a key's fit depends
// only on how units are identified (seeding scheme and salt, tokenizer, normalizers), never on γ or V,
// so keys that differ only in those share one fit, and refits happen once per process.
import { tokenizerIdOf } from '../keyset/tokenizer-spec';
import type { KgwKeySpec as KeySpec } from '../keyset/types';
import { applyNormalizers } from '../normalize/index';
import type { Seeder } from '../seeding/seeder';
import type { Tokenizer } from '../tokenize/types';
import { Calibration, parseCalibrationJson } from './calibration';
import { type CalibrationOptions, type SampleUnits, fitCalibration } from './fit';
import { positionUnitIds } from './unit-ids';
import { firstScoredPosition } from '../seeding/seeder';
import { loadShippedFits } from './shipped-fits';

export interface ReferenceSampleDocument {
  genre: string;
  source: string;
  text: string;
}

export interface ReferenceSample {
  format: 'wmlens-reference-sample';
  version: number;
  documents: ReferenceSampleDocument[];
}

/**
 * The settings chosen by measurement (eval/calibration-notes.md): no exclusion (but see
 * SELF_SALTED_CALIBRATION_OPTIONS), the held-out-genre
 * shared-unit statistic measured at 16–256 tokens and averaged over the sample's genres, and the null
 * rate raised by 2.5 standard deviations of the per-key shift it implies.
 */
export const DEFAULT_CALIBRATION_OPTIONS: Readonly<CalibrationOptions> = Object.freeze({
  chunkTokens: 100,
  minChunks: Infinity,
  shareWindows: Object.freeze([16, 32, 64, 128, 256]) as unknown as number[],
  combine: 'mean',
  safety: 2.5,
});

/**
 * Self-salted seeders (lm-watermarking selfhash): the units in ≥ 100 of the sample's 100-token chunks are
 * dropped from every text, and the allowance is fitted on what is left (each genre held out against the
 * exclusion list of the others, as fit.ts does). With self-salting, a frequent token that is its window's
 * anchor is one unit with a per-token colour the key fixes (as with Unigram, which excludes the same
 * way): its colour is known, so it is not a random trial under the null, and leaving it out shrinks the
 * allowance more than it costs evidence. Chosen on the development corpora and the SOTU-trained stand-in
 * (eval/calibration-notes.md §12): selfhash power at 200 tokens +2 to +6 points for the three measured
 * hash keys, no cell above α; left-hash units are bigrams whose frequent ones carry evidence, and the same
 * exclusion costs lefthash 3 points (SOTU-trained) and 11 (Brown-trained), so lefthash keeps none.
 */
export const SELF_SALTED_CALIBRATION_OPTIONS: Readonly<CalibrationOptions> = Object.freeze({
  ...DEFAULT_CALIBRATION_OPTIONS,
  minChunks: 100,
});

/** The calibration settings for a key's seeding: see SELF_SALTED_CALIBRATION_OPTIONS. */
export function calibrationOptionsFor(seeder: Seeder): Readonly<CalibrationOptions> {
  return seeder.selfSalt ? SELF_SALTED_CALIBRATION_OPTIONS : DEFAULT_CALIBRATION_OPTIONS;
}

let samplePromise: Promise<ReferenceSample> | undefined;

/** Loads the bundled sample (a separate chunk in the extension build; fetched on first use). */
export function loadReferenceSample(): Promise<ReferenceSample> {
  if (samplePromise === undefined) {
    samplePromise = import('../../data/reference-sample/sample.json').then((m) => (m.default ?? m) as ReferenceSample);
    // A failed load must not poison later attempts.
    samplePromise.catch(() => {
      samplePromise = undefined;
    });
  }
  return samplePromise;
}

/** Identifies the sample's content, so a persisted fit can tell it was made on another sample. */
export function referenceSampleId(sample: ReferenceSample): string {
  let h = 0x811c9dc5;
  for (const d of sample.documents) {
    for (let i = 0; i < d.text.length; i++) h = Math.imul(h ^ d.text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return `v${sample.version}-${sample.documents.length}-${h.toString(16).padStart(8, '0')}`;
}

type TokenizedSample = Array<{ genre: string; ids: Int32Array }>;

// Per tokenizer instance (one per encoding or tokenizer file, see detector/tokenizer-for.ts), then per
// sample object and normalizers.
const tokenized = new WeakMap<Tokenizer, WeakMap<ReferenceSample, Map<string, TokenizedSample>>>();

export function tokenizeSample(sample: ReferenceSample, tokenizer: Tokenizer, normalizers: readonly string[]): TokenizedSample {
  let bySample = tokenized.get(tokenizer);
  if (bySample === undefined) {
    bySample = new WeakMap();
    tokenized.set(tokenizer, bySample);
  }
  let byTokenizer = bySample.get(sample);
  if (byTokenizer === undefined) {
    byTokenizer = new Map();
    bySample.set(sample, byTokenizer);
  }
  const id = normalizers.join(',');
  let docs = byTokenizer.get(id);
  if (docs === undefined) {
    docs = sample.documents.map((d) => ({ genre: d.genre, ids: tokenizer.encode(applyNormalizers(d.text, normalizers).text).ids }));
    byTokenizer.set(id, docs);
  }
  return docs;
}

/** What a key's unit identities depend on (and hence its fit). */
export function calibrationKeyOf(spec: KeySpec): string {
  return [
    spec.implementation,
    spec.seeding,
    spec.contextWidth,
    spec.hashKey.toString(),
    tokenizerIdOf(spec.tokenizer),
    spec.detection.normalizers.join(','),
  ].join('|');
}

const fits = new Map<string, Calibration>();

/**
 * The key's calibration, memoised for the process. In order of preference: `stored`, a calibration
 * persisted earlier for this key (Calibration.toJSON, e.g. by the extension when a key set is added);
 * the shipped fit for the key's unit identities (shipped-fits.ts); a fit on the bundled sample, made
 * now. A stored or shipped fit is used only when it parses, was fitted on this very sample (its id,
 * recorded in the shipped file and checked against the sample by the tests) with these options;
 * anything else is ignored and the fit is redone. `tokenizer` may be a loader: it is only needed to
 * fit, so a key with a stored or shipped fit never loads one for this.
 */
export async function calibrationFor(
  spec: KeySpec,
  seeder: Seeder,
  tokenizer: Tokenizer | (() => Promise<Tokenizer>),
  stored?: unknown,
  options: CalibrationOptions = calibrationOptionsFor(seeder),
): Promise<Calibration> {
  const key = calibrationKeyOf(spec);
  const id = `${key}|${optionsId(options)}`;
  let calibration = fits.get(id);
  if (calibration === undefined) {
    const shipped = await loadShippedFits();
    calibration =
      restore(stored, shipped.sampleId, options) ??
      restore(shipped.fits[key], shipped.sampleId, options) ??
      fitOnSample(await loadReferenceSample(), seeder, typeof tokenizer === 'function' ? await tokenizer() : tokenizer, spec.detection.normalizers, options);
    fits.set(id, calibration);
  }
  return calibration;
}

function restore(stored: unknown, sampleId: string, options: CalibrationOptions): Calibration | null {
  if (stored === undefined || stored === null) return null;
  try {
    const fit = parseCalibrationJson(stored);
    return fit.sample.id === sampleId && optionsId(fit.options) === optionsId(options) ? new Calibration(fit) : null;
  } catch {
    return null;
  }
}

function optionsId(o: CalibrationOptions): string {
  return [o.chunkTokens, o.minChunks, o.shareWindows.join(','), o.combine, o.safety].join('|');
}

/** Fits on any sample (the evaluation uses this to try other samples and settings). */
export function fitOnSample(
  sample: ReferenceSample,
  seeder: Seeder,
  tokenizer: Tokenizer,
  normalizers: readonly string[],
  options: CalibrationOptions = calibrationOptionsFor(seeder),
): Calibration {
  const documents: SampleUnits[] = tokenizeSample(sample, tokenizer, normalizers).map((d) => ({
    genre: d.genre,
    units: positionUnitIds(seeder, d.ids),
  }));
  return new Calibration(fitCalibration(documents, firstScoredPosition(seeder), options, referenceSampleId(sample)));
}
