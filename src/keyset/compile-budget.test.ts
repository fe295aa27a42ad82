import { readFileSync } from 'node:fs';
import { kgwKeyOf } from './kgw-key';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBudgetIssues, testVectorWork } from './compile-budget';
import { KeySetError } from './errors';
import { MAX_DISTINCT_SEEDINGS, MAX_GREEN_LIST_GEOMETRIES, MAX_TEST_VECTOR_WORK } from './limits';
import { parseKeySetDocument } from './parse';

type Json = Record<string, any>;

const bundledText = readFileSync(join(__dirname, '../../public/keysets/reference-defaults.json'), 'utf8');

function key(i: number, extra: Json = {}): Json {
  return {
    kid: `k${i}`,
    scheme: 'kgw',
    implementation: 'lm-watermarking',
    seeding: 'selfhash',
    hashKey: 15485863,
    gamma: 0.25,
    vocabSize: 50257,
    rng: 'torch-cpu',
    tokenizer: { encoding: 'gpt2' },
    ...extra,
  };
}

function documentWith(keys: Json[]): string {
  return JSON.stringify({ ...JSON.parse(bundledText), keys });
}

function refusal(keys: Json[]): string {
  try {
    parseKeySetDocument(documentWith(keys));
  } catch (e) {
    if (e instanceof KeySetError) return e.message;
    throw e;
  }
  throw new Error('expected the key set to be refused');
}

function times<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

describe('compile budget: a key set is refused by the parser before any of it is compiled', () => {
  it(`at most ${MAX_DISTINCT_SEEDINGS} distinct seedings (each costs a calibration fit)`, () => {
    expect(() => parseKeySetDocument(documentWith(times(MAX_DISTINCT_SEEDINGS, (i) => key(i, { hashKey: 1000 + i }))))).not.toThrow();
    // Issue 12's reproduction had 200 distinct hash keys (19 s to compile); 64 is the most keys a set may have.
    expect(refusal(times(64, (i) => key(i, { hashKey: 1000 + i })))).toBe(
      'keys: 64 distinct seedings (implementation, seeding, contextWidth, hashKey, tokenizer, normalizers); ' +
        'a key set may use at most 8, each needs its own calibration',
    );
    // The same hash key under another tokenizer is another seeding.
    const encodings = ['gpt2', 'r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];
    expect(refusal(times(9, (i) => key(i, { hashKey: 1000 + (i % 2), tokenizer: { encoding: encodings[i % 5] } })))).toMatch(
      /^keys: 9 distinct seedings/,
    );
  });

  it('which also bounds the hf-transformers selfhash tables (4 MiB each, one per hash key)', () => {
    const hf = (i: number) => key(i, { implementation: 'hf-transformers', hashKey: 7 + i, detection: { ignoreRepeatedNgrams: false } });
    expect(() => parseKeySetDocument(documentWith(times(MAX_DISTINCT_SEEDINGS, hf)))).not.toThrow();
    expect(refusal(times(MAX_DISTINCT_SEEDINGS + 1, hf))).toMatch(/^keys: 9 distinct seedings/);
  });

  it(`at most ${MAX_DISTINCT_SEEDINGS} distinct SynthID n-gram allowances (each costs a fit on the reference sample)`, () => {
    const example = JSON.parse(readFileSync(join(__dirname, '../../public/keysets/synthid-docs-example.json'), 'utf8'));
    const { testVectors: _, ...hf } = example.keys.find((k: Json) => k.implementation === 'hf-transformers');
    const { testVectors: __, ...hash } = example.keys.find((k: Json) => k.implementation === 'synthid-text');
    const table = (i: number) => ({ ...hf, kid: `t${i}`, ngramLen: 2 + i });
    expect(() => parseKeySetDocument(documentWith(times(MAX_DISTINCT_SEEDINGS, table)))).not.toThrow();
    expect(refusal(times(MAX_DISTINCT_SEEDINGS + 1, table))).toBe(
      'keys: 9 distinct SynthID n-gram allowances (ngramLen, samplingTableSize, tokenizer, normalizers of hf-transformers keys); ' +
        'a key set may use at most 8, each needs its own fit on the reference sample',
    );
    // The hash variant fits none.
    expect(() => parseKeySetDocument(documentWith([...times(MAX_DISTINCT_SEEDINGS, table), ...times(4, (i) => ({ ...hash, kid: `h${i}`, ngramLen: 2 + i }))]))).not.toThrow();
  });

  it(`at most ${MAX_GREEN_LIST_GEOMETRIES} green-list shapes`, () => {
    const shaped = (i: number) => key(i, { vocabSize: 2 ** 20 - i });
    expect(() => parseKeySetDocument(documentWith(times(MAX_GREEN_LIST_GEOMETRIES, shaped)))).not.toThrow();
    expect(refusal(times(MAX_GREEN_LIST_GEOMETRIES + 1, shaped))).toMatch(/^keys: 9 distinct green-list shapes/);
    // γ that gives the same list size is the same shape; head and tail lists are not.
    expect(() => parseKeySetDocument(documentWith(times(20, (i) => key(i, { gamma: 0.25 + i * 1e-7 }))))).not.toThrow();
    expect(
      compileBudgetIssues(
        times(9, (i) => parseKeySetDocument(documentWith([key(i, { selectGreenTokens: i % 2 === 0, vocabSize: 1000 + (i >> 1) })])).keys[0]),
      ),
    ).toHaveLength(1);
  });

  it('bounds the work of reproducing the test vectors', () => {
    // Tail list at γ 0.001 of 2^20: ~1.08 × 10^6 draws per id, so ~60 ids reach the budget.
    const vector = (n: number) => ({ ids: times(n, (j) => j), numTokensScored: 0, numGreenTokens: 0 });
    const heavy = (n: number) => key(0, { vocabSize: 2 ** 20, gamma: 0.001, selectGreenTokens: false, testVectors: [vector(n)] });
    const perId = 2 ** 20 - Math.trunc(2 ** 20 * 0.001) + 2 ** 15 + 4; // selfhash: a context of 4 ids
    expect(testVectorWork(kgwKeyOf(parseKeySetDocument(documentWith([heavy(10)])).keys[0]))).toBe(10 * perId);
    const fits = Math.floor(MAX_TEST_VECTOR_WORK / perId);
    expect(() => parseKeySetDocument(documentWith([heavy(fits)]))).not.toThrow();
    expect(refusal([heavy(fits + 1)])).toMatch(
      /^keys: reproducing the test vectors would take up to 6\.81e\+7 generator draws; at most 67108864 \(2\^26\) are allowed \(keys\[0\] alone/,
    );
  });

  it('counts the PRF over wide contexts (ff-… seedings allow a width of 10^6)', () => {
    const wide = (width: number, n: number) =>
      key(0, { seeding: `ff-anchored_minhash_prf-${width}-True`, testVectors: [{ ids: times(n, (j) => j), numTokensScored: 0, numGreenTokens: 0 }] });
    const perId = 12564 + 1571 + 100_000;
    expect(testVectorWork(kgwKeyOf(parseKeySetDocument(documentWith([wide(100_000, 10)])).keys[0]))).toBe(10 * perId);
    expect(refusal([wide(100_000, 4096)])).toMatch(/^keys: reproducing the test vectors would take up to 4\.67e\+8/);
  });

  it('the bundled key set is far inside every bound', () => {
    const { keys } = parseKeySetDocument(bundledText);
    expect(compileBudgetIssues(keys)).toEqual([]);
    expect(keys.map(kgwKeyOf).map(testVectorWork).reduce((a, b) => a + b)).toBeLessThan(MAX_TEST_VECTOR_WORK / 4);
  });

  it('too many keys: one issue, not one per key (a 1 MiB document holds ~10^5 empty keys)', () => {
    const t0 = performance.now();
    const doc = JSON.stringify({ ...JSON.parse(bundledText), keys: new Array(100_000).fill({}) });
    let issues: unknown[] = [];
    try {
      parseKeySetDocument(doc);
    } catch (e) {
      issues = (e as KeySetError).issues;
    }
    expect(issues).toEqual([{ path: 'keys', message: 'must contain at most 64 keys, got 100000' }]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
