import { describe, expect, it } from 'vitest';
import { KeySetError, type KeySetIssue } from './errors';
import { isExpired, parseKeySetDocument } from './parse';
import { kgwKeyOf } from './kgw-key';
import type { KgwKeySpec } from './types';

type Json = Record<string, any>;

/** A document using every field of the format. */
function fullDocument(): Json {
  return {
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'org.example.acme',
    name: 'Acme LLM watermark',
    publisher: { name: 'Acme', url: 'https://acme.example' },
    version: 3,
    issued: '2026-11-01T00:00:00Z',
    expires: '2027-11-01T00:00:00Z',
    keys: [
      {
        kid: 'acme-2026-a',
        scheme: 'kgw',
        implementation: 'lm-watermarking',
        seeding: 'selfhash',
        contextWidth: 4,
        hashKey: 15485863,
        gamma: 0.25,
        vocabSize: 50257,
        selectGreenTokens: true,
        rng: 'torch-cpu',
        tokenizer: { encoding: 'gpt2' },
        bosTokenId: null,
        detection: { ignoreRepeatedNgrams: true, normalizers: ['unicode'] },
        testVectors: [{ ids: [1, 2, 3], numTokensScored: 2, numGreenTokens: 1 }],
      },
    ],
  };
}

/** Only the required fields of a key. */
function minimalKey(implementation: string, seeding: string, extra: Json = {}): Json {
  return {
    kid: `k-${implementation}-${seeding}`,
    scheme: 'kgw',
    implementation,
    seeding,
    gamma: 0.25,
    vocabSize: 50257,
    rng: 'torch-cpu',
    tokenizer: { encoding: 'gpt2' },
    ...extra,
  };
}

function withKeys(...keys: Json[]): Json {
  return { ...fullDocument(), keys };
}

function parse(doc: Json) {
  return parseKeySetDocument(JSON.stringify(doc));
}

function issuesOf(input: Json | string): KeySetIssue[] {
  try {
    parseKeySetDocument(typeof input === 'string' ? input : JSON.stringify(input));
  } catch (e) {
    if (e instanceof KeySetError) return e.issues;
    throw e;
  }
  throw new Error('expected the document to be refused');
}

/** Deep copy of the full document with one change applied. */
function changed(edit: (doc: Json) => void): Json {
  const doc = fullDocument();
  edit(doc);
  return doc;
}

describe('parseKeySetDocument: valid documents', () => {
  it('reads a document that uses every field', () => {
    const set = parseKeySetDocument(new TextEncoder().encode(JSON.stringify(fullDocument())));
    expect(set).toEqual({
      id: 'org.example.acme',
      name: 'Acme LLM watermark',
      publisher: { name: 'Acme', url: 'https://acme.example' },
      version: 3,
      issued: '2026-11-01T00:00:00Z',
      expires: '2027-11-01T00:00:00Z',
      keys: [
        {
          kid: 'acme-2026-a',
          scheme: 'kgw',
          implementation: 'lm-watermarking',
          seeding: 'selfhash',
          contextWidth: 4,
          hashKey: 15485863n,
          lmwScheme: { prfType: 'anchored_minhash_prf', contextWidth: 4, selfSalt: true },
          gamma: 0.25,
          vocabSize: 50257,
          selectGreenTokens: true,
          rng: 'torch-cpu',
          tokenizer: { encoding: 'gpt2' },
          bosTokenId: null,
          detection: { ignoreRepeatedNgrams: true, normalizers: ['unicode'] },
          testVectors: [{ ids: [1, 2, 3], numTokensScored: 2, numGreenTokens: 1 }],
        },
      ],
    });
  });

  it('ignores unknown top-level fields and unknown publisher fields', () => {
    const set = parse({ ...fullDocument(), homepage: 'x', $comment: 1, publisher: { name: 'Acme', logo: 'y' } });
    expect(set.publisher).toEqual({ name: 'Acme' });
    expect(set).not.toHaveProperty('homepage');
  });

  it('leaves out expires when the document has none', () => {
    const doc = fullDocument();
    delete doc.expires;
    expect(parse(doc)).not.toHaveProperty('expires');
  });

  it('fills in the defaults of an lm-watermarking key', () => {
    const [key] = parse(withKeys(minimalKey('lm-watermarking', 'lefthash'))).keys as KgwKeySpec[];
    expect(key).toMatchObject({
      contextWidth: 1,
      hashKey: 15485863n, // the seeding scheme's own key
      lmwScheme: { prfType: 'additive_prf', contextWidth: 1, selfSalt: false },
      selectGreenTokens: true,
      bosTokenId: null,
      detection: { ignoreRepeatedNgrams: true, normalizers: [] },
      testVectors: [],
    });
  });

  it('fills in the defaults of an lm-watermarking-legacy key', () => {
    const [key] = parse(withKeys(minimalKey('lm-watermarking-legacy', 'simple_1', { hashKey: 7 }))).keys as KgwKeySpec[];
    expect(key).toMatchObject({
      contextWidth: 1,
      hashKey: 7n,
      lmwScheme: { prfType: 'additive_prf', contextWidth: 1, selfSalt: false },
      selectGreenTokens: true,
      bosTokenId: null,
      detection: { ignoreRepeatedNgrams: true, normalizers: [] },
      testVectors: [],
    });
  });

  it('fills in the defaults of an hf-transformers key', () => {
    const [key] = parse(withKeys(minimalKey('hf-transformers', 'selfhash', { hashKey: 15485863 }))).keys as KgwKeySpec[];
    expect(key).toMatchObject({
      seeding: 'selfhash',
      contextWidth: 1,
      hashKey: 15485863n,
      selectGreenTokens: true,
      bosTokenId: null,
      detection: { ignoreRepeatedNgrams: false, normalizers: [] },
      testVectors: [],
    });
    expect(key).not.toHaveProperty('lmwScheme');
  });

  it('keeps explicit non-default values', () => {
    const [key] = parse(
      withKeys(
        minimalKey('hf-transformers', 'lefthash', {
          contextWidth: 4,
          hashKey: 1,
          selectGreenTokens: false,
          bosTokenId: 0,
          detection: { ignoreRepeatedNgrams: false, normalizers: ['unicode'] },
        }),
      ),
    ).keys as KgwKeySpec[];
    expect(key).toMatchObject({
      contextWidth: 4,
      hashKey: 1n,
      selectGreenTokens: false,
      bosTokenId: 0,
      detection: { ignoreRepeatedNgrams: false, normalizers: ['unicode'] },
    });
  });

  it('lets hashKey replace the default salt of an alias or of an ff- string without a key', () => {
    const keys = parse(
      withKeys(
        minimalKey('lm-watermarking', 'lefthash', { kid: 'a', hashKey: 7 }),
        minimalKey('lm-watermarking', 'ff-additive_prf-1-False', { kid: 'b', hashKey: 8 }),
      ),
    ).keys;
    expect(keys.map((k) => kgwKeyOf(k).hashKey)).toEqual([7n, 8n]);
  });

  it('takes the key written in an ff- string, and accepts a hashKey that agrees with it', () => {
    const keys = parse(
      withKeys(
        minimalKey('lm-watermarking', 'ff-additive_prf-1-False-7', { kid: 'a' }),
        minimalKey('lm-watermarking', 'ff-additive_prf-1-False-7', { kid: 'b', hashKey: '7' }),
      ),
    ).keys;
    expect(keys.map((k) => kgwKeyOf(k).hashKey)).toEqual([7n, 7n]);
  });

  it('reads hash keys beyond 2^53 exactly when written as decimal strings', () => {
    const keys = parse(
      withKeys(
        minimalKey('hf-transformers', 'lefthash', { kid: 'a', hashKey: '18446744073709551615' }),
        minimalKey('hf-transformers', 'lefthash', { kid: 'b', hashKey: '9007199254740993' }),
        minimalKey('hf-transformers', 'lefthash', { kid: 'c', hashKey: '123456789012345678901234567890' }),
        minimalKey('hf-transformers', 'lefthash', { kid: 'd', hashKey: Number.MAX_SAFE_INTEGER }),
        minimalKey('hf-transformers', 'lefthash', { kid: 'e', hashKey: '0' }),
      ),
    ).keys;
    expect(keys.map((k) => kgwKeyOf(k).hashKey)).toEqual([
      18446744073709551615n,
      9007199254740993n,
      123456789012345678901234567890n,
      9007199254740991n,
      0n,
    ]);
  });

  it('accepts date-times with offsets and fractions, comparing instants', () => {
    const set = parse({ ...fullDocument(), issued: '2026-11-01T10:00:00+02:00', expires: '2026-11-01T08:00:00.001Z' });
    expect(set.expires).toBe('2026-11-01T08:00:00.001Z');
  });
});

describe('parseKeySetDocument: refusals name the field and the reason', () => {
  it.each<[string, (doc: Json) => void, string, string]>([
    ['wrong format', (d) => (d.format = 'other'), 'format', 'must be "watermark-keyset", got "other"'],
    [
      'newer format version',
      (d) => (d.formatVersion = 2),
      'formatVersion',
      'must be 1 (the only format version this reader understands), got 2',
    ],
    [
      'id with capitals',
      (d) => (d.id = 'Org.Acme'),
      'id',
      'must be 1–128 characters of a-z, 0-9, "." and "-", starting with a letter or digit ([a-z0-9][a-z0-9.-]{0,127}), got "Org.Acme"',
    ],
    ['id starting with a dot', (d) => (d.id = '.acme'), 'id', 'got ".acme"'],
    ['id of 129 characters', (d) => (d.id = 'a'.repeat(129)), 'id', 'must be 1–128 characters'],
    ['missing name', (d) => delete d.name, 'name', 'required'],
    ['blank name', (d) => (d.name = '  '), 'name', 'must be a non-empty string, got "  "'],
    ['publisher without name', (d) => (d.publisher = {}), 'publisher.name', 'required'],
    ['publisher not an object', (d) => (d.publisher = 'Acme'), 'publisher', 'must be a JSON object, got "Acme"'],
    [
      'publisher url not http(s)',
      (d) => (d.publisher.url = 'javascript:alert(1)'),
      'publisher.url',
      'must be an http or https URL, got "javascript:alert(1)"',
    ],
    ['fractional version', (d) => (d.version = 1.5), 'version', 'must be an integer ≥ 0, got 1.5'],
    ['negative version', (d) => (d.version = -1), 'version', 'must be an integer ≥ 0, got -1'],
    ['version as a string', (d) => (d.version = '3'), 'version', 'must be an integer ≥ 0, got "3"'],
    [
      'issued without a time',
      (d) => (d.issued = '2026-11-01'),
      'issued',
      'must be an ISO-8601 date-time with seconds and a time zone, e.g. "2026-11-01T00:00:00Z", got "2026-11-01"',
    ],
    ['issued without a zone', (d) => (d.issued = '2026-11-01T00:00:00'), 'issued', 'got "2026-11-01T00:00:00"'],
    ['expires on a day that does not exist', (d) => (d.expires = '2027-02-30T00:00:00Z'), 'expires', 'got "2027-02-30T00:00:00Z"'],
    [
      'expires before issued',
      (d) => (d.expires = '2026-10-01T00:00:00Z'),
      'expires',
      'must be after issued (2026-11-01T00:00:00Z), got 2026-10-01T00:00:00Z',
    ],
    ['expires equal to issued', (d) => (d.expires = '2026-11-01T01:00:00+01:00'), 'expires', 'must be after issued'],
    ['no keys', (d) => (d.keys = []), 'keys', 'must contain at least one key'],
    ['keys missing', (d) => delete d.keys, 'keys', 'required'],
    ['keys not an array', (d) => (d.keys = {}), 'keys', 'must be a non-empty array of keys, got an object'],
    ['a key that is not an object', (d) => (d.keys = [7]), 'keys[0]', 'must be a JSON object, got 7'],
    ['missing kid', (d) => delete d.keys[0].kid, 'keys[0].kid', 'required'],
    ['scheme not known', (d) => (d.keys[0].scheme = 'bogus'), 'keys[0].scheme', 'must be "kgw", "synthid" or "unigram", got "bogus"'],
    [
      'unknown implementation',
      (d) => (d.keys[0].implementation = 'tgi'),
      'keys[0].implementation',
      'must be one of "lm-watermarking", "lm-watermarking-legacy", "hf-transformers", got "tgi"',
    ],
    ['empty seeding', (d) => (d.keys[0].seeding = ''), 'keys[0].seeding', 'must be a non-empty string, got ""'],
    [
      'contextWidth contradicting an lm-watermarking seeding',
      (d) => (d.keys[0].contextWidth = 2),
      'keys[0].contextWidth',
      '2 contradicts seeding "selfhash", whose context width is 4; lm-watermarking takes it from the seeding, so leave contextWidth out',
    ],
    ['negative hashKey', (d) => (d.keys[0].hashKey = -1), 'keys[0].hashKey', 'must be non-negative, got -1'],
    ['fractional hashKey', (d) => (d.keys[0].hashKey = 1.5), 'keys[0].hashKey', 'must be an integer, got 1.5'],
    [
      'hashKey as an unsafe JSON number',
      (d) => (d.keys[0].hashKey = 2 ** 64),
      'keys[0].hashKey',
      '18446744073709552000 is too large for a JSON number: integers above 2^53 − 1 were already rounded when the JSON was parsed, so the exact key is lost; write it as a decimal string, e.g. "18446744073709551557"',
    ],
    ['hashKey in hex', (d) => (d.keys[0].hashKey = '0x10'), 'keys[0].hashKey', 'must be a decimal string of digits 0-9, got "0x10"'],
    ['hashKey with a sign', (d) => (d.keys[0].hashKey = '-5'), 'keys[0].hashKey', 'must be a decimal string of digits 0-9, got "-5"'],
    ['empty hashKey string', (d) => (d.keys[0].hashKey = ''), 'keys[0].hashKey', 'must be a decimal string of digits 0-9, got ""'],
    [
      'hashKey of the wrong type',
      (d) => (d.keys[0].hashKey = true),
      'keys[0].hashKey',
      'must be a non-negative integer, as a JSON number or a decimal string, got true',
    ],
    ['gamma of 0', (d) => (d.keys[0].gamma = 0), 'keys[0].gamma', 'must be between 0 and 1 (exclusive), got 0'],
    ['gamma of 1', (d) => (d.keys[0].gamma = 1), 'keys[0].gamma', 'must be between 0 and 1 (exclusive), got 1'],
    ['gamma as a string', (d) => (d.keys[0].gamma = '0.25'), 'keys[0].gamma', 'must be a number, got "0.25"'],
    ['missing gamma', (d) => delete d.keys[0].gamma, 'keys[0].gamma', 'required'],
    ['vocabSize of 1', (d) => (d.keys[0].vocabSize = 1), 'keys[0].vocabSize', 'must be an integer from 2 to 1048576 (2^20), got 1'],
    ['vocabSize too large', (d) => (d.keys[0].vocabSize = 214748364), 'keys[0].vocabSize', 'got 214748364'],
    // The reproduction of issue 12: 1.7 GiB of tables per distinct value below torch's large-n branch.
    ['vocabSize above 2^20', (d) => (d.keys[0].vocabSize = 214748363), 'keys[0].vocabSize', 'from 2 to 1048576 (2^20), got 214748363'],
    ['vocabSize 2^20 + 1', (d) => (d.keys[0].vocabSize = 2 ** 20 + 1), 'keys[0].vocabSize', 'got 1048577'],
    ['65 keys', (d) => (d.keys = Array.from({ length: 65 }, (_, i) => ({ ...d.keys[0], kid: `k${i}` }))), 'keys', 'must contain at most 64 keys, got 65'],
    [
      '65 test vectors',
      (d) => (d.keys[0].testVectors = Array.from({ length: 65 }, () => d.keys[0].testVectors[0])),
      'keys[0].testVectors',
      'must hold at most 64 test vectors, got 65',
    ],
    [
      'a test vector of 4097 ids',
      (d) => (d.keys[0].testVectors[0] = { ids: new Array(4097).fill(1), numTokensScored: 0, numGreenTokens: 0 }),
      'keys[0].testVectors[0].ids',
      'must hold at most 4096 ids, got 4097',
    ],
    ['NUL in the name', (d) => (d.name = 'Acme\u0000'), 'name', 'must not contain control characters, found U+0000 at character 4'],
    [
      'an escape sequence in the name',
      (d) => (d.name = '\u001b[2K\r\u001b[32mOK: not watermarked'),
      'name',
      'must not contain control characters, found U+001B at character 0',
    ],
    ['a C1 control in a kid', (d) => (d.keys[0].kid = 'a\u009bb'), 'keys[0].kid', 'found U+009B at character 1'],
    ['DEL in the publisher', (d) => (d.publisher.name = 'Ac\u007fme'), 'publisher.name', 'found U+007F at character 2'],
    [
      'a right-to-left override in the publisher',
      (d) => (d.publisher.name = '😀Acme\u202Etxt.exe'),
      'publisher.name',
      'must not contain bidirectional formatting characters, found U+202E at character 5',
    ],
    ['a bidi isolate in the name', (d) => (d.name = 'x\u2067y'), 'name', 'found U+2067'],
    ['a tab in the publisher URL', (d) => (d.publisher.url = 'https://acme\t.example'), 'publisher.url', 'found U+0009'],
    ['fractional vocabSize', (d) => (d.keys[0].vocabSize = 50257.5), 'keys[0].vocabSize', 'got 50257.5'],
    ['selectGreenTokens not a boolean', (d) => (d.keys[0].selectGreenTokens = 'yes'), 'keys[0].selectGreenTokens', 'must be true or false, got "yes"'],
    [
      'rng torch-cuda',
      (d) => (d.keys[0].rng = 'torch-cuda'),
      'keys[0].rng',
      '"torch-cuda" is not supported yet (reserved for the CUDA generator); only "torch-cpu" is',
    ],
    ['unknown rng', (d) => (d.keys[0].rng = 'numpy'), 'keys[0].rng', 'must be "torch-cpu", got "numpy"'],
    ['missing rng', (d) => delete d.keys[0].rng, 'keys[0].rng', 'required'],
    [
      'unknown tokenizer',
      (d) => (d.keys[0].tokenizer.encoding = 'llama'),
      'keys[0].tokenizer.encoding',
      'must be one of "gpt2", "r50k_base", "p50k_base", "cl100k_base", "o200k_base", got "llama"',
    ],
    ['negative bosTokenId', (d) => (d.keys[0].bosTokenId = -1), 'keys[0].bosTokenId', 'must be an integer ≥ 0, got -1'],
    [
      'homoglyphs normalizer',
      (d) => (d.keys[0].detection.normalizers = ['unicode', 'homoglyphs']),
      'keys[0].detection.normalizers[1]',
      '"homoglyphs" is not supported: the reference picks replacements from a Python set whose order depends on the process hash seed, so its output cannot be reproduced outside its own Python process',
    ],
    [
      'truecase normalizer',
      (d) => (d.keys[0].detection.normalizers = ['truecase']),
      'keys[0].detection.normalizers[0]',
      '"truecase" is not supported: it needs a statistical tagger (spaCy or NLTK) whose output cannot be reproduced',
    ],
    [
      'unknown normalizer',
      (d) => (d.keys[0].detection.normalizers = ['nfkc']),
      'keys[0].detection.normalizers[0]',
      'must be "unicode" (the only supported normalizer), got "nfkc"',
    ],
    [
      'a normalizer name that is an Object.prototype property',
      (d) => (d.keys[0].detection.normalizers = ['constructor']),
      'keys[0].detection.normalizers[0]',
      'must be "unicode" (the only supported normalizer), got "constructor"',
    ],
    [
      'negative token id in a test vector',
      (d) => (d.keys[0].testVectors[0].ids = [1, -2, 3]),
      'keys[0].testVectors[0].ids[1]',
      'must be an integer ≥ 0, got -2',
    ],
    [
      'fractional count in a test vector',
      (d) => (d.keys[0].testVectors[0].numTokensScored = 2.5),
      'keys[0].testVectors[0].numTokensScored',
      'must be an integer ≥ 0, got 2.5',
    ],
    ['test vector without counts', (d) => delete d.keys[0].testVectors[0].numGreenTokens, 'keys[0].testVectors[0].numGreenTokens', 'required'],
    [
      'more green tokens than scored',
      (d) => (d.keys[0].testVectors[0].numGreenTokens = 3),
      'keys[0].testVectors[0].numGreenTokens',
      'must not exceed numTokensScored (2), got 3',
    ],
    [
      'misspelled key field',
      (d) => (d.keys[0].selectGreenToken = false),
      'keys[0].selectGreenToken',
      'unknown field (not part of this format version; check the spelling)',
    ],
    [
      'misspelled detection field',
      (d) => (d.keys[0].detection.ignoreRepeatedBigrams = false),
      'keys[0].detection.ignoreRepeatedBigrams',
      'unknown field (not part of this format version; check the spelling)',
    ],
  ])('%s', (_, edit, path, message) => {
    const issues = issuesOf(changed(edit));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(path);
    expect(issues[0].message).toContain(message);
  });

  it('gives the exact message for an out-of-range gamma on the second key', () => {
    const doc = withKeys(minimalKey('lm-watermarking', 'lefthash'), minimalKey('lm-watermarking', 'selfhash', { gamma: 1.5 }));
    expect(issuesOf(doc)).toEqual([{ path: 'keys[1].gamma', message: 'must be between 0 and 1 (exclusive), got 1.5' }]);
  });

  it('refuses a duplicate kid, naming the first one', () => {
    const doc = withKeys(
      minimalKey('lm-watermarking', 'lefthash', { kid: 'a' }),
      minimalKey('lm-watermarking', 'selfhash', { kid: 'b' }),
      minimalKey('lm-watermarking', 'minhash', { kid: 'a' }),
    );
    expect(issuesOf(doc)).toEqual([{ path: 'keys[2].kid', message: 'duplicate kid "a" (also keys[0].kid)' }]);
  });

  it('refuses an lm-watermarking seeding string the scheme parser rejects', () => {
    const issues = issuesOf(withKeys(minimalKey('lm-watermarking', 'no-such-scheme')));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('keys[0].seeding');
    expect(issues[0].message).not.toBe('');
  });

  it('refuses a hashKey that contradicts the key inside an ff- seeding string', () => {
    const doc = withKeys(minimalKey('lm-watermarking', 'ff-additive_prf-1-False-7', { hashKey: '8' }));
    expect(issuesOf(doc)).toEqual([
      {
        path: 'keys[0].hashKey',
        message: '8 differs from the key 7 written in seeding "ff-additive_prf-1-False-7"; give the key in one place only',
      },
    ]);
  });

  it('allows only simple_1 for lm-watermarking-legacy', () => {
    const doc = withKeys(minimalKey('lm-watermarking-legacy', 'lefthash', { hashKey: 1 }));
    expect(issuesOf(doc)).toEqual([
      {
        path: 'keys[0].seeding',
        message: 'lm-watermarking-legacy knows only "simple_1" (its detector refuses every other scheme), got "lefthash"',
      },
    ]);
  });

  it('allows only lefthash and selfhash for hf-transformers', () => {
    const doc = withKeys(minimalKey('hf-transformers', 'minhash', { hashKey: 1 }));
    expect(issuesOf(doc)).toEqual([
      { path: 'keys[0].seeding', message: 'hf-transformers knows only "lefthash" and "selfhash", got "minhash"' },
    ]);
  });

  it('requires contextWidth ≥ 1 for hf-transformers', () => {
    const doc = withKeys(minimalKey('hf-transformers', 'lefthash', { hashKey: 1, contextWidth: 0 }));
    expect(issuesOf(doc)).toEqual([{ path: 'keys[0].contextWidth', message: 'must be an integer ≥ 1, got 0' }]);
  });

  it('requires hashKey for hf-transformers and lm-watermarking-legacy', () => {
    const doc = withKeys(
      minimalKey('hf-transformers', 'lefthash'),
      minimalKey('lm-watermarking-legacy', 'simple_1'),
    );
    expect(issuesOf(doc)).toEqual([
      { path: 'keys[0].hashKey', message: 'required for hf-transformers keys' },
      { path: 'keys[1].hashKey', message: 'required for lm-watermarking-legacy keys' },
    ]);
  });

  it('refuses ignoreRepeatedNgrams for hf-transformers, whose reference ignores it', () => {
    const doc = withKeys(minimalKey('hf-transformers', 'lefthash', { hashKey: 1, detection: { ignoreRepeatedNgrams: true } }));
    expect(issuesOf(doc)).toEqual([
      {
        path: 'keys[0].detection.ignoreRepeatedNgrams',
        message:
          'must be false for hf-transformers: its detector accepts the flag but never merges repeated n-grams ' +
          '(they are counted by tensor identity), so true would not reproduce its counts',
      },
    ]);
  });

  it('refuses a document that is not a JSON object', () => {
    expect(issuesOf('[1, 2]')).toEqual([{ path: '', message: 'document must be a JSON object, got an array' }]);
    expect(issuesOf('null')).toEqual([{ path: '', message: 'document must be a JSON object, got null' }]);
  });

  it('quotes odd member names in paths', () => {
    expect(issuesOf(changed((d) => (d.keys[0]['two words'] = 1)))).toEqual([
      { path: 'keys[0]["two words"]', message: 'unknown field (not part of this format version; check the spelling)' },
    ]);
  });
});

describe('parseKeySetDocument: collecting issues', () => {
  it('reports problems in the header and in several keys at once', () => {
    const doc = {
      ...fullDocument(),
      formatVersion: 2,
      name: '',
      version: -3,
      keys: [
        minimalKey('lm-watermarking', 'lefthash', { kid: 'a', gamma: 2, rng: 'torch-cuda' }),
        minimalKey('hf-transformers', 'selfhash', { kid: 'b', detection: { normalizers: ['homoglyphs'] } }),
        minimalKey('lm-watermarking', 'selfhash', { kid: 'a', hashKey: -1 }),
        minimalKey('lm-watermarking', 'selfhash', { kid: 'c' }), // fine
      ],
    };
    let error: unknown;
    try {
      parse(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeySetError);
    const { issues, message } = error as KeySetError;
    expect(issues.map((i) => i.path)).toEqual([
      'formatVersion',
      'name',
      'version',
      'keys[0].gamma',
      'keys[0].rng',
      'keys[1].detection.normalizers[0]',
      'keys[1].hashKey', // the implementation's rules still run when unrelated fields are broken
      'keys[2].kid',
      'keys[2].hashKey',
    ]);
    expect(message.split('\n')).toHaveLength(issues.length);
    expect(message.split('\n')[3]).toBe('keys[0].gamma: must be between 0 and 1 (exclusive), got 2');
  });

  it('checks a key\'s seeding even when an unrelated field of it is broken', () => {
    const key = minimalKey('lm-watermarking', 'no-such-scheme');
    delete key.tokenizer;
    expect(issuesOf(withKeys(key)).map((i) => i.path)).toEqual(['keys[0].tokenizer', 'keys[0].seeding']);
  });

  it('shows at most 50 issues in the message but keeps them all', () => {
    const doc = changed((d) => (d.keys[0].testVectors[0].ids = Array.from({ length: 60 }, () => -1)));
    let error: KeySetError | undefined;
    try {
      parse(doc);
    } catch (e) {
      error = e as KeySetError;
    }
    expect(error!.issues).toHaveLength(60);
    const lines = error!.message.split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[50]).toBe('… and 10 more issues');
  });
});

describe('isExpired', () => {
  const set = parse(fullDocument()); // expires 2027-11-01T00:00:00Z

  it('is false before expires and true from that instant on', () => {
    expect(isExpired(set, new Date('2027-10-31T23:59:59.999Z'))).toBe(false);
    expect(isExpired(set, new Date('2027-11-01T00:00:00.000Z'))).toBe(true);
    expect(isExpired(set, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('is never true without expires', () => {
    const doc = fullDocument();
    delete doc.expires;
    expect(isExpired(parse(doc), new Date('9999-01-01T00:00:00Z'))).toBe(false);
  });
});
