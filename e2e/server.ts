// Local HTTP server for e2e tests, the demo and the bench: fixture pages (with per-route headers), static
// files, test-controlled routes (key-set responses for issue 4), and a forward proxy that the browser is
// pointed at, so *every* request the browser makes — pages, service worker, offscreen document, Workers —
// is recorded here. Requests for any other host are refused and recorded as violations.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo, Socket } from 'node:net';
import { benchPage, demoPage, hostilePage, indexPage, mixedPage, selectionPage, threadPage } from './pages';

const STATIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'static');

export interface RequestRecord {
  time: number;
  method: string;
  /** Absolute URL as requested. */
  url: string;
  host: string;
  /** Came through the proxy (i.e. from the browser under test). */
  proxied: boolean;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status?: number;
  /** Refused: the request was for a host other than this server (and not a known browser-internal one). */
  violation: boolean;
  /** Chromium's own traffic, measured to happen with no extension loaded (see BROWSER_INTERNAL). */
  browserInternal?: boolean;
}

/**
 * Chromium's own background traffic that the command-line switches do not silence (measured: it appears
 * with no extension loaded). The component updater is pointed at this server (`/__browser/…`, see
 * harness.ts); what is left are bare CONNECT preconnects to accounts.google.com, which are refused here,
 * so no byte reaches the host. Extension requests to these hosts would still be caught by the
 * Playwright-side log, which has no such exception.
 */
export const BROWSER_INTERNAL_CONNECT = ['accounts.google.com:443'];
export const BROWSER_INTERNAL_PREFIX = '/__browser/';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => void | Promise<void>;

export interface TestServer {
  origin: string;
  port: number;
  url(path: string): string;
  /** Proxy argument for Chromium (`--proxy-server=…`). */
  proxy: string;
  log: RequestRecord[];
  violations(): RequestRecord[];
  /** Add or replace a route (exact path). */
  route(path: string, handler: Handler): void;
  unroute(path: string): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

export function html(res: ServerResponse, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** Fixture routes: path → page. `?csp` variants add a strict CSP header. */
function builtinRoutes(): Map<string, Handler> {
  const r = new Map<string, Handler>();
  const CSP = { 'content-security-policy': "default-src 'none'" };
  r.set('/', (_q, res) => html(res, indexPage([...r.keys()])));
  r.set('/thread', (_q, res) => html(res, threadPage()));
  r.set('/thread-static', (_q, res) => html(res, threadPage({ appendLater: false })));
  r.set('/csp', (_q, res) => html(res, threadPage({ title: 'Strict CSP thread', appendLater: false }), CSP));
  r.set('/mixed', (_q, res) => html(res, mixedPage()));
  r.set('/selection', (_q, res) => html(res, selectionPage()));
  r.set('/hostile', (_q, res) => html(res, hostilePage()));
  r.set('/bench', (_q, res, url) =>
    html(res, benchPage(Math.min(5000, Number(url.searchParams.get('n') ?? 500) || 500), Number(url.searchParams.get('seed') ?? 42) || 42)),
  );
  r.set('/demo', (_q, res) => html(res, demoPage()));
  r.set('/favicon.ico', (_q, res) => {
    res.writeHead(204);
    res.end();
  });
  return r;
}

export async function startServer(opts: { port?: number } = {}): Promise<TestServer> {
  const routes = builtinRoutes();
  const log: RequestRecord[] = [];
  let origin = '';
  let selfHosts: string[] = [];

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
    const handler = routes.get(url.pathname);
    if (handler) return handler(req, res, url, body);
    if (url.pathname.startsWith('/static/')) {
      const rel = normalize(url.pathname.slice('/static/'.length));
      if (rel.startsWith('..')) {
        res.writeHead(400).end();
        return;
      }
      try {
        const data = await readFile(join(STATIC_DIR, rel));
        res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(data);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    try {
      for await (const c of req) {
        size += (c as Buffer).length;
        if (size <= 4 << 20) chunks.push(c as Buffer);
      }
    } catch {
      aborted = true; // by the browser; still logged below (with the part of the body that arrived)
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const raw = req.url ?? '/';
    const proxied = /^[a-z]+:\/\//i.test(raw);
    const url = new URL(proxied ? raw : `${origin}${raw}`);
    const violation = proxied && !selfHosts.includes(url.host);
    const browserInternal = !violation && url.pathname.startsWith(BROWSER_INTERNAL_PREFIX);
    const rec: RequestRecord = {
      time: Date.now(),
      method: req.method ?? 'GET',
      url: url.href,
      host: url.host,
      proxied,
      headers: req.headers,
      body,
      violation,
      browserInternal,
    };
    log.push(rec);
    res.on('finish', () => (rec.status = res.statusCode));
    if (aborted) return;
    if (browserInternal) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no components here');
      return;
    }
    if (violation) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('blocked by the e2e proxy: only the test server is reachable');
      return;
    }
    try {
      await serve(req, res, url, body);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });
  // HTTPS through the proxy: refuse and record (the test server speaks plain http only).
  // The browser may reset connections at any time (tab closed, page navigated); that is not an error of
  // the test, so socket errors must not become uncaught exceptions in the test worker.
  server.on('clientError', (_err, socket: Socket) => socket.destroy());
  server.on('connection', (socket: Socket) => socket.on('error', () => undefined));
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => undefined);
    const internal = BROWSER_INTERNAL_CONNECT.includes(req.url ?? '');
    log.push({
      time: Date.now(),
      method: 'CONNECT',
      url: `https://${req.url}/`,
      host: req.url ?? '',
      proxied: true,
      headers: req.headers,
      body: '',
      status: 403,
      violation: !internal,
      browserInternal: internal,
    });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  selfHosts = [`127.0.0.1:${port}`, `localhost:${port}`];

  return {
    origin,
    port,
    url: (path) => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
    proxy: `http://127.0.0.1:${port}`,
    log,
    violations: () => log.filter((r) => r.violation),
    route: (path, handler) => void routes.set(path, handler),
    unroute: (path) => void routes.delete(path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- key-set publisher (issue 4) ---------------------------------------------------------------------

/** What a published key-set URL answers next; tests change it between requests. */
export interface PublishedResponse {
  status?: number;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Sent as ETag; a request with a matching If-None-Match gets 304. */
  etag?: string;
  lastModified?: string;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Stream spaces forever (up to 64 MiB), without Content-Length, until the client goes away. */
  endless?: boolean;
  /** Cut the connection without an answer (a network error for the client). */
  reset?: boolean;
  /** 302 to this location. */
  redirect?: string;
}

export interface PublishedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  time: number;
}

export interface KeySetPublisher {
  path: string;
  url: string;
  set(r: PublishedResponse): void;
  /** Requests this URL received, in order. */
  requests: PublishedRequest[];
  /** For `endless`: bytes written, and whether the client closed the connection before the cap. */
  stream: { written: number; clientClosed: boolean };
}

const ENDLESS_CAP = 64 << 20;

/** A key-set URL on the test server whose answers the test controls. */
export function publishKeySet(server: TestServer, path: string, initial: PublishedResponse = { status: 404 }): KeySetPublisher {
  let current = initial;
  const pub: KeySetPublisher = {
    path,
    url: server.url(path),
    set: (r) => void (current = r),
    requests: [],
    stream: { written: 0, clientClosed: false },
  };
  server.route(path, (req, res) => {
    pub.requests.push({ method: req.method ?? 'GET', headers: req.headers, time: Date.now() });
    const r = current;
    if (r.hang) return; // the response stays open until the client gives up (or the server closes)
    if (r.reset) {
      req.socket.destroy();
      return;
    }
    if (r.redirect) {
      res.writeHead(302, { location: r.redirect, 'cache-control': 'no-store' }).end();
      return;
    }
    if (r.endless) {
      pub.stream = { written: 0, clientClosed: false };
      const chunk = Buffer.alloc(64 << 10, 0x20);
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.on('close', () => {
        if (pub.stream.written < ENDLESS_CAP) pub.stream.clientClosed = true;
      });
      const pump = () => {
        while (!res.destroyed && pub.stream.written < ENDLESS_CAP) {
          pub.stream.written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
      return;
    }
    const validators: Record<string, string> = {};
    if (r.etag) validators.etag = r.etag;
    if (r.lastModified) validators['last-modified'] = r.lastModified;
    if (r.etag && req.headers['if-none-match'] === r.etag) {
      res.writeHead(304, { ...validators, 'cache-control': 'no-cache' }).end();
      return;
    }
    const body = r.body ?? '';
    res.writeHead(r.status ?? 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', ...validators, ...r.headers });
    res.end(body);
  });
  return pub;
}

// `tsx e2e/server.ts [port]`: serve the fixtures for manual browsing.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startServer({ port: Number(process.argv[2] ?? 8123) }).then((s) => console.log(`fixtures at ${s.origin}/`));
}
