// Key-set document → ready-to-run detector: parse and validate, build every key's seeder and green-list
// oracle, load its tokenizer, reproduce every test vector, and fit the key's calibrated null on the
// bundled human reference sample. A document that fails any of it is refused whole, so a broken key set
// never reaches detection.
import { calibrationFor, calibrationKeyOf } from '../calibration/reference-sample';
import { KeySetError } from '../keyset/errors';
import { keySetFingerprint } from '../keyset/fingerprint';
import { parseKeySetDocument } from '../keyset/parse';
import { checkTestVectors } from '../keyset/test-vectors';
import { isKgwKey } from '../keyset/kgw-key';
import type { KeySpec, KgwKeySpec, UnigramKeySpec } from '../keyset/types';
import { scoreIds } from '../score/score-ids';
import type { ScoringKey } from '../score/scoring-key';
import { loadTokenizer } from '../tokenize/tokenizer';
import { type CompiledUnigramKey, compileUnigramKey } from '../unigram/compiled-key';
import { scoreUnigram } from '../unigram/score';
import type { CompiledKey, CompiledKeySet } from './compiled';
import { scoringKeyFor } from './scoring-key-for';

const isUnigramKey = (spec: KeySpec): spec is UnigramKeySpec => spec.scheme === 'unigram';

export interface CompileOptions {
  /**
   * Calibrations persisted from an earlier compile (`key.calibration.toJSON()`), by
   * `calibrationKeyOf(spec)`. One that does not parse, or was fitted on another reference sample or
   * with other settings, is ignored and refitted. Fitting takes ~0.1 s per key, so this is optional.
   */
  storedCalibrations?: Readonly<Record<string, unknown>>;
}

export async function compileKeySet(document: string | Uint8Array, options: CompileOptions = {}): Promise<CompiledKeySet> {
  const keySet = parseKeySetDocument(document);
  const kgwSpecs = keySet.keys.filter(isKgwKey);
  const scoringKeys = new Map<KgwKeySpec, ScoringKey>(kgwSpecs.map((spec) => [spec, scoringKeyFor(spec)]));
  // Unigram masks are built (hashed and shuffled) before the vectors run: the hash is asynchronous.
  const unigramKeys = await Promise.all(keySet.keys.filter(isUnigramKey).map(compileUnigramKey));
  const unigramBySpec = new Map<KeySpec, CompiledUnigramKey>(unigramKeys.map((k) => [k.spec, k]));
  const issues = checkTestVectors(keySet, (spec, ids) => {
    const unigram = unigramBySpec.get(spec);
    return unigram !== undefined ? scoreUnigram(unigram.mask, unigram.spec.fraction, ids) : scoreIds(scoringKeys.get(spec as KgwKeySpec)!, ids);
  });
  if (issues.length > 0) throw new KeySetError(issues);

  const keys: CompiledKey[] = await Promise.all(
    kgwSpecs.map(async (spec) => {
      const scoring = scoringKeys.get(spec)!;
      const tokenizer = await loadTokenizer(spec.tokenizer.encoding);
      const stored = options.storedCalibrations?.[calibrationKeyOf(spec)];
      return { spec, scoring, tokenizer, calibration: await calibrationFor(spec, scoring.seeder, tokenizer, stored) };
    }),
  );
  const { sha256 } = await keySetFingerprint(document);
  return {
    id: keySet.id,
    name: keySet.name,
    version: keySet.version,
    fingerprint: sha256,
    ...(keySet.expires === undefined ? {} : { expires: keySet.expires }),
    keySet,
    keys,
    ...(unigramKeys.length > 0 ? { unigramKeys } : {}),
  };
}
