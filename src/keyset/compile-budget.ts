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
  const seedings = distinct(keys, seedingOf);
  if (seedings > MAX_DISTINCT_SEEDINGS) {
    issues.push({
      path: 'keys',
      message:
        `${seedings} distinct seedings (implementation, seeding, contextWidth, hashKey, tokenizer, normalizers); ` +
        `a key set may use at most ${MAX_DISTINCT_SEEDINGS}, each needs its own calibration`,
    });
  }
  const geometries = distinct(keys, geometryOf) + unigramMasks;
  if (geometries > MAX_GREEN_LIST_GEOMETRIES) {
    issues.push({
      path: 'keys',
      message:
        `${geometries} distinct green-list shapes (vocabSize, green-list size, selectGreenTokens; one per Unigram mask); ` +
        `a key set may use at most ${MAX_GREEN_LIST_GEOMETRIES}, each gets its own green-list cache`,
    });
  }
  const work = keys.map(testVectorWork);
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
  return issues;
}
