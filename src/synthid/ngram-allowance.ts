// The fixed-key allowance for SynthID's exact block tail (exact-tail.ts). A key fixes the g-values of
// every n-gram, so n-grams that recur across human texts of one kind (boilerplate, code idioms) can
// shift that kind's per-unit statistic the same way in every text: measured on the held-out Vim docs,
// where the exact tail without an allowance went above α (eval/synthid-notes.md). The shift's spread
// over keys is the KGW one with units = n-grams (calibration/shared-units.ts), read off the bundled
// reference sample's unit identities (n-gram hash residues, units.ts), each genre held out in turn
// (calibration/fit.ts, the same options as KGW keys: 2.5 standard deviations, not retuned for SynthID).
// Identities only: the fit depends on the tokenizer, the normalizers, the n-gram length and the table
// size, never on the keys.
import { fitCalibration } from '../calibration/fit';
import type { ShareCurve } from '../calibration/null-model';
import { DEFAULT_CALIBRATION_OPTIONS, loadReferenceSample, type ReferenceSample, referenceSampleId, tokenizeSample } from '../calibration/reference-sample';
import { loadShippedFits } from '../calibration/shipped-fits';
import type { SynthIdKeySpec } from '../keyset/types';
import type { Tokenizer } from '../tokenize/types';
import { accumulateStep, floorModInt64, int64FromBigInt, out as out64 } from './int64';
import { ngramAllowanceKeyOf } from './ngram-allowance-key';
import { TABLE_VARIANT_IV } from './params';

export { ngramAllowanceKeyOf } from './ngram-allowance-key';

const IV = int64FromBigInt(TABLE_VARIANT_IV);

/** Standard deviations of the per-key shift the allowance covers (KGW's DEFAULT_CALIBRATION_OPTIONS). */
export const SYNTHID_ALLOWANCE_SAFETY = DEFAULT_CALIBRATION_OPTIONS.safety;

/**
 * The unit identity of the n-gram ending at each token (NaN before the first full n-gram), as the table
 * variant's units are (units.ts): the n-gram's hash (accumulate_hash from the variant's constant iv)
 * modulo the table size, as computePositions hashes it. Key-independent: the layer keys enter only after.
 */
export function ngramIdentities(ids: ArrayLike<number>, ngramLen: number, tableSize: number): Float64Array {
  const out = new Float64Array(ids.length).fill(NaN);
  for (let t = ngramLen - 1; t < ids.length; t++) {
    let hi = IV.hi;
    let lo = IV.lo;
    for (let j = t - ngramLen + 1; j <= t; j++) {
      accumulateStep(hi, lo, 0, ids[j]);
      hi = out64.hi;
      lo = out64.lo;
    }
    out[t] = floorModInt64(hi, lo, tableSize);
  }
  return out;
}

const curves = new Map<string, ShareCurve>();

/**
 * share(U) of the shift (before `safety` and the unit's standard deviation); memoised per process.
 * Residues are few (a table of S entries): even text whose n-grams never recur shares residues between
 * windows, ≈ n̄²/S of Σπ², and that part is no shift (the law is the key's own average over every
 * residue). The shift's variance over keys is σ²·Σ(π_r − π̄)², so the curve is centred:
 * share_c = √(share² − 1/S).
 */
export function ngramShareCurve(sample: ReferenceSample, tokenizer: Tokenizer, normalizers: readonly string[], ngramLen: number, tableSize: number): ShareCurve {
  const sampleId = referenceSampleId(sample);
  const id = [sampleId, tokenizer.name, normalizers.join(','), ngramLen, tableSize].join('|');
  let curve = curves.get(id);
  if (curve === undefined) {
    const documents = tokenizeSample(sample, tokenizer, normalizers).map((d) => ({ genre: d.genre, units: ngramIdentities(d.ids, ngramLen, tableSize) }));
    const raw = fitCalibration(documents, ngramLen - 1, DEFAULT_CALIBRATION_OPTIONS, sampleId).curve;
    curve = { units: raw.units, share: raw.share.map((x) => Math.sqrt(Math.max(0, x * x - 1 / tableSize))) };
    curves.set(id, curve);
  }
  return curve;
}

/** A fitted curve as stored between runs (the extension keeps it with the KGW fits). */
export interface StoredNgramAllowance {
  format: 'wmlens-ngram-allowance';
  version: 1;
  /** referenceSampleId() of the sample it was fitted on. */
  sampleId: string;
  curve: ShareCurve;
}


function tableSizeOf(spec: SynthIdKeySpec): number {
  if (spec.samplingTableSize === null || spec.samplingTableSize === undefined) throw new RangeError('the n-gram allowance is for the table variant');
  return spec.samplingTableSize;
}

const byKey = new Map<string, StoredNgramAllowance>();

/**
 * The key's allowance, memoised per process: `stored` when it was fitted on the bundled sample (its id
 * is read from the small shipped-fits chunk, so the sample itself is not loaded), else the shipped one
 * (bundled key sets' keys), else a fit now.
 * `tokenizer` may be a loader: only a fit needs it.
 */
export async function ngramAllowanceFor(spec: SynthIdKeySpec, tokenizer: Tokenizer | (() => Promise<Tokenizer>), stored?: unknown): Promise<StoredNgramAllowance> {
  const key = ngramAllowanceKeyOf(spec);
  let allowance = byKey.get(key);
  if (allowance === undefined) {
    const shipped = await loadShippedFits();
    const { sampleId } = shipped;
    let fresh = restoreNgramAllowance(stored, sampleId) ?? restoreNgramAllowance(shipped.ngramAllowances[key], sampleId);
    if (fresh === null) {
      const sample = await loadReferenceSample();
      const fitWith = typeof tokenizer === 'function' ? await tokenizer() : tokenizer;
      const curve = ngramShareCurve(sample, fitWith, spec.detection.normalizers, spec.ngramLen, tableSizeOf(spec));
      fresh = { format: 'wmlens-ngram-allowance', version: 1, sampleId: referenceSampleId(sample), curve };
    }
    allowance = fresh;
    byKey.set(key, allowance);
  }
  return allowance;
}

/** A stored allowance, if it is well formed and was fitted on this sample; null otherwise (then refit). */
export function restoreNgramAllowance(stored: unknown, sampleId: string): StoredNgramAllowance | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const s = stored as Partial<StoredNgramAllowance>;
  if (s.format !== 'wmlens-ngram-allowance' || s.version !== 1 || s.sampleId !== sampleId) return null;
  const { units, share } = (s.curve ?? {}) as Partial<ShareCurve>;
  if (!Array.isArray(units) || !Array.isArray(share) || units.length === 0 || units.length !== share.length || units.length > 64) return null;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (!units.every((u, i) => finite(u) && u > 0 && (i === 0 || u > units[i - 1]))) return null;
  if (!share.every((x) => finite(x) && x >= 0 && x < 1)) return null;
  return { format: 'wmlens-ngram-allowance', version: 1, sampleId, curve: { units: [...units], share: [...share] } };
}
