// A `scheme: "unigram"` key (design.md §3.2): fields, limits and the resolved UnigramKeySpec. Kept apart
// from the KGW schema because nothing but `kid`, `tokenizer`, `detection` and `testVectors` is shared.
import { tokenizerSchema } from './tokenizer-schema';
import { tokenizerSpecOf } from './tokenizer-spec';
import * as v from 'valibot';
import { describeValue } from './describe';
import type { KeySetIssue } from './errors';
import { toKeySetIssues } from './issue-path';
import { got, integerAtLeast, listOf, nonEmptyString, normalizer, objectMessage, testVector } from './schema';
import { TOKENIZER_ENCODINGS, UNIGRAM_IMPLEMENTATIONS, type UnigramKeySpec } from './types';

/** 2^20: above Gemma's 262,144; a mask is one byte per id while it is shuffled. */
export const MAX_UNIGRAM_VOCAB_SIZE = 1 << 20;
const MAX_VECTOR_IDS = 4096;
const MAX_VECTORS = 64;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function watermarkKeyProblem(input: unknown): string {
  if (typeof input === 'string') return `must be a decimal integer string (optionally negative) within int64, got ${describeValue(input)}`;
  const n = input as number;
  if (!Number.isInteger(n)) return `must be an integer, got ${n}`;
  return `${n} is outside the exact range of a JSON number (±(2^53 − 1)): the exact key is lost; write it as a decimal string`;
}

function isWatermarkKey(input: number | string): boolean {
  if (typeof input === 'number') return Number.isSafeInteger(input);
  if (!/^-?[0-9]{1,19}$/.test(input)) return false;
  const k = BigInt(input);
  return k >= INT64_MIN && k <= INT64_MAX;
}

/** The reference hashes np.int64(key): any int64, negative included. */
const watermarkKey = v.pipe(
  v.union([v.number(), v.string()], got('an int64 integer, as a JSON number or a decimal string')),
  v.check(isWatermarkKey, (issue) => watermarkKeyProblem(issue.input)),
  v.transform((x) => BigInt(x)),
);

const unigramVectors = v.pipe(
  v.array(
    v.pipe(
      testVector,
      v.check((tv) => tv.ids.length <= MAX_VECTOR_IDS, (issue) => `ids: at most ${MAX_VECTOR_IDS} ids per test vector, got ${(issue.input as { ids: unknown[] }).ids.length}`),
    ),
    got('an array of test vectors'),
  ),
  v.check((vs) => vs.length <= MAX_VECTORS, (issue) => `at most ${MAX_VECTORS} test vectors per key, got ${(issue.input as unknown[]).length}`),
);

// int(fraction · vocabSize) may be 0 (the reference accepts it; nothing is green and nothing can be
// detected). It is always below vocabSize: for fraction < 1 and vocabSize ≤ 2^20 the float product
// stays below vocabSize.
export const unigramKeySchema = v.strictObject(
  {
    kid: nonEmptyString,
    scheme: v.literal('unigram', got('"unigram"')),
    implementation: v.picklist(UNIGRAM_IMPLEMENTATIONS, got(`one of ${listOf(UNIGRAM_IMPLEMENTATIONS)} for unigram keys`)),
    watermarkKey,
    fraction: v.pipe(
      v.number(got('a number')),
      v.check((x) => x > 0 && x < 1, got('between 0 and 1 (exclusive)')),
    ),
    vocabSize: v.pipe(
      integerAtLeast(2),
      v.check((x) => x <= MAX_UNIGRAM_VOCAB_SIZE, got(`an integer from 2 to ${MAX_UNIGRAM_VOCAB_SIZE} (2^20)`)),
    ),
    tokenizer: tokenizerSchema,
    detection: v.optional(
      v.strictObject({ normalizers: v.optional(v.array(normalizer, got('an array of normalizer names'))) }, objectMessage),
    ),
    testVectors: v.optional(unigramVectors),
  },
  objectMessage,
);

/** Appends any problems (paths under `path`) and returns the key only when there are none. */
export function parseUnigramKey(raw: unknown, path: string, issues: KeySetIssue[]): UnigramKeySpec | undefined {
  const parsed = v.safeParse(unigramKeySchema, raw);
  if (!parsed.success) {
    issues.push(...toKeySetIssues(parsed.issues, path));
    return undefined;
  }
  const k = parsed.output;
  return {
    kid: k.kid,
    scheme: 'unigram',
    implementation: k.implementation,
    watermarkKey: k.watermarkKey,
    fraction: k.fraction,
    vocabSize: k.vocabSize,
    tokenizer: tokenizerSpecOf(k.tokenizer),
    detection: { normalizers: k.detection?.normalizers ?? [] },
    testVectors: (k.testVectors ?? []).map(({ ids, numTokensScored, numGreenTokens }) => ({ ids, numTokensScored, numGreenTokens })),
  };
}
