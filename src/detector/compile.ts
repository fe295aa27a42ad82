// Key-set document → ready-to-run detector: parse and validate, build every key's seeder and green-list
// oracle, load its tokenizer, reproduce every test vector, and fit the key's calibrated null on the
// bundled human reference sample. A document that fails any of it is refused whole, so a broken key set
// never reaches detection.
import { calibrationFor, calibrationKeyOf } from '../calibration/reference-sample';
import { KeySetError } from '../keyset/errors';
import { keySetFingerprint } from '../keyset/fingerprint';
import { parseKeySetDocument } from '../keyset/parse';
import { checkTestVectors } from '../keyset/test-vectors';
import type { KeySpec } from '../keyset/types';
import { GreenOracle } from '../score/green-oracle';
import { scoreIds } from '../score/score-ids';
import type { ScoringKey } from '../score/scoring-key';
import { loadTokenizer } from '../tokenize/tokenizer';
import type { CompiledKey, CompiledKeySet } from './compiled';
import { scoringKeyFor } from './scoring-key-for';

export interface CompileOptions {
  /**
   * Calibrations persisted from an earlier compile (`key.calibration.toJSON()`), by
   * `calibrationKeyOf(spec)`. One that does not parse, or was fitted on another reference sample or
   * with other settings, is ignored and refitted. Fitting takes ~0.1 s per key, so this is optional.
   */
  storedCalibrations?: Readonly<Record<string, unknown>>;
}

// A document's own test vectors are scored with green-list oracles of their own whose caches are small:
// up to 8 green-list shapes per set (src/keyset/limits.ts) must not each fill a 32 MiB detection cache
// while an untrusted document is being checked. The green lists are the same, only not kept.
const TEST_VECTOR_CACHE_BYTES = 2 * 1024 * 1024;

function testVectorScoringKeys(specs: readonly KeySpec[], scoringKeys: Map<KeySpec, ScoringKey>): Map<KeySpec, ScoringKey> {
  const oracles = new Map<string, GreenOracle>();
  return new Map(
    specs.map((spec) => {
      const shape = `${spec.vocabSize}:${spec.gamma}:${spec.selectGreenTokens}`;
      let oracle = oracles.get(shape);
      if (oracle === undefined) {
        oracle = new GreenOracle(spec.vocabSize, spec.gamma, spec.selectGreenTokens, TEST_VECTOR_CACHE_BYTES);
        oracles.set(shape, oracle);
      }
      return [spec, { ...scoringKeys.get(spec)!, oracle }];
    }),
  );
}

export async function compileKeySet(document: string | Uint8Array, options: CompileOptions = {}): Promise<CompiledKeySet> {
  const keySet = parseKeySetDocument(document);
  const scoringKeys = new Map<KeySpec, ScoringKey>(keySet.keys.map((spec) => [spec, scoringKeyFor(spec)]));
  const vectorKeys = testVectorScoringKeys(keySet.keys, scoringKeys);
  const issues = checkTestVectors(keySet, (spec, ids) => scoreIds(vectorKeys.get(spec)!, ids));
  if (issues.length > 0) throw new KeySetError(issues);

  const keys: CompiledKey[] = await Promise.all(
    keySet.keys.map(async (spec) => {
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
  };
}
