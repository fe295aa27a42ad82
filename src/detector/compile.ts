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
import type { KeySpec, KgwKeySpec, SynthIdKeySpec, UnigramKeySpec } from '../keyset/types';
import { GreenOracle } from '../score/green-oracle';
import { scoreIds } from '../score/score-ids';
import type { ScoringKey } from '../score/scoring-key';
import type { Tokenizer } from '../tokenize/types';
import { type CompiledUnigramKey, compileUnigramKey, maskFor } from '../unigram/compiled-key';
import type { UnigramGreenMask } from '../unigram/green-mask';
import { scoreUnigram } from '../unigram/score';
import { checkSynthIdTestVectors, scorerForSpec, testForSpec } from '../synthid/compile-key';
import { ngramAllowanceKeyOf } from '../synthid/ngram-allowance';
import type { SynthIdScorer } from '../synthid/params';
import type { CompiledKey, CompiledKeySet, CompiledSynthIdKey } from './compiled';
import { scoringKeyFor } from './scoring-key-for';
import { isHuggingFaceTokenizer } from '../keyset/tokenizer-spec';
import { TokenizerFileError, type TokenizerFileResolver, tokenizerFor } from './tokenizer-for';

const isUnigramKey = (spec: KeySpec): spec is UnigramKeySpec => spec.scheme === 'unigram';

export interface CompileOptions {
  /**
   * Calibrations persisted from an earlier compile (`key.calibration.toJSON()`), by
   * `calibrationKeyOf(spec)`, and SynthID keys' n-gram allowances (`key.allowance`, by
   * `ngramAllowanceKeyOf(spec)`). One that does not parse, or was fitted on another reference sample or
   * with other settings, is ignored and refitted. Fitting takes ~0.1–0.3 s per key, so this is optional.
   */
  storedCalibrations?: Readonly<Record<string, unknown>>;
  /**
   * false: the keys will only score token ids (`wmlens score`), so no tokenizer is loaded (parsing a
   * rank table is the largest part of a cold compile); the keys' `tokenizer` then refuses to be used.
   * A calibration that has to be fitted still loads the one it needs. Default true.
   */
  tokenizers?: boolean;
  /**
   * Where keys whose tokenizer is a Hugging Face tokenizer.json (design §3.1) get the file's bytes:
   * the host's business (the CLI reads or downloads it, the extension reads its store). Called once
   * per file not yet loaded in this process; the bytes are checked against the key's SHA-256 here.
   * Without it, such key sets are refused.
   */
  tokenizerFiles?: TokenizerFileResolver;
}

function idsOnlyTokenizer(spec: KeySpec): Tokenizer {
  const refuse = (): never => {
    throw new Error(`key ${spec.kid} was compiled for token ids only (compileKeySet tokenizers: false)`);
  };
  const name = isHuggingFaceTokenizer(spec.tokenizer) ? spec.tokenizer.huggingface.name : spec.tokenizer.encoding;
  return { name, encode: refuse, decode: refuse };
}

// A document's own test vectors are scored with green-list oracles of their own whose caches are small:
// up to 8 green-list shapes per set (src/keyset/limits.ts) must not each fill a 32 MiB detection cache
// while an untrusted document is being checked. The green lists are the same, only not kept.
const TEST_VECTOR_CACHE_BYTES = 2 * 1024 * 1024;

function testVectorScoringKeys(specs: readonly KgwKeySpec[], scoringKeys: Map<KgwKeySpec, ScoringKey>): Map<KgwKeySpec, ScoringKey> {
  const oracles = new Map<string, GreenOracle>();
  return new Map(
    specs.map((spec) => {
      const shape = `${spec.vocabSize}:${spec.gamma}:${spec.selectGreenTokens}`;
      let oracle = oracles.get(shape);
      if (oracle === undefined) {
        // Its own cache, but the detection oracle's sampler (no second WebAssembly kernel to set up).
        oracle = new GreenOracle(spec.vocabSize, spec.gamma, spec.selectGreenTokens, TEST_VECTOR_CACHE_BYTES, scoringKeys.get(spec)!.oracle.sampler);
        oracles.set(shape, oracle);
      }
      return [spec, { ...scoringKeys.get(spec)!, oracle }];
    }),
  );
}

export async function compileKeySet(document: string | Uint8Array, options: CompileOptions = {}): Promise<CompiledKeySet> {
  const keySet = parseKeySetDocument(document);
  const kgwSpecs = keySet.keys.filter(isKgwKey);
  const scoringKeys = new Map<KgwKeySpec, ScoringKey>(kgwSpecs.map((spec) => [spec, scoringKeyFor(spec)]));
  // Unigram masks are built (hashed and shuffled) before the vectors run: the hash is asynchronous.
  const unigramSpecs = keySet.keys.filter(isUnigramKey);
  const unigramMasks = new Map<KeySpec, UnigramGreenMask>(await Promise.all(unigramSpecs.map(async (spec) => [spec, await maskFor(spec)] as const)));
  const vectorKeys = testVectorScoringKeys(kgwSpecs, scoringKeys);
  const synthIdSpecs = keySet.keys.filter((k): k is SynthIdKeySpec => k.scheme === 'synthid');
  const synthIdScorers = new Map<KeySpec, SynthIdScorer>(synthIdSpecs.map((spec) => [spec, scorerForSpec(spec)]));
  const issues = [
    ...checkTestVectors(keySet, (spec, ids) => {
      const mask = unigramMasks.get(spec);
      return mask !== undefined ? scoreUnigram(mask, (spec as UnigramKeySpec).fraction, ids) : scoreIds(vectorKeys.get(spec as KgwKeySpec)!, ids);
    }),
    ...checkSynthIdTestVectors(keySet, (spec) => synthIdScorers.get(spec)!),
  ];
  if (issues.length > 0) throw new KeySetError(issues);

  const idsOnly = options.tokenizers === false;
  const tokenizers = idsOnly ? keySet.keys.map(idsOnlyTokenizer) : await loadTokenizers(keySet.keys, options.tokenizerFiles);
  const tokenizerOf = (spec: KeySpec): Tokenizer => tokenizers[keySet.keys.indexOf(spec)];
  // With ids only, a calibration that has to be fitted loads the tokenizer it needs, and nothing else does.
  const fitTokenizer = (spec: KeySpec) =>
    idsOnly
      ? () =>
          tokenizerFor(spec.tokenizer, spec.kid, options.tokenizerFiles).catch((error: unknown) => {
            throw new KeySetError([tokenizerIssue(error, keySet.keys.indexOf(spec), spec.kid)]);
          })
      : tokenizerOf(spec);
  const synthidKeys: CompiledSynthIdKey[] = await Promise.all(
    synthIdSpecs.map(async (spec) => {
      const scorer = synthIdScorers.get(spec)!;
      const stored = options.storedCalibrations?.[ngramAllowanceKeyOf(spec)];
      const { test, allowance } = await testForSpec(spec, scorer, fitTokenizer(spec), stored);
      return { spec, scorer, test, tokenizer: tokenizerOf(spec), ...(allowance === undefined ? {} : { allowance }) };
    }),
  );
  const keys: CompiledKey[] = await Promise.all(
    kgwSpecs.map(async (spec) => {
      const scoring = scoringKeys.get(spec)!;
      const stored = options.storedCalibrations?.[calibrationKeyOf(spec)];
      const calibration = await calibrationFor(spec, scoring.seeder, fitTokenizer(spec), stored);
      return { spec, scoring, tokenizer: tokenizerOf(spec), calibration };
    }),
  );
  const unigramKeys: CompiledUnigramKey[] = await Promise.all(unigramSpecs.map((spec) => compileUnigramKey(spec, tokenizerOf(spec), fitTokenizer(spec))));
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
    synthidKeys,
  };
}

/** Every key's tokenizer; keys naming one file share one load. All failures are reported together. */
async function loadTokenizers(specs: readonly KeySpec[], resolve: TokenizerFileResolver | undefined): Promise<Tokenizer[]> {
  const settled = await Promise.allSettled(specs.map((spec) => tokenizerFor(spec.tokenizer, spec.kid, resolve)));
  const issues = settled.flatMap((r, i) => (r.status === 'fulfilled' ? [] : [tokenizerIssue(r.reason, i, specs[i].kid)]));
  if (issues.length > 0) throw new KeySetError(issues);
  return settled.map((r) => (r as PromiseFulfilledResult<Tokenizer>).value);
}

/** A tokenizer file that could not be had is a problem of the document's key i; anything else is a bug. */
function tokenizerIssue(error: unknown, i: number, kid: string): { path: string; message: string } {
  if (!(error instanceof TokenizerFileError)) throw error;
  return { path: `keys[${i}].tokenizer.huggingface`, message: `key ${JSON.stringify(kid)}: ${error.message}` };
}
