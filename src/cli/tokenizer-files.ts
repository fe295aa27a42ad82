// Where `wmlens` gets a key's tokenizer.json (design §3.1): a file: URL or a path relative to the
// key-set file is read where it is; an https URL (or http on localhost, for tests) is downloaded once
// into a cache keyed by the file's SHA-256, $XDG_CACHE_HOME/wmlens/tokenizers/<sha256>.json (default
// ~/.cache/wmlens), and read from there afterwards. Nothing is written anywhere else, in particular
// not beside the key set. Every read and every download stops at 32 MiB, and bytes whose SHA-256 is not
// the pinned one are refused before anything is stored (the core checks them again before parsing).
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TokenizerFileError, type TokenizerFileResolver } from '../detector/tokenizer-for';
import { type HuggingFaceTokenizerFile, MAX_TOKENIZER_FILE_BYTES } from '../keyset/types';

export const DOWNLOAD_TIMEOUT_MS = 120_000;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface TokenizerFileOptions {
  /** The key-set file whose relative paths are resolved against its directory. */
  keySetPath: string;
  /** Default: cacheDirectory(process.env). */
  cacheDir?: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Told about downloads (the CLI prints it on stderr). */
  log?: (line: string) => void;
}

/** $XDG_CACHE_HOME/wmlens, or ~/.cache/wmlens when XDG_CACHE_HOME is unset or not absolute (as the spec says). */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'wmlens');
}

export function cachedTokenizerPath(cacheDir: string, sha256: string): string {
  return join(cacheDir, 'tokenizers', `${sha256}.json`);
}

// node:crypto is loaded on the first hash, not at start-up: most runs (`wmlens score` on ids) never hash a file.
let crypto: typeof import('node:crypto') | undefined;

function sha256Of(bytes: Uint8Array): string {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function tooLarge(what: string): string {
  return `${what}; a tokenizer file may be at most 32 MiB (${MAX_TOKENIZER_FILE_BYTES} bytes)`;
}

/** Reads at most the cap plus one byte, so a huge (or growing) file costs no more than that. */
function readCapped(path: string, file: HuggingFaceTokenizerFile): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TokenizerFileError(file, code === 'ENOENT' ? `no such file ${path}` : `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const buffer = Buffer.allocUnsafe(MAX_TOKENIZER_FILE_BYTES + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_TOKENIZER_FILE_BYTES) throw new TokenizerFileError(file, tooLarge(`${path} is larger than 32 MiB (stopped reading)`));
    }
    return buffer.subarray(0, total);
  } catch (error) {
    if (error instanceof TokenizerFileError) throw error;
    throw new TokenizerFileError(file, `cannot read ${path}: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

function checkHash(file: HuggingFaceTokenizerFile, bytes: Uint8Array, from: string): void {
  const actual = sha256Of(bytes);
  if (actual !== file.sha256) {
    throw new TokenizerFileError(file, `${from} has SHA-256 ${actual}, but the key set pins ${file.sha256}; refused (the file changed, or is not the one the key set names)`);
  }
}

/** Downloads with the cap enforced while streaming; returns the bytes (not yet checked). */
async function download(url: string, file: HuggingFaceTokenizerFile, options: TokenizerFileOptions): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await (options.fetchImpl ?? fetch)(url, { redirect: 'follow', credentials: 'omit', signal: controller.signal });
    } catch (error) {
      throw new TokenizerFileError(file, controller.signal.aborted ? `no answer within ${timeoutMs / 1000} s (timed out)` : `could not download: ${(error as Error).message}`);
    }
    // A redirect must not lead somewhere the URL itself would not have been accepted.
    if (response.redirected && !isDownloadable(new URL(response.url))) {
      await response.body?.cancel().catch(() => undefined);
      throw new TokenizerFileError(file, `redirected to ${response.url}, which is not https; refused`);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new TokenizerFileError(file, `the server answered HTTP ${response.status}${response.statusText ? ` (${response.statusText})` : ''}`);
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_TOKENIZER_FILE_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      throw new TokenizerFileError(file, tooLarge(`the server announces ${declared} bytes (Content-Length)`));
    }
    options.log?.(`wmlens: downloading tokenizer ${file.name} from ${new URL(url).host}${Number.isFinite(declared) && declared > 0 ? ` (${(declared / 1e6).toFixed(1)} MB)` : ''}…`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (response.body !== null) {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.byteLength;
          if (total > MAX_TOKENIZER_FILE_BYTES) {
            await reader.cancel().catch(() => undefined);
            throw new TokenizerFileError(file, tooLarge(`the download passed 32 MiB (stopped reading after ${total} bytes)`));
          }
          chunks.push(value);
        }
      } catch (error) {
        if (error instanceof TokenizerFileError) throw error;
        throw new TokenizerFileError(file, controller.signal.aborted ? `the download did not finish within ${timeoutMs / 1000} s (timed out)` : `the download broke off: ${(error as Error).message}`);
      }
    }
    return Buffer.concat(chunks, total);
  } finally {
    clearTimeout(timer);
  }
}

function isDownloadable(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}

/** Reads a cached copy if there is a good one; a copy that no longer hashes right is dropped. */
function readCached(path: string, file: HuggingFaceTokenizerFile): Uint8Array | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readCapped(path, file);
  } catch {
    return undefined;
  }
  if (sha256Of(bytes) === file.sha256) return bytes;
  rmSync(path, { force: true });
  return undefined;
}

function store(cacheDir: string, file: HuggingFaceTokenizerFile, bytes: Uint8Array, log?: (line: string) => void): void {
  const path = cachedTokenizerPath(cacheDir, file.sha256);
  try {
    mkdirSync(dirname(path), { recursive: true });
    // Written beside and renamed into place, so a concurrent reader never sees half a file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch (error) {
    // The bytes are good; a cache that cannot be written only costs a download next time.
    log?.(`wmlens: could not cache the tokenizer in ${dirname(path)}: ${(error as Error).message}`);
  }
}

/** The CLI's TokenizerFileResolver for one key-set file. */
export function cliTokenizerFiles(options: TokenizerFileOptions): TokenizerFileResolver {
  return async (file) => {
    let url: URL | undefined;
    try {
      url = new URL(file.url);
    } catch {
      url = undefined;
    }
    if (url === undefined || url.protocol === 'file:') {
      const path = url === undefined ? resolve(dirname(options.keySetPath), file.url) : fileURLToPath(url);
      const bytes = readCapped(path, file);
      checkHash(file, bytes, path);
      return bytes;
    }
    if (!isDownloadable(url)) throw new TokenizerFileError(file, 'only https URLs (http on localhost), file: URLs and relative paths can be read');
    const cacheDir = options.cacheDir ?? cacheDirectory();
    const cached = readCached(cachedTokenizerPath(cacheDir, file.sha256), file);
    if (cached !== undefined) return cached;
    const bytes = await download(url.href, file, options);
    checkHash(file, bytes, `the file downloaded from ${url.href}`);
    store(cacheDir, file, bytes, options.log);
    return bytes;
  };
}
