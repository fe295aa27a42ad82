// The bundled human reference sample (data/reference-sample/sample.json: public-domain speeches, C API
// docs and TypeScript docs) and the per-key calibration fitted on it, memoised: a key's fit depends
// only on how units are identified (seeding scheme and salt, tokenizer, normalizers), never on γ or V,
// so keys that differ only in those share one fit, and refits happen once per process.
import type { KgwKeySpec as KeySpec } from '../keyset/types';
import { applyNormalizers } from '../normalize/index';
import type { Seeder } from '../seeding/seeder';
import type { Tokenizer } from '../tokenize/types';
import { Calibration, parseCalibrationJson } from './calibration';
import { type CalibrationOptions, type SampleUnits, fitCalibration } from './fit';
import { firstScoredPosition, positionUnitIds } from './unit-ids';

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
 * The settings chosen by measurement (eval/calibration-notes.md): no exclusion, the held-out-genre
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

const tokenized = new Map<string, Array<{ genre: string; ids: Int32Array }>>();

function tokenizeSample(sample: ReferenceSample, tokenizer: Tokenizer, normalizers: readonly string[]): Array<{ genre: string; ids: Int32Array }> {
  const id = `${tokenizer.encoding}|${normalizers.join(',')}`;
  let docs = tokenized.get(id);
  if (docs === undefined) {
    docs = sample.documents.map((d) => ({ genre: d.genre, ids: tokenizer.encode(applyNormalizers(d.text, normalizers).text).ids }));
    tokenized.set(id, docs);
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
    spec.tokenizer.encoding,
    spec.detection.normalizers.join(','),
  ].join('|');
}

const fits = new Map<string, Calibration>();

/**
 * The key's calibration, fitted on the bundled sample on first use and memoised for the process.
 * `stored` is a calibration persisted earlier (Calibration.toJSON) for this key: it is used instead of
 * refitting when it parses and was fitted on this very sample with these options; anything else is
 * ignored and the fit is redone.
 */
export async function calibrationFor(
  spec: KeySpec,
  seeder: Seeder,
  tokenizer: Tokenizer,
  stored?: unknown,
  options: CalibrationOptions = DEFAULT_CALIBRATION_OPTIONS,
): Promise<Calibration> {
  const sample = await loadReferenceSample();
  const id = `${calibrationKeyOf(spec)}|${optionsId(options)}`;
  let calibration = fits.get(id);
  if (calibration === undefined) {
    calibration = restore(stored, referenceSampleId(sample), options) ?? fitOnSample(sample, seeder, tokenizer, spec.detection.normalizers, options);
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
  options: CalibrationOptions = DEFAULT_CALIBRATION_OPTIONS,
): Calibration {
  const documents: SampleUnits[] = tokenizeSample(sample, tokenizer, normalizers).map((d) => ({
    genre: d.genre,
    units: positionUnitIds(seeder, d.ids),
  }));
  return new Calibration(fitCalibration(documents, firstScoredPosition(seeder), options, referenceSampleId(sample)));
}
