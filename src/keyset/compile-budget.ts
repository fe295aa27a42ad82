// What compiling a parsed key set would cost, judged from its keys alone so that an expensive document
// is refused before any table is built or any test vector is scored (limits.ts says why each bound).
import type { KeySetIssue } from './errors';
import {
  MAX_DISTINCT_SEEDINGS,
  MAX_GREEN_LIST_GEOMETRIES,
  MAX_TEST_VECTOR_WORK,
} from './limits';
import { isKgwKey } from './kgw-key';
import { tokenizerIdOf } from './tokenizer-spec';
import { ngramAllowanceKeyOf } from '../synthid/ngram-allowance-key';
import type { KgwKeySpec as KeySpec, KeySpec as AnyKeySpec } from './types';

/**
 * What a key's unit identities, and hence its calibration fit, depend on. The same fields as
 * calibrationKeyOf (src/calibration/reference-sample.ts), which this module cannot import.
 */
function seedingOf(key: KeySpec): string {
  return [
    key.implementation,
    key.seeding,
    key.contextWidth,
    key.hashKey.toString(),
    tokenizerIdOf(key.tokenizer),
    key.detection.normalizers.join(','),
  ].join('|');
}

/** Python int(V * gamma), as src/rng/green-list.ts greenListSize (not imported: no scoring code here). */
function greenListSize(key: KeySpec): number {
  return Math.trunc(key.vocabSize * key.gamma);
}

function geometryOf(key: KeySpec): string {
  return `${key.vocabSize}:${greenListSize(key)}:${key.selectGreenTokens ? 'head' : 'tail'}`;
}

/**
 * Upper bound on the generator draws (and bitset words, and PRF terms) needed to reproduce the key's
 * vectors: per id, the Fisher–Yates steps that decide membership, one pass over a vocabSize-bit bitset,
 * and the PRF over the context window (contextWidth ids; `ff-…` seedings allow up to 10^6).
 */
export function testVectorWork(key: KeySpec): number {
  const size = greenListSize(key);
  const steps = key.selectGreenTokens ? size : key.vocabSize - size;
  const perId = steps + Math.ceil(key.vocabSize / 32) + key.contextWidth;
  return key.testVectors.reduce((sum, v) => sum + v.ids.length * perId, 0);
}

function distinct(keys: readonly KeySpec[], of: (k: KeySpec) => string): number {
  return new Set(keys.map(of)).size;
}

/** One issue per exceeded bound; [] when the key set can be compiled within them. */
export function compileBudgetIssues(allKeys: readonly AnyKeySpec[]): KeySetIssue[] {
  const issues: KeySetIssue[] = [];
  const keys = allKeys.filter(isKgwKey);
  // Each distinct Unigram mask is one shuffle of up to 2^20 ids (~0.2 s) and 128 KiB: bounded like green-list shapes.
  const unigramMasks = new Set(allKeys.flatMap((k) => (k.scheme === 'unigram' ? [`${k.watermarkKey}|${k.fraction}|${k.vocabSize}`] : []))).size;
  // Each distinct SynthID sampling table drawn from a seed is up to 2^24 generator draws and bytes.
  const synthIdTables = new Set(
    allKeys.flatMap((k) => (k.scheme === 'synthid' && k.samplingTableSeed !== null ? [`${k.samplingTableSize}|${k.samplingTableSeed}`] : [])),
  ).size;
  const seedings = distinct(keys, seedingOf);
  if (seedings > MAX_DISTINCT_SEEDINGS) {
    issues.push({
      path: 'keys',
      message:
        `${seedings} distinct seedings (implementation, seeding, contextWidth, hashKey, tokenizer, normalizers); ` +
        `a key set may use at most ${MAX_DISTINCT_SEEDINGS}, each needs its own calibration`,
    });
  }
  // SynthID table keys fit a fixed-key allowance on the reference sample per n-gram length, table size,
  // tokenizer and normalizers (~0.25 s each, src/synthid/ngram-allowance.ts): bounded like the seedings.
  const allowances = new Set(allKeys.flatMap((k) => (k.scheme === 'synthid' && k.implementation === 'hf-transformers' ? [ngramAllowanceKeyOf(k)] : []))).size;
  if (allowances > MAX_DISTINCT_SEEDINGS) {
    issues.push({
      path: 'keys',
      message:
        `${allowances} distinct SynthID n-gram allowances (ngramLen, samplingTableSize, tokenizer, normalizers of hf-transformers keys); ` +
        `a key set may use at most ${MAX_DISTINCT_SEEDINGS}, each needs its own fit on the reference sample`,
    });
  }
  const geometries = distinct(keys, geometryOf) + unigramMasks + synthIdTables;
  if (geometries > MAX_GREEN_LIST_GEOMETRIES) {
    issues.push({
      path: 'keys',
      message:
        `${geometries} distinct green-list shapes (vocabSize, green-list size, selectGreenTokens; one per Unigram mask and per seeded SynthID table); ` +
        `a key set may use at most ${MAX_GREEN_LIST_GEOMETRIES}, each gets its own green-list cache`,
    });
  }
  // Indexed like the document's keys, so the message can point at the heaviest one.
  const work = allKeys.map((k) => (isKgwKey(k) ? testVectorWork(k) : 0));
  const total = work.reduce((a, b) => a + b, 0);
  if (total > MAX_TEST_VECTOR_WORK) {
    const worst = work.indexOf(Math.max(...work));
    issues.push({
      path: 'keys',
      message:
        `reproducing the test vectors would take up to ${total.toExponential(2)} generator draws; at most ` +
        `${MAX_TEST_VECTOR_WORK} (2^26) are allowed (keys[${worst}] alone needs ${work[worst].toExponential(2)}: ` +
        'use fewer or shorter vectors)',
    });
  }
  // SynthID: every vector id is hashed once per layer (two accumulate steps and, in the hash variant,
  // 12 LCG rounds): bounded like the KGW draws, in hash steps.
  const hashSteps = allKeys.map((k) => (k.scheme === 'synthid' ? k.testVectors.reduce((sum, v) => sum + v.ids.length, 0) * k.keys.length * 16 : 0));
  const totalSteps = hashSteps.reduce((a, b) => a + b, 0);
  if (totalSteps > MAX_TEST_VECTOR_WORK) {
    const worst = hashSteps.indexOf(Math.max(...hashSteps));
    issues.push({
      path: 'keys',
      message:
        `reproducing the SynthID test vectors would take up to ${totalSteps.toExponential(2)} hash steps; at most ` +
        `${MAX_TEST_VECTOR_WORK} (2^26) are allowed (keys[${worst}] alone needs ${hashSteps[worst].toExponential(2)}: use fewer or shorter vectors)`,
    });
  }
  return issues;
}
