// One key-set download: the extension's only network request. No cookies or credentials, no HTTP
// cache (conditional requests are made explicitly from the stored validators), a timeout over the
// whole exchange, no redirects, and the body read as a stream that is cut off at the size limit, so an
// endless or huge response costs at most 1 MiB of memory.
//
// Redirects are refused, not followed (issue 12, row 4). Following them and checking only where the
// chain ended let a disallowed middle hop be requested and its body downloaded. Checking every hop before
// it is requested would need the Location of each redirect, which fetch() hides from extensions too: with
// `redirect: 'manual'` the answer is an opaque redirect (status 0, no headers) in Chrome and Firefox. So
// the only request ever made is to the address the user approved (its origin holds the permission); a
// publisher whose address redirects is asked for by its final address instead.
import { MAX_DOCUMENT_BYTES } from '../../src/keyset/decode';

export const FETCH_TIMEOUT_MS = 15_000;

export const REDIRECT_REFUSED =
  'the server answered with a redirect; key sets are fetched only from the exact address you approved, so subscribe to the address it redirects to';

export type FetchResult =
  | { kind: 'not-modified' }
  | { kind: 'fetched'; bytes: Uint8Array; etag?: string; lastModified?: string }
  | { kind: 'failed'; reason: string };

export interface FetchOptions {
  /** Validators of the copy we hold; sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

export class TooLarge extends Error {
  constructor(readonly bytes: number, readonly declared: boolean) {
    super('too large');
  }
}

export function describeSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KiB` : `${n} bytes`;
}

/** Read a body stream to the end, refusing (and cancelling the stream) once it passes `max` bytes. */
export async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(total, false);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function httpReason(res: Response): string {
  return `the server answered HTTP ${res.status}${res.statusText ? ` (${res.statusText})` : ''}`;
}

export async function fetchKeySet(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const max = opts.maxBytes ?? MAX_DOCUMENT_BYTES;
  const doFetch = opts.fetchImpl ?? fetch;
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, timeoutMs);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const conditional = !!(opts.etag || opts.lastModified);
  try {
    const res = await doFetch(url, {
      method: 'GET',
      headers,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'manual',
      referrerPolicy: 'no-referrer',
      signal: ac.signal,
    });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400 && res.status !== 304)) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'failed', reason: REDIRECT_REFUSED };
    }
    if (res.status === 304 && conditional) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'not-modified' };
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'failed', reason: httpReason(res) };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > max) {
      await res.body?.cancel().catch(() => undefined);
      throw new TooLarge(declared, true);
    }
    const bytes = await readCapped(res.body, max);
    return {
      kind: 'fetched',
      bytes,
      etag: res.headers.get('etag') ?? undefined,
      lastModified: res.headers.get('last-modified') ?? undefined,
    };
  } catch (e) {
    if (e instanceof TooLarge) {
      return {
        kind: 'failed',
        reason: e.declared
          ? `the document is ${describeSize(e.bytes)} (${e.bytes} bytes); a key set may be at most 1 MiB`
          : `the document is larger than 1 MiB (stopped reading after ${e.bytes} bytes); a key set may be at most 1 MiB`,
      };
    }
    if (timedOut) return { kind: 'failed', reason: `no complete answer within ${Math.round(timeoutMs / 100) / 10} s (timed out)` };
    let host = url;
    try {
      host = new URL(url).host;
    } catch {
      // keep the whole string
    }
    return { kind: 'failed', reason: `could not reach ${host}: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    clearTimeout(timer);
  }
}
