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
import { scoreIds } from '../score/score-ids';
import type { ScoringKey } from '../score/scoring-key';
import { loadTokenizer } from '../tokenize/tokenizer';
import type { Tokenizer } from '../tokenize/types';
import type { CompiledKey, CompiledKeySet } from './compiled';
import { scoringKeyFor } from './scoring-key-for';

export interface CompileOptions {
  /**
   * Calibrations persisted from an earlier compile (`key.calibration.toJSON()`), by
   * `calibrationKeyOf(spec)`. One that does not parse, or was fitted on another reference sample or
   * with other settings, is ignored and refitted. Fitting takes ~0.1 s per key, so this is optional.
   */
  storedCalibrations?: Readonly<Record<string, unknown>>;
  /**
   * false: the keys will only score token ids (`wmlens score`), so no tokenizer is loaded (parsing a
   * rank table is the largest part of a cold compile); the keys' `tokenizer` then refuses to be used.
   * A calibration that has to be fitted still loads the one it needs. Default true.
   */
  tokenizers?: boolean;
}

function idsOnlyTokenizer(spec: KeySpec): Tokenizer {
  const refuse = (): never => {
    throw new Error(`key ${spec.kid} was compiled for token ids only (compileKeySet tokenizers: false)`);
  };
  return { name: spec.tokenizer.encoding, encode: refuse, decode: refuse };
}

export async function compileKeySet(document: string | Uint8Array, options: CompileOptions = {}): Promise<CompiledKeySet> {
  const keySet = parseKeySetDocument(document);
  const scoringKeys = new Map<KeySpec, ScoringKey>(keySet.keys.map((spec) => [spec, scoringKeyFor(spec)]));
  const issues = checkTestVectors(keySet, (spec, ids) => scoreIds(scoringKeys.get(spec)!, ids));
  if (issues.length > 0) throw new KeySetError(issues);

  const keys: CompiledKey[] = await Promise.all(
    keySet.keys.map(async (spec) => {
      const scoring = scoringKeys.get(spec)!;
      const load = () => loadTokenizer(spec.tokenizer.encoding);
      const tokenizer = options.tokenizers === false ? idsOnlyTokenizer(spec) : await load();
      const stored = options.storedCalibrations?.[calibrationKeyOf(spec)];
      const calibration = await calibrationFor(spec, scoring.seeder, options.tokenizers === false ? load : tokenizer, stored);
      return { spec, scoring, tokenizer, calibration };
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
