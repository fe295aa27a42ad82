// Tokenizer files that key sets name (design §3.1): downloaded when a key set that needs one is
// previewed, added, updated or enabled, over the same rules as key sets (https, or http on this
// machine; the origin's host permission, asked for by the popup during the user's click; no cookies;
// a timeout; redirects only to acceptable addresses), refused past 32 MiB while streaming, verified
// against the pinned SHA-256 before anything is stored, then kept in IndexedDB by hash and shared by
// every key set that names the same bytes. A failed download stores nothing.
import { TokenizerFileError, checkTokenizerBytes } from '../../src/keyset/tokenizer-file';
import { tokenizerFilesOf } from '../../src/keyset/tokenizer-spec';
import { type HuggingFaceTokenizerFile, type KeySet, MAX_TOKENIZER_FILE_BYTES } from '../../src/keyset/types';
import type { TokenizerNeed } from '../shared/messages';
import { deleteTokenizerFilesExcept, storeTokenizerFile, tokenizerFileMeta } from '../shared/tokenizer-store';
import { describeSize, readCapped, TooLarge } from './keyset-fetch';
import { checkFinalUrl, isAllowedKeySetUrl, originPattern } from '../shared/keyset-url';

/** 32 MiB over a slow link takes a while; past this the download is given up. */
export const TOKENIZER_FETCH_TIMEOUT_MS = 120_000;

export interface TokenizerFetchDeps {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Whether the extension may read from `url`'s origin (browser.permissions.contains in the background). */
  hasPermission: (url: string) => Promise<boolean>;
  now?: () => number;
}

/** Where a file can be downloaded from by the extension, or why not. */
export function downloadableUrl(file: HuggingFaceTokenizerFile): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(file.url);
  } catch {
    return { ok: false, reason: 'the extension downloads tokenizer files only from https addresses; a path relative to the key set works only in the wmlens CLI' };
  }
  if (!isAllowedKeySetUrl(url)) {
    return { ok: false, reason: `the extension downloads tokenizer files only from https addresses (http only from localhost), not ${url.protocol}` };
  }
  return { ok: true, url };
}

function hostOf(file: HuggingFaceTokenizerFile): string | undefined {
  try {
    return new URL(file.url).host || undefined;
  } catch {
    return undefined;
  }
}

/** Downloads one file and returns its verified bytes; throws TokenizerFileError saying why not. */
export async function downloadTokenizerFile(file: HuggingFaceTokenizerFile, deps: TokenizerFetchDeps): Promise<Uint8Array> {
  const where = downloadableUrl(file);
  if (!where.ok) throw new TokenizerFileError(file, where.reason);
  const url = where.url.href;
  if (!(await deps.hasPermission(url))) {
    throw new TokenizerFileError(file, `Watermark Lens has no permission to read from ${where.url.origin}; allow it to download the tokenizer`);
  }
  const timeoutMs = deps.timeoutMs ?? TOKENIZER_FETCH_TIMEOUT_MS;
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, timeoutMs);
  try {
    const res = await (deps.fetchImpl ?? fetch)(url, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      signal: ac.signal,
    });
    const badRedirect = res.redirected ? checkFinalUrl(url, res.url) : undefined;
    if (badRedirect) {
      await res.body?.cancel().catch(() => undefined);
      throw new TokenizerFileError(file, badRedirect);
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      throw new TokenizerFileError(file, `the server answered HTTP ${res.status}${res.statusText ? ` (${res.statusText})` : ''}`);
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_TOKENIZER_FILE_BYTES) {
      await res.body?.cancel().catch(() => undefined);
      throw new TokenizerFileError(file, `the file is ${describeSize(declared)} (${declared} bytes); a tokenizer file may be at most 32 MiB`);
    }
    const bytes = await readCapped(res.body, MAX_TOKENIZER_FILE_BYTES);
    await checkTokenizerBytes(file, bytes);
    return bytes;
  } catch (e) {
    if (e instanceof TokenizerFileError) throw e;
    if (e instanceof TooLarge) throw new TokenizerFileError(file, `the file is larger than 32 MiB (stopped reading after ${e.bytes} bytes); a tokenizer file may be at most 32 MiB`);
    if (timedOut) throw new TokenizerFileError(file, `no complete answer within ${Math.round(timeoutMs / 1000)} s (timed out)`);
    throw new TokenizerFileError(file, `could not reach ${hostOf(file) ?? file.url}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** One download per file at a time, whoever asks (a preview and an add racing, two key sets). */
const inFlight = new Map<string, Promise<number>>();

/** Makes sure the file is stored (downloading it if not); resolves to its size in bytes. */
export function ensureTokenizerFile(file: HuggingFaceTokenizerFile, deps: TokenizerFetchDeps): Promise<number> {
  let p = inFlight.get(file.sha256);
  if (p === undefined) {
    p = (async () => {
      const stored = await tokenizerFileMeta(file.sha256);
      if (stored !== undefined) return stored.sizeBytes;
      const bytes = await downloadTokenizerFile(file, deps);
      await storeTokenizerFile({ sha256: file.sha256, sizeBytes: bytes.byteLength, name: file.name, url: file.url, storedAt: (deps.now ?? Date.now)() }, bytes);
      return bytes.byteLength;
    })().finally(() => inFlight.delete(file.sha256));
    inFlight.set(file.sha256, p);
  }
  return p;
}

export type EnsureResult = { ok: true; needs: TokenizerNeed[] } | { ok: false; error: string; needs: TokenizerNeed[] };

/** What a key set's tokenizer files look like from here, without downloading anything. */
export async function tokenizerNeeds(keySet: Pick<KeySet, 'keys'>, hasPermission: (url: string) => Promise<boolean>): Promise<TokenizerNeed[]> {
  return Promise.all(
    tokenizerFilesOf(keySet).map(async (file): Promise<TokenizerNeed> => {
      const stored = await tokenizerFileMeta(file.sha256);
      const where = downloadableUrl(file);
      return {
        name: file.name,
        sha256: file.sha256,
        url: file.url,
        host: hostOf(file) ?? '',
        stored: stored !== undefined,
        ...(stored !== undefined ? { sizeBytes: stored.sizeBytes } : {}),
        ...(where.ok ? { origin: originPattern(where.url.href), permitted: await hasPermission(where.url.href) } : {}),
      };
    }),
  );
}

/**
 * Every tokenizer file of a key set stored, downloading the missing ones. On failure the message
 * names the file, its address and the reason; files that did download stay stored (verified, and
 * shared by hash, so keeping them is harmless and saves the next attempt a download).
 */
export async function ensureTokenizerFiles(keySet: Pick<KeySet, 'keys'>, deps: TokenizerFetchDeps): Promise<EnsureResult> {
  const errors: string[] = [];
  for (const file of tokenizerFilesOf(keySet)) {
    try {
      await ensureTokenizerFile(file, deps);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  const needs = await tokenizerNeeds(keySet, deps.hasPermission);
  return errors.length === 0 ? { ok: true, needs } : { ok: false, error: errors.join('; '), needs };
}

/** A stored file nobody names is dropped after this long (a preview not confirmed, a removed key set). */
export const UNUSED_TOKENIZER_GRACE_MS = 60 * 60_000;

/** Drops stored files that none of `keySets` names and that were stored more than the grace period ago. */
export async function collectUnusedTokenizerFiles(keySets: readonly Pick<KeySet, 'keys'>[], now: number): Promise<string[]> {
  const keep = new Set(keySets.flatMap((k) => tokenizerFilesOf(k).map((f) => f.sha256)));
  return deleteTokenizerFilesExcept(keep, now - UNUSED_TOKENIZER_GRACE_MS);
}
