// `scheme: "synthid"` keys (design §3.2): field shapes, the rules that depend on the implementation
// (which table fields a variant takes), and the resolved SynthIdKeySpec with its defaults filled in.
import { tokenizerSchema } from './tokenizer-schema';
import { tokenizerSpecOf } from './tokenizer-spec';
import * as v from 'valibot';
import { decodeSamplingTable } from '../synthid/sampling-table';
import type { KeySetIssue } from './errors';
import { toKeySetIssues } from './issue-path';
import { got, integerAtLeast, listOf, nonEmptyString, normalizer, objectMessage, rng } from './schema';
import { SYNTHID_IMPLEMENTATIONS, SYNTHID_SCORES, type SynthIdKeySpec, TOKENIZER_ENCODINGS } from './types';

/** design §3.2 limits: a key set is untrusted input. */
export const MAX_SYNTHID_LAYERS = 256;
export const MAX_VECTOR_IDS = 4096;
export const MAX_VECTORS_PER_KEY = 64;
export const MAX_NGRAM_LEN = 64;
export const MAX_CONTEXT_HISTORY = 1 << 20;
/** 2^24 entries (2 MiB of bits); HF's default is 2^16. Drawing the table costs one generator step per entry. */
export const MAX_SAMPLING_TABLE_SIZE = 1 << 24;
/** Token ids are int32 in every tokenizer we know of; the hashing takes them as non-negative int64. */
const MAX_TOKEN_ID = 2 ** 31 - 1;

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

/** An integer within [min, max] as a JSON number (only while exact) or a decimal string. */
const bigIntegerIn = (min: bigint, max: bigint, what: string) =>
  v.pipe(
    v.union([v.number(), v.string()], got(`${what}, as a JSON number or a decimal string`)),
    v.check((x) => {
      if (typeof x === 'number') return Number.isSafeInteger(x) && BigInt(x) >= min && BigInt(x) <= max;
      return /^-?[0-9]{1,20}$/.test(x) && BigInt(x) >= min && BigInt(x) <= max;
    }, (issue) => {
      const x = issue.input as number | string;
      if (typeof x === 'number' && Number.isInteger(x) && !Number.isSafeInteger(x)) {
        return `${x} is too large for a JSON number (it was rounded when the JSON was parsed); write it as a decimal string`;
      }
      return got(what)(issue);
    }),
    v.transform((x) => BigInt(x)),
  );

const layerKey = bigIntegerIn(I64_MIN, I64_MAX, 'an int64 in [−2^63, 2^63 − 1]');
// torch's manual_seed takes [−2^63, 2^64 − 1].
const tableSeed = bigIntegerIn(I64_MIN, U64_MAX, 'an integer in [−2^63, 2^64 − 1] (what torch manual_seed accepts)');

const integerIn = (min: number, max: number) =>
  v.pipe(
    v.number(got(`an integer from ${min} to ${max}`)),
    v.check((x) => Number.isSafeInteger(x) && x >= min && x <= max, got(`an integer from ${min} to ${max}`)),
  );

const tokenId = integerIn(0, MAX_TOKEN_ID);

const synthIdVector = v.strictObject(
  {
    ids: v.pipe(
      v.array(tokenId, got('an array of token ids')),
      v.maxLength(MAX_VECTOR_IDS, (issue) => `must have at most ${MAX_VECTOR_IDS} ids, got ${(issue.input as unknown[]).length}`),
    ),
    numTokensScored: integerAtLeast(0),
    meanScore: v.nullable(v.number(got('a number, or null when nothing is scored'))),
  },
  objectMessage,
);

export const synthIdKeySchema = v.strictObject(
  {
    kid: nonEmptyString,
    scheme: v.literal('synthid', got('"synthid"')),
    implementation: v.picklist(SYNTHID_IMPLEMENTATIONS, got(`one of ${listOf(SYNTHID_IMPLEMENTATIONS)}`)),
    ngramLen: integerIn(2, MAX_NGRAM_LEN),
    keys: v.pipe(
      v.array(layerKey, got('a non-empty array of layer keys')),
      v.minLength(1, 'must contain at least one layer key'),
      v.maxLength(MAX_SYNTHID_LAYERS, (issue) => `must have at most ${MAX_SYNTHID_LAYERS} layer keys, got ${(issue.input as unknown[]).length}`),
    ),
    contextHistorySize: v.optional(integerIn(0, MAX_CONTEXT_HISTORY)),
    samplingTableSize: v.optional(integerIn(1, MAX_SAMPLING_TABLE_SIZE)),
    samplingTableSeed: v.optional(tableSeed),
    rng: v.optional(rng),
    samplingTable: v.optional(v.string(got('a base64 string'))),
    eosTokenId: v.optional(v.nullable(tokenId)),
    score: v.optional(v.picklist(SYNTHID_SCORES, got(`one of ${listOf(SYNTHID_SCORES)}`))),
    tokenizer: tokenizerSchema,
    detection: v.optional(
      v.strictObject({ normalizers: v.optional(v.array(normalizer, got('an array of normalizer names'))) }, objectMessage),
    ),
    testVectors: v.optional(
      v.pipe(
        v.array(synthIdVector, got('an array of test vectors')),
        v.maxLength(MAX_VECTORS_PER_KEY, (issue) => `must have at most ${MAX_VECTORS_PER_KEY} vectors, got ${(issue.input as unknown[]).length}`),
      ),
    ),
  },
  objectMessage,
);

export function isSynthIdKey(rawKey: unknown): boolean {
  return typeof rawKey === 'object' && rawKey !== null && (rawKey as { scheme?: unknown }).scheme === 'synthid';
}

const TABLE_FIELDS = ['samplingTableSize', 'samplingTableSeed', 'rng', 'samplingTable'] as const;

/** Appends problems to `issues` (paths under `path`); returns the spec only when there are none. */
export function parseSynthIdKey(rawKey: unknown, path: string, issues: KeySetIssue[]): SynthIdKeySpec | undefined {
  const parsed = v.safeParse(synthIdKeySchema, rawKey);
  if (!parsed.success) {
    issues.push(...toKeySetIssues(parsed.issues, path));
    return undefined;
  }
  const raw = parsed.output;
  const before = issues.length;
  const report = (field: string, message: string) => issues.push({ path: `${path}.${field}`, message });
  let samplingTableSize: number | null = null;
  let samplingTableSeed: bigint | null = null;
  let samplingTable: string | null = null;
  let generator: 'torch-cpu' | null = null;
  if (raw.implementation === 'synthid-text') {
    for (const field of TABLE_FIELDS) {
      if (raw[field] !== undefined) report(field, 'only for hf-transformers keys (the synthid-text variant hashes, it has no table)');
    }
  } else {
    samplingTableSize = raw.samplingTableSize ?? 65536;
    if (raw.samplingTable !== undefined) {
      if (raw.samplingTableSeed !== undefined) report('samplingTableSeed', 'give either samplingTable or samplingTableSeed, not both');
      if (raw.rng !== undefined) report('rng', 'not used with an explicit samplingTable (the table is given, not drawn)');
      try {
        decodeSamplingTable(raw.samplingTable, samplingTableSize);
        samplingTable = raw.samplingTable;
      } catch (e) {
        report('samplingTable', e instanceof Error ? e.message : String(e));
      }
    } else {
      samplingTableSeed = raw.samplingTableSeed ?? 0n;
      generator = raw.rng ?? 'torch-cpu';
    }
  }
  if (issues.length > before) return undefined;
  return {
    kid: raw.kid,
    scheme: 'synthid',
    implementation: raw.implementation,
    ngramLen: raw.ngramLen,
    keys: raw.keys,
    contextHistorySize: raw.contextHistorySize ?? 1024,
    samplingTableSize,
    samplingTableSeed,
    samplingTable,
    rng: generator,
    eosTokenId: raw.eosTokenId ?? null,
    score: raw.score ?? 'mean',
    tokenizer: tokenizerSpecOf(raw.tokenizer),
    detection: { normalizers: raw.detection?.normalizers ?? [] },
    testVectors: (raw.testVectors ?? []).map(({ ids, numTokensScored, meanScore }) => ({ ids, numTokensScored, meanScore })),
  };
}
