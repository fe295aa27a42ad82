// The `tokenizer` field of a key (design.md §3.1): a js-tiktoken encoding, or a Hugging Face
// tokenizer.json pinned by its SHA-256. One object schema with every field optional plus a check that
// exactly one kind is named, so each problem is reported at its own field path (a valibot union would
// only say "none of the alternatives matched").
import * as v from 'valibot';
import { describeValue } from './describe';
import { TOKENIZER_ENCODINGS } from './types';

type Received = { input: unknown };

const got = (expectation: string) => (issue: Received) => `must be ${expectation}, got ${describeValue(issue.input)}`;

function objectMessage(issue: Received & { expected: string | null }): string {
  if (issue.expected === 'never') return 'unknown field (not part of this format version; check the spelling)';
  if (issue.input === undefined && issue.expected?.startsWith('"')) return 'required';
  return got('a JSON object')(issue);
}

/** Plain http is for tests on this machine only: nothing then crosses a network unencrypted. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Long enough for any real address; a longer one is a mistake or an attack on the display. */
export const MAX_TOKENIZER_URL_LENGTH = 2048;
export const MAX_TOKENIZER_NAME_LENGTH = 200;

/**
 * Why `text` cannot be where a tokenizer file comes from, or undefined when it can: https, http on
 * localhost, file:, or a path relative to the key-set file (resolved by the host; the extension,
 * which has no key-set directory, accepts only the first two).
 */
export function tokenizerUrlProblem(text: string): string | undefined {
  if (text.trim() === '') return 'must be a non-empty URL or path';
  if (text.length > MAX_TOKENIZER_URL_LENGTH) return `must be at most ${MAX_TOKENIZER_URL_LENGTH} characters, got ${text.length}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Not an absolute URL: a path relative to the key-set file.
    return /[\u0000-\u001f]/.test(text) ? 'must not contain control characters' : undefined;
  }
  switch (url.protocol) {
    case 'https:':
      return url.username || url.password ? 'must not carry a user name or password' : undefined;
    case 'http:':
      if (!LOCAL_HOSTS.has(url.hostname)) {
        return `plain http is accepted only for localhost (tests); publish tokenizer files over https, got ${describeValue(text)}`;
      }
      return url.username || url.password ? 'must not carry a user name or password' : undefined;
    case 'file:':
      return undefined;
    default:
      return `must be an https URL, a file: URL or a path relative to the key set, not a ${url.protocol.replace(/:$/, '')}: URL`;
  }
}

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

function sha256Problem(input: string): string {
  const hex = input.replace(/^sha256[:-]/i, '');
  if (hex !== input && SHA256_HEX.test(hex)) return `must be the bare 64 hex digits, without the "${input.slice(0, 7)}" prefix`;
  if (/^[0-9a-fA-F]*$/.test(input)) return `must be 64 hex digits (the SHA-256 of the file's bytes), got ${input.length} digits`;
  return `must be 64 hex digits (0-9, a-f: the SHA-256 of the file's bytes), got ${describeValue(input)}`;
}

const huggingFaceFile = v.strictObject(
  {
    url: v.pipe(
      v.string(got('a URL or path (string)')),
      v.check((s) => tokenizerUrlProblem(s) === undefined, (issue) => tokenizerUrlProblem(issue.input as string)!),
    ),
    sha256: v.pipe(
      v.string(got('64 hex digits (string)')),
      v.check((s) => SHA256_HEX.test(s), (issue) => sha256Problem(issue.input as string)),
      // Hashes are compared and used as cache keys in lower case.
      v.transform((s) => s.toLowerCase()),
    ),
    name: v.pipe(
      v.string(got('a non-empty string, e.g. "Qwen/Qwen2.5-1.5B-Instruct"')),
      v.check((s) => s.trim() !== '', got('a non-empty string, e.g. "Qwen/Qwen2.5-1.5B-Instruct"')),
      v.check((s) => s.length <= MAX_TOKENIZER_NAME_LENGTH, (issue) => `must be at most ${MAX_TOKENIZER_NAME_LENGTH} characters, got ${(issue.input as string).length}`),
    ),
  },
  objectMessage,
);

const listOf = (values: readonly string[]) => values.map((x) => `"${x}"`).join(', ');

export const tokenizerSchema = v.pipe(
  v.strictObject(
    {
      encoding: v.optional(v.picklist(TOKENIZER_ENCODINGS, got(`one of ${listOf(TOKENIZER_ENCODINGS)}`))),
      huggingface: v.optional(huggingFaceFile),
      addSpecialTokens: v.optional(v.boolean(got('true or false'))),
    },
    objectMessage,
  ),
  v.check(
    (t) => (t.encoding === undefined) !== (t.huggingface === undefined),
    (issue) =>
      (issue.input as { encoding?: unknown }).encoding === undefined
        ? `must name a tokenizer: "encoding" (one of ${listOf(TOKENIZER_ENCODINGS)}) or "huggingface" ({ url, sha256, name })`
        : 'must name one tokenizer: "encoding" or "huggingface", not both',
  ),
  v.forward(
    v.partialCheck(
      [['encoding'], ['addSpecialTokens']],
      (t) => !(t.encoding !== undefined && t.addSpecialTokens !== undefined),
      'applies only to "huggingface" tokenizers (a js-tiktoken encoding never adds special tokens)',
    ),
    ['addSpecialTokens'],
  ),
);

export type RawTokenizer = v.InferOutput<typeof tokenizerSchema>;
