// Key-set document → ready-to-run detector: parse and validate, build every key's seeder and green-list
// oracle, load its tokenizer, reproduce every test vector, and fit the key's calibrated null on the
// bundled human reference sample. A document that fails any of it is refused whole, so a broken key set
// never reaches detection.
import { calibrationFor, calibrationKeyOf } from '../calibration/reference-sample';
import { KeySetError } from '../keyset/errors';
import { keySetFingerprint } from '../keyset/fingerprint';
import { parseKeySetDocument } from '../keyset/parse';
import { checkTestVectors } from '../keyset/test-vectors';
import { type KeySpec, kgwKeys, type SynthIdKeySpec } from '../keyset/types';
import { scoreIds } from '../score/score-ids';
import type { ScoringKey } from '../score/scoring-key';
import { loadTokenizer } from '../tokenize/tokenizer';
import { checkSynthIdTestVectors, scorerForSpec, testForSpec } from '../synthid/compile-key';
import type { SynthIdScorer } from '../synthid/params';
import type { CompiledKey, CompiledKeySet, CompiledSynthIdKey } from './compiled';
import { scoringKeyFor } from './scoring-key-for';

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
  const kgwSpecs = kgwKeys(keySet.keys);
  const synthIdSpecs = keySet.keys.filter((k): k is SynthIdKeySpec => k.scheme === 'synthid');
  const scoringKeys = new Map<KeySpec, ScoringKey>(kgwSpecs.map((spec) => [spec, scoringKeyFor(spec)]));
  const synthIdScorers = new Map<KeySpec, SynthIdScorer>(synthIdSpecs.map((spec) => [spec, scorerForSpec(spec)]));
  const issues = [
    ...checkTestVectors(keySet, (spec, ids) => scoreIds(scoringKeys.get(spec)!, ids)),
    ...checkSynthIdTestVectors(keySet, (spec) => synthIdScorers.get(spec)!),
  ];
  if (issues.length > 0) throw new KeySetError(issues);

  const synthidKeys: CompiledSynthIdKey[] = await Promise.all(
    synthIdSpecs.map(async (spec) => {
      const scorer = synthIdScorers.get(spec)!;
      return { spec, scorer, test: testForSpec(spec, scorer), tokenizer: await loadTokenizer(spec.tokenizer.encoding) };
    }),
  );
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
    synthidKeys,
  };
}
