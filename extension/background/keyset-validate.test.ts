// The validation matrix, through the same functions the background runs (the Worker's compile is the
// core's compileKeySet, called here directly).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKeySet } from '../../src/detect';
import type { HostCompileReply, KeySetPayload } from '../shared/messages';
import { inspectBytes, inspectText, validate } from './keyset-validate';

const FIXTURE = new URL('../../e2e/fixtures/keysets/e2e-keyset.json', import.meta.url);
const bytes = readFileSync(FIXTURE);
const base = JSON.parse(bytes.toString('utf8'));
const NOW = Date.parse('2027-01-01T00:00:00Z');

async function compile(k: KeySetPayload): Promise<HostCompileReply> {
  try {
    const c = await compileKeySet(k.document);
    return { ok: true, meta: { id: c.id, name: c.name, version: c.version, fingerprint: c.fingerprint } };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
const check = async (b: Uint8Array | string) =>
  validate(await inspectBytes(typeof b === 'string' ? new TextEncoder().encode(b) : b, NOW), compile);
const withKey = (over: Record<string, unknown>) => JSON.stringify({ ...base, keys: [{ ...base.keys[0], ...over }] });

describe('key-set validation', () => {
  it('accepts a SynthID key set (vectors reproduced by the core) and describes its keys', async () => {
    const synthid = readFileSync(new URL('../../public/keysets/synthid-docs-example.json', import.meta.url));
    const r = await check(synthid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.schemes).toEqual(['synthid hf-transformers (30 layers, n-gram 5)', 'synthid synthid-text (30 layers, n-gram 5)']);
    expect(r.preview.tokenizers).toEqual(['gpt2']);
    const broken = JSON.parse(synthid.toString('utf8'));
    broken.keys[0].testVectors[0].numTokensScored += 1;
    const refused = await check(JSON.stringify(broken));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/keys\[0\]\.testVectors\[0\]: expected numTokensScored/);
  });

  it('accepts the fixture and previews it', async () => {
    const r = await check(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document).toBe(bytes.toString('utf8'));
    expect(r.ref).toMatch(/^[0-9a-f]{64}$/);
    expect(r.preview).toMatchObject({
      id: 'test.wmlens.e2e-subscription',
      name: 'E2E Example Publisher keys',
      publisher: 'Example Publisher (e2e)',
      publisherUrl: 'https://publisher.example',
      version: 1,
      issued: '2026-11-01T00:00:00Z',
      expires: '2099-01-01T00:00:00Z',
      expired: false,
      numKeys: 1,
      schemes: ['kgw lm-watermarking lefthash (γ 0.25)'],
      tokenizers: ['gpt2'],
      sha256: r.ref,
      sizeBytes: bytes.byteLength,
    });
    expect(r.preview.fingerprint).toBe(`${r.ref.slice(0, 4)}:${r.ref.slice(4, 8)}:${r.ref.slice(8, 12)}:${r.ref.slice(12, 16)}`);
  });

  const refusals: [string, Uint8Array | string, string | RegExp][] = [
    ['non-JSON', '<!doctype html><p>Not here</p>', 'JSON syntax error at line 1, column 1: expected a JSON value, found "<"'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'document is not valid UTF-8 (first bad byte at offset 1)'],
    ['over 1 MiB', JSON.stringify({ ...base, padding: ' '.repeat(1 << 20) }), /^document is \d+ bytes; a key set may be at most 1 MiB/],
    ['wrong format', JSON.stringify({ ...base, format: 'keyset' }), 'format: must be "watermark-keyset", got "keyset"'],
    ['missing keys', JSON.stringify({ ...base, keys: undefined }), 'keys: required'],
    ['unknown scheme', withKey({ scheme: 'bogus' }), 'keys[0].scheme: must be "kgw", "synthid" or "unigram", got "bogus"'],
    ['unsupported implementation', withKey({ implementation: 'my-fork' }), /^keys\[0\]\.implementation: /],
    ['γ out of range', withKey({ gamma: 1 }), /^keys\[0\]\.gamma: must be between 0 and 1/],
    ['vocabSize too small', withKey({ vocabSize: 1 }), /^keys\[0\]\.vocabSize: /],
    ['negative hashKey', withKey({ hashKey: -1 }), /^keys\[0\]\.hashKey: /],
    ['duplicate kid', JSON.stringify({ ...base, keys: [base.keys[0], base.keys[0]] }), 'keys[1].kid: duplicate kid "e2e-lefthash-7919" (also keys[0].kid)'],
    [
      'a test vector that does not reproduce',
      withKey({ testVectors: [{ ...base.keys[0].testVectors[0], numGreenTokens: base.keys[0].testVectors[0].numGreenTokens + 1 }] }),
      /^keys\[0\]\.testVectors\[0\]: expected numGreenTokens \d+, got \d+$/,
    ],
  ];
  for (const [what, doc, message] of refusals) {
    it(`refuses ${what} with a message naming the problem`, async () => {
      const r = await check(doc);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      if (typeof message === 'string') expect(r.error).toBe(message);
      else expect(r.error).toMatch(message);
    });
  }

  it('accepts a unigram key beside a KGW key, previews its scheme, and refuses a wrong unigram vector', async () => {
    const uni = {
      kid: 'uni-42', scheme: 'unigram', implementation: 'unigram-watermark', watermarkKey: '42', fraction: 0.5,
      vocabSize: 50257, tokenizer: { encoding: 'gpt2' },
      // From unigram.json (unigram-0002): 10 ids, 6 of them green under key 42.
      testVectors: [{ ids: [25648, 44979, 38464, 47417, 40342, 25648, 44979, 38464, 47417, 40342], numTokensScored: 10, numGreenTokens: 6 }],
    };
    const r = await check(JSON.stringify({ ...base, keys: [base.keys[0], uni] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.preview.numKeys).toBe(2);
    expect(r.preview.schemes).toContain('unigram unigram-watermark (fraction 0.5, vocabulary 50257)');
    const bad = { ...uni, testVectors: [{ ...uni.testVectors[0], numGreenTokens: 5 }] };
    const refused = await check(JSON.stringify({ ...base, keys: [bad] }));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/keys\[0\]\.testVectors\[0\]: expected numGreenTokens 5, got 6/);
  });

  it('does not ask the Worker when the document is already refused', async () => {
    let asked = 0;
    const r = await validate(await inspectBytes(new TextEncoder().encode('[]'), NOW), async () => {
      asked++;
      return { ok: true, meta: { id: '', name: '', version: 0, fingerprint: '' } };
    });
    expect(r.ok).toBe(false);
    expect(asked).toBe(0);
  });

  it('a compute host that fails is a refusal, not an acceptance', async () => {
    const r = await validate(await inspectBytes(bytes, NOW), () => Promise.reject(new Error('offscreen document gone')));
    expect(r).toEqual({ ok: false, error: 'the test vectors could not be checked: offscreen document gone' });
  });

  it('keeps a byte-order mark so the stored text re-encodes to the same bytes (same fingerprint)', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    const a = await inspectBytes(withBom, NOW);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect([...new TextEncoder().encode(a.document)]).toEqual([...withBom]);
    const b = await inspectText(a.document, NOW);
    expect(b.ok && b.ref).toBe(a.ref);
  });

  it('re-checks text coming back from the popup, lone surrogates included', async () => {
    expect((await inspectText('{"x":"\uD800"}', NOW)).ok).toBe(false);
    expect(await inspectText(' '.repeat((1 << 20) + 1), NOW)).toMatchObject({ ok: false, error: expect.stringMatching(/at most 1 MiB/) });
  });

  it('previews an expired set as expired', async () => {
    const r = await inspectBytes(new TextEncoder().encode(JSON.stringify({ ...base, expires: '2026-12-01T00:00:00Z' })), NOW);
    expect(r.ok && r.preview.expired).toBe(true);
  });
});
