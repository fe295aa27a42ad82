// The fixed-key allowance for SynthID's exact block tail (exact-tail.ts). A key fixes the g-values of
// every n-gram, so n-grams that recur across human texts of one kind (boilerplate, code idioms) can
// shift that kind's per-unit statistic the same way in every text: measured on the held-out Vim docs,
// where the exact tail without an allowance went above α (eval/synthid-notes.md). The shift's spread
// over keys is the KGW one with units = n-grams (calibration/shared-units.ts), read off the bundled
// reference sample's n-gram identities, each genre held out in turn (calibration/fit.ts, the same
// options as KGW keys: 2.5 standard deviations, not retuned for SynthID). Identities only: the fit
// depends on the tokenizer, the normalizers and the n-gram length, never on the keys.
import { fitCalibration } from '../calibration/fit';
import type { ShareCurve } from '../calibration/null-model';
import { DEFAULT_CALIBRATION_OPTIONS, loadReferenceSample, type ReferenceSample, referenceSampleId, tokenizeSample } from '../calibration/reference-sample';
import { loadShippedFits } from '../calibration/shipped-fits';
import { tokenizerIdOf } from '../keyset/tokenizer-spec';
import type { SynthIdKeySpec } from '../keyset/types';
import type { Tokenizer } from '../tokenize/types';

/** Standard deviations of the per-key shift the allowance covers (KGW's DEFAULT_CALIBRATION_OPTIONS). */
export const SYNTHID_ALLOWANCE_SAFETY = DEFAULT_CALIBRATION_OPTIONS.safety;

/**
 * The identity of the n-gram ending at each token (NaN before the first full n-gram): two 32-bit
 * FNV-style hashes folded into 53 bits. A collision only merges two units' counts in the fit.
 */
export function ngramIdentities(ids: ArrayLike<number>, ngramLen: number): Float64Array {
  const out = new Float64Array(ids.length).fill(NaN);
  for (let t = ngramLen - 1; t < ids.length; t++) {
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    for (let j = t - ngramLen + 1; j <= t; j++) {
      a = Math.imul(a ^ ids[j], 0x01000193) >>> 0;
      b = Math.imul(b ^ ((ids[j] * 31 + 7) >>> 0), 0x5bd1e995) >>> 0;
      b ^= b >>> 13;
    }
    out[t] = (b & 0x1fffff) * 4294967296 + a;
  }
  return out;
}

const curves = new Map<string, ShareCurve>();

/** share(U) of the shift (before `safety` and the unit's standard deviation); memoised per process. */
export function ngramShareCurve(sample: ReferenceSample, tokenizer: Tokenizer, normalizers: readonly string[], ngramLen: number): ShareCurve {
  const sampleId = referenceSampleId(sample);
  const id = [sampleId, tokenizer.name, normalizers.join(','), ngramLen].join('|');
  let curve = curves.get(id);
  if (curve === undefined) {
    const documents = tokenizeSample(sample, tokenizer, normalizers).map((d) => ({ genre: d.genre, units: ngramIdentities(d.ids, ngramLen) }));
    curve = fitCalibration(documents, ngramLen - 1, DEFAULT_CALIBRATION_OPTIONS, sampleId).curve;
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

/** What a key's n-gram identities depend on, and so its allowance: the storage key. */
export function ngramAllowanceKeyOf(spec: SynthIdKeySpec): string {
  return ['synthid-ngram', spec.ngramLen, tokenizerIdOf(spec.tokenizer), spec.detection.normalizers.join(',')].join('|');
}

const byKey = new Map<string, StoredNgramAllowance>();

/**
 * The key's allowance, memoised per process: `stored` when it was fitted on the bundled sample (its id
 * is read from the small shipped-fits chunk, so the sample itself is not loaded), else a fit now.
 * `tokenizer` may be a loader: only a fit needs it.
 */
export async function ngramAllowanceFor(spec: SynthIdKeySpec, tokenizer: Tokenizer | (() => Promise<Tokenizer>), stored?: unknown): Promise<StoredNgramAllowance> {
  const key = ngramAllowanceKeyOf(spec);
  let allowance = byKey.get(key);
  if (allowance === undefined) {
    const { sampleId } = await loadShippedFits();
    let fresh = restoreNgramAllowance(stored, sampleId);
    if (fresh === null) {
      const sample = await loadReferenceSample();
      const fitWith = typeof tokenizer === 'function' ? await tokenizer() : tokenizer;
      fresh = { format: 'wmlens-ngram-allowance', version: 1, sampleId: referenceSampleId(sample), curve: ngramShareCurve(sample, fitWith, spec.detection.normalizers, spec.ngramLen) };
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
