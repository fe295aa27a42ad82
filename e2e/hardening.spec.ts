// Issue 12 (harden-ext): what pages can do to the extension, and what the extension fetches. Each test
// failed on the code before its fix (noted per test).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { waitForScanComplete } from './harness';
import { KEYSET_BYTES, keySetTexts, previewUrl } from './keyset-helpers';
import { esc, page as pageHtml } from './pages';
import { publishKeySet } from './server';
import { humanTexts } from './texts';

test('row 3: a page cannot hide its text from scanning by marking it as the extension’s UI', async ({ page, ext, server }) => {
  // The fixture key set's watermarked text; subscribe to it first so the block can be flagged.
  const pub = publishKeySet(server, '/keysets/row3.json', { body: KEYSET_BYTES });
  const sw = await ext.sw();
  const added = await sw.evaluate(
    (u) => (globalThis as unknown as { __wmlensTest: { keysets: { add(s: unknown): Promise<{ ok: boolean }> } } }).__wmlensTest.keysets.add({ type: 'url', url: u }),
    pub.url,
  );
  expect(added.ok).toBe(true);
  const wm = keySetTexts().items[0].text;
  const human = humanTexts().texts[0];
  server.route('/row3', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      pageHtml({
        title: 'Row 3',
        // The attribute the extension used to recognise its own UI by, set by the page on its own text.
        body: `<article><p id="hidden-by-page" data-wmlens-ui="">${esc(wm)}</p></article><article><p id="plain">${esc(human)}</p></article>`,
      }),
    );
  });
  await page.goto(server.url('/row3'));
  await waitForScanComplete(ext, page, { minAnnotated: 2 });
  // Before the fix the paragraph was skipped (no verdict, one block found).
  await expect(page.locator('#hidden-by-page')).toHaveAttribute('data-wmlens', 'watermarked');
});

test('row 4: a redirect chain localhost → http://127.0.0.2 → localhost is refused without requesting the middle hop', async ({ ext, server, requestLog }) => {
  const back = publishKeySet(server, '/keysets/row4-back.json', { body: KEYSET_BYTES });
  // The middle hop listens on 127.0.0.2 itself, so a request that bypassed the logging proxy would show too.
  const middleHits: string[] = [];
  const middleServer = createServer((req, res) => {
    middleHits.push(req.url ?? '');
    res.writeHead(302, { location: back.url }).end();
  });
  await new Promise<void>((r) => middleServer.listen(0, '127.0.0.2', () => r()));
  try {
    const middle = `http://127.0.0.2:${(middleServer.address() as AddressInfo).port}/keysets/row4-middle.json`;
    const first = publishKeySet(server, '/keysets/row4.json', { redirect: middle });
    const r = await previewUrl(ext, first.url);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^Not added: the server answered with a redirect/) });
    expect(first.requests).toHaveLength(1);
    // Neither the middle hop nor the last one was asked for (before the fix both were, and the preview
    // succeeded with the last hop's document).
    expect(middleHits).toEqual([]);
    expect(server.log.filter((l) => l.host.startsWith('127.0.0.2'))).toEqual([]);
    expect(back.requests).toHaveLength(0);
  } finally {
    await new Promise((r) => middleServer.close(r));
    // Chromium's DevTools protocol announces the redirect target as a request when the 302 arrives,
    // even under `redirect: 'manual'`, where it is never sent (nothing reached the proxy or the listener
    // above); drop that announcement so the suite-wide privacy check stays meaningful.
    for (let i = requestLog.length - 1; i >= 0; i--) if (requestLog[i].url.startsWith('http://127.0.0.2:')) requestLog.splice(i, 1);
  }
});

test('row 5: no https origin is granted at install; a key set on an https origin not approved is refused before any request', async ({ ext, server }) => {
  const sw = await ext.sw();
  const perms = await sw.evaluate(async () => ({
    manifest: chrome.runtime.getManifest().host_permissions,
    https: await chrome.permissions.contains({ origins: ['https://keys.example/*'] }),
  }));
  expect(perms.manifest).toEqual(['http://*/*']);
  // Before the fix `https://*/*` was a required host permission, so this was true for every origin.
  expect(perms.https).toBe(false);
  const before = server.log.length;
  const r = await previewUrl(ext, 'https://keys.example/k.json');
  expect(r).toEqual({ ok: false, error: 'Watermark Lens has no permission to read from https://keys.example.' });
  expect(server.log.slice(before).filter((l) => l.host.startsWith('keys.example'))).toEqual([]);
});

test('row 9: the extension pages’ CSP limits connections to its own files, https and this machine', async ({ sw }) => {
  const csp = await sw.evaluate(() => (chrome.runtime.getManifest() as chrome.runtime.ManifestV3).content_security_policy?.extension_pages);
  expect(csp).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self' https: http://localhost:* http://127.0.0.1:*");
  // The browser enforces it: plain http to another host is refused before any request.
  const refused = await sw.evaluate(() =>
    fetch('http://leak.invalid/x').then(
      () => 'fetched',
      (e: unknown) => String(e),
    ),
  );
  expect(refused).toMatch(/Failed to fetch/);
});

test('row 6: the offscreen document answers only the service worker; the pipeline’s ports only their senders', async ({ page, ext, server }) => {
  // A scan makes sure the offscreen document is up.
  await page.goto(server.url('/thread-static'));
  await waitForScanComplete(ext, page);
  const popup = await ext.context.newPage();
  await popup.goto(ext.popupUrl());
  // Any other context of the extension (here the popup; a content script alike) asking the compute host
  // directly gets no answer. Before the fix the host checked only sender.id and answered both.
  const replies = await popup.evaluate(async () => {
    const ask = (m: unknown) => chrome.runtime.sendMessage(m).then((r: unknown) => r ?? 'no answer', (e: unknown) => `error: ${String(e)}`);
    return {
      cancel: await ask({ kind: 'host/cancel', target: 'offscreen', selector: { tabId: 1 } }),
      compile: await ask({ kind: 'host/compile', target: 'offscreen', keySet: { ref: 'a'.repeat(64), document: '{}' } }),
      warm: await ask({ kind: 'host/warm', target: 'offscreen', keySetRefs: [] }),
    };
  });
  expect(replies.cancel).toMatch(/^(no answer|error: .*Receiving end does not exist.*)$/);
  expect(replies.compile).toMatch(/^(no answer|error: .*Receiving end does not exist.*)$/);
  expect(replies.warm).toMatch(/^(no answer|error: .*Receiving end does not exist.*)$/);
  // The ports the pipeline uses (extension/shared/port-channel.ts) are accepted only from their own
  // senders: the popup opening the offscreen document's port, or a content script's, is disconnected
  // unanswered.
  const ports = await popup.evaluate(async () => {
    const tryPort = (name: string, msg: unknown) =>
      new Promise<string>((resolve) => {
        const p = chrome.runtime.connect({ name });
        p.onMessage.addListener((m: unknown) => resolve(`answered: ${JSON.stringify(m)}`));
        p.onDisconnect.addListener(() => resolve('disconnected'));
        p.postMessage({ q: 1, msg });
        setTimeout(() => resolve('no answer'), 2000);
      });
    return {
      host: await tryPort('wmlens/host', { kind: 'host/results', jobId: 'x', tabId: 1, frameId: 0, pageId: 'p', results: [], keySetErrors: [], done: true }),
      scan: await tryPort('wmlens/scan', { kind: 'content/cancel-page', pageId: 'p' }),
    };
  });
  expect(ports).toEqual({ host: 'disconnected', scan: 'disconnected' });
  await popup.close();
  // The service worker is still answered: a check goes through the same host.
  const sw = await ext.sw();
  const r = await sw.evaluate(() =>
    (globalThis as unknown as { __wmlensTest: { checkText(t: string): Promise<{ detections: unknown[]; error?: string }> } }).__wmlensTest.checkText(
      'a few words of text to score under the bundled keys, long enough to be scored at all by the detector',
    ),
  );
  expect(r.error).toBeUndefined();
  expect(r.detections.length).toBeGreaterThan(0);
});
