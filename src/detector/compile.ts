// Key-set document → ready-to-run detector: parse and validate, build every key's seeder and green-list
// oracle, load its tokenizer, and reproduce every test vector. A document that fails any of it is refused
// whole, so a broken key set never reaches detection.
import { KeySetError } from '../keyset/errors';
import { keySetFingerprint } from '../keyset/fingerprint';
import { parseKeySetDocument } from '../keyset/parse';
import { checkTestVectors } from '../keyset/test-vectors';
import type { KeySpec } from '../keyset/types';
import { scoreIds } from '../score/score-ids';
import type { ScoringKey } from '../score/scoring-key';
import { loadTokenizer } from '../tokenize/tokenizer';
import type { CompiledKey, CompiledKeySet } from './compiled';
import { scoringKeyFor } from './scoring-key-for';

export async function compileKeySet(document: string | Uint8Array): Promise<CompiledKeySet> {
  const keySet = parseKeySetDocument(document);
  const scoringKeys = new Map<KeySpec, ScoringKey>(keySet.keys.map((spec) => [spec, scoringKeyFor(spec)]));
  const issues = checkTestVectors(keySet, (spec, ids) => scoreIds(scoringKeys.get(spec)!, ids));
  if (issues.length > 0) throw new KeySetError(issues);

  const keys: CompiledKey[] = await Promise.all(
    keySet.keys.map(async (spec) => ({
      spec,
      scoring: scoringKeys.get(spec)!,
      tokenizer: await loadTokenizer(spec.tokenizer.encoding),
    })),
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
