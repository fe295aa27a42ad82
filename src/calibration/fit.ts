// Fitting a key's calibration on the human reference sample, from unit identities only (no green
// lists, so it takes a fraction of a second):
//  1. Allowance: how far a fixed key can shift the green rate of some kind of human text. Each genre of
//     the sample is held out in turn and its shared-unit statistic measured by window size
//     (shared-units.ts: the per-key shift's standard deviation over keys, read off identities); the
//     null green rate is raised by `safety` of those standard deviations (null-model.ts).
//  2. Exclusion (optional, off by default): units (seed, target) found in at least `minChunks` chunks
//     of `chunkTokens` tokens of the sample are dropped from every text, so their key-fixed colours
//     stop counting; the held-out genre is then measured against an exclusion list fitted on the
//     other genres, as an unseen genre would be. Measured to cost far more power than the allowance
//     (eval/calibration-notes.md): frequent units are where much of the watermark's evidence is.
import type { ShareCurve } from './null-model';
import { sharedUnits } from './shared-units';
import { frequentUnits, unitChunkFrequency } from './unit-frequency';

export interface CalibrationOptions {
  /** Chunk size for counting how many human "texts" a unit occurs in. */
  chunkTokens: number;
  /** A unit in at least this many chunks is excluded (Infinity: exclude nothing; stored as null in JSON). */
  minChunks: number;
  /** Window sizes (tokens) at which the held-out-genre residual is measured. */
  shareWindows: number[];
  /** How the held-out genres' residuals are combined at each size. */
  combine: 'mean' | 'max';
  /** Allowance in standard deviations of the residual per-key shift (0: none). */
  safety: number;
}

/** One document of the reference sample, tokenized, with its unit id per position (positionUnitIds). */
export interface SampleUnits {
  genre: string;
  units: Float64Array;
}

export interface CalibrationFit {
  format: 'wmlens-calibration';
  version: 1;
  options: CalibrationOptions;
  /** What it was fitted on: the sample's id and size. */
  sample: { id: string; documents: number; tokens: number; genres: string[] };
  /** Unit ids excluded from every text, ascending. */
  excludedUnits: Float64Array;
  /** share(n) for the null's allowance (before `safety` and √(γ(1 − γ))). */
  curve: ShareCurve;
}

function concat(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/**
 * Fits the calibration of one seeding scheme (+ tokenizer) on sample documents already turned into
 * unit ids. `contextWidth` is the number of leading positions a window cannot score (firstScoredPosition).
 */
export function fitCalibration(
  documents: readonly SampleUnits[],
  contextWidth: number,
  options: CalibrationOptions,
  sampleId: string,
): CalibrationFit {
  const genres = [...new Set(documents.map((d) => d.genre))].sort();
  if (genres.length < 2) throw new RangeError('fitCalibration: the reference sample needs at least two genres (one is held out at a time)');
  const exclude = Number.isFinite(options.minChunks);
  const byGenre = new Map(genres.map((g) => [g, documents.filter((d) => d.genre === g).map((d) => d.units)]));
  // Counting is only needed when excluding (off by default: it was measured to cost power).
  const frequency = new Map(genres.map((g) => [g, exclude ? unitChunkFrequency(byGenre.get(g)!, options.chunkTokens) : new Map<number, number>()]));
  const excludedUnits = exclude ? frequentUnits([...frequency.values()], options.minChunks) : new Float64Array(0);

  // Residual of each genre when the exclusion list has not seen it.
  const perSize = options.shareWindows.map(() => ({ shares: [] as number[], units: [] as number[] }));
  for (const held of genres) {
    const others = exclude ? new Set(frequentUnits(genres.filter((g) => g !== held).map((g) => frequency.get(g)!), options.minChunks)) : null;
    const stream = concat(byGenre.get(held)!);
    options.shareWindows.forEach((size, i) => {
      const s = sharedUnits(stream, size, contextWidth, others);
      if (s !== null && s.meanUnits > 0) {
        perSize[i].shares.push(s.share);
        perSize[i].units.push(s.meanUnits);
      }
    });
  }
  const curve: ShareCurve = { units: [], share: [] };
  for (const { shares, units } of perSize) {
    if (shares.length === 0) continue;
    const n = units.reduce((a, b) => a + b, 0) / units.length;
    const share = options.combine === 'max' ? Math.max(...shares) : shares.reduce((a, b) => a + b, 0) / shares.length;
    // Knots must rise in n; a window size that adds no units adds no knot.
    if (curve.units.length > 0 && n <= curve.units[curve.units.length - 1]) continue;
    curve.units.push(n);
    curve.share.push(share);
  }
  return {
    format: 'wmlens-calibration',
    version: 1,
    options: { ...options, shareWindows: [...options.shareWindows] },
    sample: {
      id: sampleId,
      documents: documents.length,
      tokens: documents.reduce((n, d) => n + d.units.length, 0),
      genres,
    },
    excludedUnits,
    curve,
  };
}
