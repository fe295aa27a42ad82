import { describe, expect, it } from 'vitest';
import { fetchKeySet, readCapped, REDIRECT_REFUSED } from './keyset-fetch';

const URL_ = 'https://keys.example/k.json';
type Init = RequestInit & { headers: Record<string, string> };

function stub(respond: (url: string, init: Init) => Response | Promise<Response>) {
  const calls: { url: string; init: Init }[] = [];
  const impl = (async (url: string, init: Init) => {
    calls.push({ url, init });
    return respond(url, init);
  }) as unknown as typeof fetch;
  return { impl, calls };
}

/** A body that produces `chunk` forever (until cancelled), counting what it handed out. */
function endless(chunkBytes: number) {
  const counter = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      counter.pulled += chunkBytes;
      c.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      counter.cancelled = true;
    },
  });
  return { stream, counter };
}

/** What fetch() gives an extension for a redirect under `redirect: 'manual'`: no status, no Location. */
function opaqueRedirect(): Response {
  const res = new Response(null, { status: 200 });
  Object.defineProperty(res, 'type', { value: 'opaqueredirect' });
  Object.defineProperty(res, 'status', { value: 0 });
  return res;
}

describe('fetchKeySet', () => {
  it('makes a credential-less, uncached request and returns the bytes and validators', async () => {
    const { impl, calls } = stub(() => new Response('{"a":1}', { status: 200, headers: { etag: '"e1"', 'last-modified': 'Mon, 01 Mar 2027 00:00:00 GMT' } }));
    const r = await fetchKeySet(URL_, { fetchImpl: impl });
    expect(r).toMatchObject({ kind: 'fetched', etag: '"e1"', lastModified: 'Mon, 01 Mar 2027 00:00:00 GMT' });
    expect(new TextDecoder().decode((r as { bytes: Uint8Array }).bytes)).toBe('{"a":1}');
    expect(calls[0].init).toMatchObject({ credentials: 'omit', cache: 'no-store', redirect: 'manual', referrerPolicy: 'no-referrer', method: 'GET' });
    expect(calls[0].init.headers).toEqual({ accept: 'application/json' });
  });

  it('sends the stored validators and reports 304 as not modified', async () => {
    const { impl, calls } = stub(() => new Response(null, { status: 304 }));
    expect(await fetchKeySet(URL_, { fetchImpl: impl, etag: '"e1"', lastModified: 'Mon, 01 Mar 2027 00:00:00 GMT' })).toEqual({ kind: 'not-modified' });
    expect(calls[0].init.headers).toMatchObject({ 'if-none-match': '"e1"', 'if-modified-since': 'Mon, 01 Mar 2027 00:00:00 GMT' });
  });

  it('a 304 to an unconditional request is an error', async () => {
    const { impl } = stub(() => new Response(null, { status: 304 }));
    expect(await fetchKeySet(URL_, { fetchImpl: impl })).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/HTTP 304/) });
  });

  it('HTTP errors say the status', async () => {
    const { impl } = stub(() => new Response('nope', { status: 404, statusText: 'Not Found' }));
    expect(await fetchKeySet(URL_, { fetchImpl: impl })).toEqual({ kind: 'failed', reason: 'the server answered HTTP 404 (Not Found)' });
    const { impl: impl500 } = stub(() => new Response('', { status: 500, statusText: 'Internal Server Error' }));
    expect(await fetchKeySet(URL_, { fetchImpl: impl500 })).toEqual({ kind: 'failed', reason: 'the server answered HTTP 500 (Internal Server Error)' });
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { stream, counter } = endless(1024);
    const { impl } = stub(() => new Response(stream, { status: 200, headers: { 'content-length': String(5 << 20) } }));
    const r = await fetchKeySet(URL_, { fetchImpl: impl });
    expect(r).toEqual({ kind: 'failed', reason: 'the document is 5.0 MiB (5242880 bytes); a key set may be at most 1 MiB' });
    expect(counter.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it('stops reading an endless body just past the limit', async () => {
    const { stream, counter } = endless(64 * 1024);
    const { impl } = stub(() => new Response(stream, { status: 200 }));
    const r = await fetchKeySet(URL_, { fetchImpl: impl });
    expect(r).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^the document is larger than 1 MiB \(stopped reading after \d+ bytes\)/) });
    expect(counter.cancelled).toBe(true);
    expect(counter.pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it('accepts a body of exactly the limit', async () => {
    const { impl } = stub(() => new Response(new Uint8Array(1024 * 1024).fill(0x20), { status: 200 }));
    expect((await fetchKeySet(URL_, { fetchImpl: impl })).kind).toBe('fetched');
  });

  it('times out a server that never answers, and one that stalls mid-body', async () => {
    const never = stub((_u, init) => new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    expect(await fetchKeySet(URL_, { fetchImpl: never.impl, timeoutMs: 50 })).toEqual({ kind: 'failed', reason: 'no complete answer within 0.1 s (timed out)' });
    const stall = stub((_u, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"a":'));
          init.signal!.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200 });
    });
    expect(await fetchKeySet(URL_, { fetchImpl: stall.impl, timeoutMs: 50 })).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/timed out/) });
  });

  it('network errors name the host', async () => {
    const { impl } = stub(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await fetchKeySet(URL_, { fetchImpl: impl })).toEqual({ kind: 'failed', reason: 'could not reach keys.example: Failed to fetch' });
  });

  it('refuses every redirect without requesting the next hop (issue 12, row 4)', async () => {
    // The platform follows no hop itself (`redirect: 'manual'`), and an opaque redirect ends the fetch:
    // exactly one request, to the approved address.
    const { impl, calls } = stub(() => opaqueRedirect());
    expect(await fetchKeySet(URL_, { fetchImpl: impl })).toEqual({ kind: 'failed', reason: REDIRECT_REFUSED });
    expect(calls.map((c) => c.url)).toEqual([URL_]);
    // A fetch implementation that shows the 3xx itself (Node's) is refused the same way.
    const visible = stub(() => new Response(null, { status: 302, headers: { location: 'http://127.0.0.2/k.json' } }));
    expect(await fetchKeySet(URL_, { fetchImpl: visible.impl })).toEqual({ kind: 'failed', reason: REDIRECT_REFUSED });
    expect(visible.calls).toHaveLength(1);
  });
});

describe('readCapped', () => {
  it('joins chunks and handles an empty body', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array([1, 2]));
        c.enqueue(new Uint8Array([3]));
        c.close();
      },
    });
    expect([...(await readCapped(body, 3))]).toEqual([1, 2, 3]);
    expect((await readCapped(null, 3)).byteLength).toBe(0);
  });
});
