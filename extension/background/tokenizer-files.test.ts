// Tokenizer-file downloads and the IndexedDB store (fake-indexeddb: the same API in memory), on the
// real Qwen3 tokenizer.json: verified bytes are stored once by hash and shared, tampered, oversized
// or unpermitted downloads are refused and store nothing.
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HuggingFaceTokenizerFile } from '../../src/keyset/types';
import { MAX_TOKENIZER_FILE_BYTES } from '../../src/keyset/types';
import { testTokenizerPath } from '../../src/tokenize/hf/test-files';
import { deleteTokenizerFilesExcept, listTokenizerFiles, readTokenizerFile } from '../shared/tokenizer-store';
import { collectUnusedTokenizerFiles, downloadableUrl, ensureTokenizerFile, ensureTokenizerFiles, tokenizerNeeds } from './tokenizer-files';

const QWEN = readFileSync(testTokenizerPath('qwen3'));
const QWEN_SHA = createHash('sha256').update(QWEN).digest('hex');
const file = (url = 'https://tok.example/qwen/tokenizer.json', sha256 = QWEN_SHA): HuggingFaceTokenizerFile => ({ url, sha256, name: 'Qwen/Qwen3-0.6B' });
const keySetNaming = (...files: HuggingFaceTokenizerFile[]) => ({
  keys: files.map((f) => ({ tokenizer: { huggingface: f, addSpecialTokens: false } })) as never,
});

function server(body: () => BodyInit | null, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body(), { status: 200, headers });
  }) as unknown as typeof fetch;
  return { impl, calls };
}
const allowed = async () => true;

beforeEach(async () => {
  await deleteTokenizerFilesExcept(new Set(), Infinity);
});

describe('ensureTokenizerFile', () => {
  it('downloads without credentials, verifies, stores by hash, and reuses the stored copy', async () => {
    const s = server(() => QWEN, { 'content-length': String(QWEN.length) });
    expect(await ensureTokenizerFile(file(), { fetchImpl: s.impl, hasPermission: allowed, now: () => 1000 })).toBe(QWEN.length);
    expect(s.calls[0].init).toMatchObject({ credentials: 'omit', cache: 'no-store', redirect: 'follow' });
    expect(await listTokenizerFiles()).toEqual([{ sha256: QWEN_SHA, sizeBytes: QWEN.length, name: 'Qwen/Qwen3-0.6B', url: file().url, storedAt: 1000 }]);
    expect(Buffer.from((await readTokenizerFile(QWEN_SHA))!).equals(QWEN)).toBe(true);
    // Another key set naming the same bytes at another address: no second download.
    await ensureTokenizerFile(file('https://mirror.example/t.json'), { fetchImpl: s.impl, hasPermission: allowed });
    expect(s.calls).toHaveLength(1);
  });

  it('refuses a file whose hash is not the pinned one and stores nothing', async () => {
    const tampered = Buffer.from(QWEN);
    tampered[50] ^= 1;
    const s = server(() => tampered);
    await expect(ensureTokenizerFile(file(), { fetchImpl: s.impl, hasPermission: allowed })).rejects.toThrow(
      `tokenizer Qwen/Qwen3-0.6B from https://tok.example/qwen/tokenizer.json: the file's SHA-256 is ${createHash('sha256').update(tampered).digest('hex')}, but the key set pins ${QWEN_SHA}; refused`,
    );
    expect(await listTokenizerFiles()).toEqual([]);
    expect(await readTokenizerFile(QWEN_SHA)).toBeUndefined();
  });

  it('refuses more than 32 MiB: announced, or streamed (cancelled at the cap)', async () => {
    const big = server(() => 'x', { 'content-length': String(MAX_TOKENIZER_FILE_BYTES + 1) });
    await expect(ensureTokenizerFile(file(), { fetchImpl: big.impl, hasPermission: allowed })).rejects.toThrow(/the file is 32\.0 MiB \(33554433 bytes\); a tokenizer file may be at most 32 MiB/);
    const counter = { pulled: 0, cancelled: false };
    const endless = server(
      () =>
        new ReadableStream<Uint8Array>({
          pull(c) {
            counter.pulled += 1 << 20;
            c.enqueue(new Uint8Array(1 << 20));
          },
          cancel() {
            counter.cancelled = true;
          },
        }),
    );
    await expect(ensureTokenizerFile(file(), { fetchImpl: endless.impl, hasPermission: allowed })).rejects.toThrow(/larger than 32 MiB \(stopped reading after \d+ bytes\)/);
    expect(counter.cancelled).toBe(true);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_TOKENIZER_FILE_BYTES + (2 << 20));
    expect(await listTokenizerFiles()).toEqual([]);
  });

  it('asks nothing of a server it has no permission for, and refuses addresses it cannot download from', async () => {
    const s = server(() => QWEN);
    await expect(ensureTokenizerFile(file(), { fetchImpl: s.impl, hasPermission: async () => false })).rejects.toThrow(
      /no permission to read from https:\/\/tok\.example; allow it to download the tokenizer/,
    );
    expect(s.calls).toEqual([]);
    await expect(ensureTokenizerFile(file('tokenizers/qwen.json'), { fetchImpl: s.impl, hasPermission: allowed })).rejects.toThrow(/only from https addresses; a path relative to the key set works only in the wmlens CLI/);
    await expect(ensureTokenizerFile(file('file:///srv/qwen.json'), { fetchImpl: s.impl, hasPermission: allowed })).rejects.toThrow(/only from https addresses \(http only from localhost\), not file:/);
    expect(downloadableUrl(file('http://127.0.0.1:8123/t.json')).ok).toBe(true);
    expect(s.calls).toEqual([]);
  });
});

describe('a key set’s tokenizer files', () => {
  it('are described for the preview (stored, size, host, permission) and collected when nobody names them', async () => {
    const other = file('https://tok.example/other.json', 'f'.repeat(64));
    const before = await tokenizerNeeds(keySetNaming(file(), other, file()), async (url) => url.includes('/qwen/'));
    expect(before).toEqual([
      { name: 'Qwen/Qwen3-0.6B', sha256: QWEN_SHA, url: file().url, host: 'tok.example', stored: false, origin: 'https://tok.example/*', permitted: true },
      { name: 'Qwen/Qwen3-0.6B', sha256: 'f'.repeat(64), url: other.url, host: 'tok.example', stored: false, origin: 'https://tok.example/*', permitted: false },
    ]);
    const s = server(() => QWEN);
    const r = await ensureTokenizerFiles(keySetNaming(file()), { fetchImpl: s.impl, hasPermission: allowed, now: () => 0 });
    expect(r).toMatchObject({ ok: true, needs: [{ stored: true, sizeBytes: QWEN.length }] });
    // Still named: kept. Named by nobody and stored long enough ago: dropped.
    expect(await collectUnusedTokenizerFiles([keySetNaming(file())], 10 * 3600_000)).toEqual([]);
    expect(await collectUnusedTokenizerFiles([], 10 * 3600_000)).toEqual([QWEN_SHA]);
    expect(await listTokenizerFiles()).toEqual([]);
  });
});
