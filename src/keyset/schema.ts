// Field-by-field shape of a key-set document (design.md §3). The rules that depend on the
// implementation (which seedings, where the hash key comes from) live in resolve-key.ts; unique kids
// are checked across keys in parse.ts.
//
// Messages are shown as "<path>: <message>" and quote what was received.

import * as v from 'valibot';
import { parseIsoDateTime } from './datetime';
import { describeValue } from './describe';
import { MAX_KEYS, MAX_TEST_VECTOR_IDS, MAX_TEST_VECTORS_PER_KEY, MAX_VOCAB_SIZE } from './limits';
import { tokenizerSchema } from './tokenizer-schema';
import { IMPLEMENTATIONS, NORMALIZERS } from './types';

type Received = { input: unknown };

export const got = (expectation: string) => (issue: Received) => `must be ${expectation}, got ${describeValue(issue.input)}`;

export const listOf = (values: readonly string[]) => values.map((x) => `"${x}"`).join(', ');

/** Valibot's object schemas report missing and unknown fields with the object's own message. */
export function objectMessage(issue: Received & { expected: string | null; received: string }): string {
  if (issue.expected === 'never') return 'unknown field (not part of this format version; check the spelling)';
  if (issue.input === undefined && issue.expected?.startsWith('"')) return 'required';
  return got('a JSON object')(issue);
}

// C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates: in a terminal or a popup they
// can rewrite or reorder what is shown next to them (a name ending in "ESC[2K\r" erases the line).
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function unsafeCharacterProblem(s: string): string {
  const m = UNSAFE_CHARACTER.exec(s)!;
  const code = m[0].charCodeAt(0);
  const kind = code >= 0x202a ? 'bidirectional formatting' : 'control';
  const at = [...s.slice(0, m.index)].length;
  return `must not contain ${kind} characters, found U+${code.toString(16).toUpperCase().padStart(4, '0')} at character ${at}`;
}

/** Text shown to people: no character that could rewrite or reorder what is around it. */
const safeText = v.check((s: string) => !UNSAFE_CHARACTER.test(s), (issue: v.CheckIssue<string>) => unsafeCharacterProblem(issue.input));

export const nonEmptyString = v.pipe(
  v.string(got('a non-empty string')),
  v.check((s) => s.trim() !== '', got('a non-empty string')),
  safeText,
);

export const integerAtLeast = (min: number) =>
  v.pipe(
    v.number(got(`an integer ≥ ${min}`)),
    v.check((x) => Number.isSafeInteger(x) && x >= min, got(`an integer ≥ ${min}`)),
  );

const dateTime = v.pipe(
  v.string(got('an ISO-8601 date-time string')),
  v.check(
    (s) => parseIsoDateTime(s) !== undefined,
    got('an ISO-8601 date-time with seconds and a time zone, e.g. "2026-11-01T00:00:00Z"'),
  ),
);

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

// Shown to users as a link, so nothing but http(s) (no javascript: or data: URLs).
// The URL parser drops tabs and newlines silently, so they are refused before it sees them.
const httpUrl = v.pipe(v.string(got('an http or https URL')), safeText, v.check(isHttpUrl, got('an http or https URL')));

const ID_PATTERN = /^[a-z0-9][a-z0-9.-]{0,127}$/;

const headerFields = v.looseObject(
  {
    format: v.literal('watermark-keyset', got('"watermark-keyset"')),
    formatVersion: v.literal(1, got('1 (the only format version this reader understands)')),
    id: v.pipe(
      v.string(got('a string')),
      v.check(
        (s) => ID_PATTERN.test(s),
        got('1–128 characters of a-z, 0-9, "." and "-", starting with a letter or digit ([a-z0-9][a-z0-9.-]{0,127})'),
      ),
    ),
    name: nonEmptyString,
    publisher: v.looseObject({ name: nonEmptyString, url: v.optional(httpUrl) }, objectMessage),
    version: integerAtLeast(0),
    issued: dateTime,
    expires: v.optional(dateTime),
    // Keys are checked one by one (keySchema) so that one broken key does not hide the others' problems.
    keys: v.pipe(
      v.array(v.unknown(), got('a non-empty array of keys')),
      v.check((keys) => keys.length > 0, 'must contain at least one key'),
      v.check((keys) => keys.length <= MAX_KEYS, (issue) => `must contain at most ${MAX_KEYS} keys, got ${(issue.input as unknown[]).length}`),
    ),
  },
  objectMessage,
);

export const documentHeaderSchema = v.pipe(
  headerFields,
  v.forward(
    v.partialCheck(
      [['issued'], ['expires']],
      ({ issued, expires }) => {
        const from = parseIsoDateTime(issued);
        const until = expires === undefined ? undefined : parseIsoDateTime(expires);
        // An unreadable date has its own issue already.
        return from === undefined || until === undefined || until > from;
      },
      ({ input }) => `must be after issued (${input.issued}), got ${input.expires}`,
    ),
    ['expires'],
  ),
);

function hashKeyProblem(input: unknown): string {
  if (typeof input === 'string') return `must be a decimal string of digits 0-9, got ${describeValue(input)}`;
  const n = input as number;
  if (!Number.isInteger(n)) return `must be an integer, got ${n}`;
  if (n < 0) return `must be non-negative, got ${n}`;
  return (
    `${n} is too large for a JSON number: integers above 2^53 − 1 were already rounded when the JSON was ` +
    'parsed, so the exact key is lost; write it as a decimal string, e.g. "18446744073709551557"'
  );
}

function isHashKey(input: number | string): boolean {
  return typeof input === 'string' ? /^[0-9]+$/.test(input) : Number.isSafeInteger(input) && input >= 0;
}

/** A JSON number only while it is exact; larger keys are written as decimal strings. */
const hashKey = v.pipe(
  v.union([v.number(), v.string()], got('a non-negative integer, as a JSON number or a decimal string')),
  v.check(isHashKey, (issue) => hashKeyProblem(issue.input)),
  v.transform((x) => BigInt(x)),
);

// At most 2^20 (limits.ts): green-list tables and caches grow with it, and a key set is untrusted.
// (torch's CPU randperm would switch algorithms only from 2^32/20 on, far above.)
const vocabSize = v.pipe(
  v.number(got('an integer')),
  v.check(
    (x) => Number.isSafeInteger(x) && x >= 2 && x <= MAX_VOCAB_SIZE,
    got(`an integer from 2 to ${MAX_VOCAB_SIZE} (2^20)`),
  ),
);

const gamma = v.pipe(
  v.number(got('a number')),
  v.check((x) => x > 0 && x < 1, got('between 0 and 1 (exclusive)')),
);

export const rng = v.picklist(['torch-cpu'], (issue) =>
  issue.input === 'torch-cuda'
    ? '"torch-cuda" is not supported yet (reserved for the CUDA generator); only "torch-cpu" is'
    : got('"torch-cpu"')(issue),
);

const NORMALIZER_REFUSALS = new Map<unknown, string>([
  [
    'homoglyphs',
    '"homoglyphs" is not supported: the reference picks replacements from a Python set whose order ' +
    'depends on the process hash seed, so its output cannot be reproduced outside its own Python process',
  ],
  [
    'truecase',
    '"truecase" is not supported: it needs a statistical tagger (spaCy or NLTK) whose output cannot be reproduced',
  ],
]);

export const normalizer = v.picklist(
  NORMALIZERS,
  (issue) =>
    NORMALIZER_REFUSALS.get(issue.input) ?? got('"unicode" (the only supported normalizer)')(issue),
);

export const testVector = v.pipe(
  v.strictObject(
    {
      ids: v.pipe(
        v.array(integerAtLeast(0), got('an array of token ids')),
        v.check((ids) => ids.length <= MAX_TEST_VECTOR_IDS, (issue) => `must hold at most ${MAX_TEST_VECTOR_IDS} ids, got ${(issue.input as unknown[]).length}`),
      ),
      numTokensScored: integerAtLeast(0),
      numGreenTokens: integerAtLeast(0),
    },
    objectMessage,
  ),
  v.forward(
    v.partialCheck(
      [['numTokensScored'], ['numGreenTokens']],
      (tv) => tv.numGreenTokens <= tv.numTokensScored,
      ({ input }) => `must not exceed numTokensScored (${input.numTokensScored}), got ${input.numGreenTokens}`,
    ),
    ['numGreenTokens'],
  ),
);

const ruleFields = {
  implementation: v.picklist(IMPLEMENTATIONS, got(`one of ${listOf(IMPLEMENTATIONS)}`)),
  seeding: nonEmptyString,
  contextWidth: v.optional(integerAtLeast(1)),
  hashKey: v.optional(hashKey),
};
const ignoreRepeatedNgrams = v.optional(v.boolean(got('true or false')));

export const keySchema = v.strictObject(
  {
    kid: nonEmptyString,
    scheme: v.literal('kgw', got('"kgw", "synthid" or "unigram"')),
    ...ruleFields,
    gamma,
    vocabSize,
    selectGreenTokens: v.optional(v.boolean(got('true or false'))),
    rng,
    tokenizer: tokenizerSchema,
    bosTokenId: v.optional(v.nullable(integerAtLeast(0))),
    detection: v.optional(
      v.strictObject(
        {
          ignoreRepeatedNgrams,
          normalizers: v.optional(v.array(normalizer, got('an array of normalizer names'))),
        },
        objectMessage,
      ),
    ),
    testVectors: v.optional(
      v.pipe(
        v.array(testVector, got('an array of test vectors')),
        v.check(
          (vectors) => vectors.length <= MAX_TEST_VECTORS_PER_KEY,
          (issue) => `must hold at most ${MAX_TEST_VECTORS_PER_KEY} test vectors, got ${(issue.input as unknown[]).length}`,
        ),
      ),
    ),
  },
  objectMessage,
);

export type RawKey = v.InferOutput<typeof keySchema>;

/**
 * Just the fields that the implementation-specific rules (resolve-key.ts) look at, so those rules can
 * run, and report, even when some unrelated field of the key is broken.
 */
export const keyRulesSchema = v.looseObject({
  ...ruleFields,
  detection: v.optional(v.looseObject({ ignoreRepeatedNgrams })),
});

export type KeyRuleFields = v.InferOutput<typeof keyRulesSchema>;
