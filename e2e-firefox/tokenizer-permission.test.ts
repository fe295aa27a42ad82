// Firefox: the popup's per-origin "Allow and download" step for a tokenizer file on an https origin the
// extension may not read yet. The key set (on the plain-http test server) names the real Qwen3
// tokenizer.json served by a local https server; the preview stops at the permission step (nothing is
// requested from the tokenizer's host before the user allows it), the click asks for that origin only,
// and once granted the file is downloaded once, verified and stored, and the key set can be added.
//
// What is not the product's own behaviour, and why:
// - The harness revokes https://*/* first. Firefox counts the content script's match patterns as
//   granted host permissions (e2e-firefox/smoke.test.ts), so on a fresh install every https origin is
//   already allowed and the step never shows; a user who withdrew "Access your data for all websites"
//   in about:addons is in exactly this state.
// - `extensions.webextOptionalPermissionPrompts` is off, so Firefox grants the request without showing
//   its prompt (the prompt is browser UI no WebDriver can click). The request itself — from the click
//   handler, for the tokenizer's origin — is the extension's, and Firefox still refuses one made outside
//   a user's input (checked below), so the click handler's order is tested too.
// - The https server's certificate is self-signed, made for this run; the browser accepts it because
//   the WebDriver session says acceptInsecureCerts.
// Chromium cannot run this: its permission prompt stays open, unanswered, in headless mode (tried:
// chrome.permissions.request never settles), and it has no switch to answer it.
// Run: npm run build:e2e && node --import tsx --test e2e-firefox/tokenizer-permission.test.ts
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { Browser as WebExtBrowser } from 'webextension-polyfill';
import { HF_KEYSET_NAME, HF_TOKENIZER_BYTES, HF_TOKENIZER_NAME, HF_TOKENIZER_SHA256, hfKeySetDocument } from '../e2e/hf-keyset-helpers';
import { publishKeySet, startServer, type TestServer } from '../e2e/server';
import { evaluate, launchFirefox, POPUP_PATH, waitFor, type FirefoxHandle } from './firefox';

declare const browser: WebExtBrowser;

let ff: FirefoxHandle;
let server: TestServer;
let https: Server;
let certDir: string;
const hits: string[] = [];

before(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'wmlens-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
  https = createServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, (req, res) => {
    hits.push(req.url ?? '');
    if (req.url !== '/qwen3/tokenizer.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(HF_TOKENIZER_BYTES.byteLength), 'cache-control': 'no-store' });
    res.end(HF_TOKENIZER_BYTES);
  });
  await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
  server = await startServer();
  ff = await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false }, acceptInsecureCerts: true });
});

after(async () => {
  await ff?.close();
  await server?.close();
  await new Promise((r) => https?.close(r));
  if (certDir) rmSync(certDir, { recursive: true, force: true });
});

type StoreHook = { keysets: { tokenizerFiles(): Promise<{ sha256: string; sizeBytes: number; url: string }[]> } };

function storedTokenizers(): Promise<{ sha256: string; sizeBytes: number; url: string }[]> {
  return evaluate(ff.control, async () => {
    const bg = (await browser.runtime.getBackgroundPage()) as unknown as { __wmlensTest: StoreHook };
    return bg.__wmlensTest.keysets.tokenizerFiles();
  });
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

async function clickButton(page: Page, container: string, label: string): Promise<void> {
  for (const b of await page.$$(`${container} button`)) {
    if ((await b.evaluate((e) => (e as HTMLElement).innerText)) === label) return b.click();
  }
  throw new Error(`no button "${label}" in ${container}`);
}

test('a tokenizer on an https origin not allowed yet: nothing is fetched until "Allow and download", which asks for that origin; then downloaded once, stored, and the key set added', async () => {
  const origin = 'https://127.0.0.1/*';
  const { port } = https.address() as AddressInfo;
  const tokenizerUrl = `https://127.0.0.1:${port}/qwen3/tokenizer.json`;
  // The state of a user who withdrew access to all websites (see the top of this file).
  const perms = await evaluate(ff.control, async (o) => {
    const removed = await browser.permissions.remove({ origins: ['https://*/*'] });
    return { removed, allowed: await browser.permissions.contains({ origins: [o] }) };
  }, origin);
  assert.deepEqual(perms, { removed: true, allowed: false });

  const pub = publishKeySet(server, '/perm/keysets/qwen3.json', { body: hfKeySetDocument(tokenizerUrl) });
  const popup = await ff.openExtensionPage(POPUP_PATH);
  await popup.waitForSelector('#keyset-url');
  await popup.type('#keyset-url', pub.url);
  await popup.click('.add-url button[type=submit]');
  await waitFor('the permission step', async () => (await popup.$('[data-testid=tokenizer-permission]')) ?? undefined, 60_000);
  assert.equal(
    await text(popup, '[data-testid=tokenizer-permission] p'),
    `This key set needs the ${HF_TOKENIZER_NAME} tokenizer from 127.0.0.1:${port}; allow Watermark Lens to download it to continue.`,
  );
  assert.equal(await text(popup, '[data-testid=tokenizer-need]'), `the ${HF_TOKENIZER_NAME} tokenizer, from 127.0.0.1:${port}`);
  // Nothing was asked of the tokenizer's host, nothing stored, and no preview offered yet.
  assert.deepEqual(hits, []);
  // The pref skips the prompt, not the rule that only a user's input may ask.
  const outsideClick = await evaluate(ff.control, (o) => browser.permissions.request({ origins: [o] }).then((g) => `settled: ${g}`, (e: Error) => e.message), origin);
  assert.match(outsideClick, /user input/);
  assert.deepEqual(await storedTokenizers(), []);
  assert.equal(await popup.$('[data-testid=keyset-preview]'), null);

  await clickButton(popup, '[data-testid=tokenizer-permission]', 'Allow and download');
  await waitFor(
    'the preview',
    async () => ((await popup.$('[data-testid=keyset-preview]')) ? 'preview' : (await popup.$('[data-testid=add-error]')) ? await text(popup, '[data-testid=add-error]') : undefined),
    120_000,
  ).then((r) => assert.equal(r, 'preview'));
  // Granted for the tokenizer's origin (not all of https), downloaded once, verified and stored.
  const after = await evaluate(ff.control, async (o) => ({
    tokenizerOrigin: await browser.permissions.contains({ origins: [o] }),
    otherHttps: await browser.permissions.contains({ origins: ['https://keys.example/*'] }),
  }), origin);
  assert.deepEqual(after, { tokenizerOrigin: true, otherHttps: false });
  assert.deepEqual(hits, ['/qwen3/tokenizer.json']);
  const mb = (HF_TOKENIZER_BYTES.byteLength / 1e6).toFixed(1);
  assert.equal(await text(popup, 'dd[data-field="tokenizer-files"]'), `the ${HF_TOKENIZER_NAME} tokenizer, ${mb} MB, from 127.0.0.1:${port}`);
  assert.deepEqual((await storedTokenizers()).map((f) => [f.sha256, f.sizeBytes, f.url]), [[HF_TOKENIZER_SHA256, HF_TOKENIZER_BYTES.byteLength, tokenizerUrl]]);

  await clickButton(popup, '[data-testid=keyset-preview]', 'Add key set');
  await waitFor('the notice', async () => (await popup.$('[data-testid=keyset-notice]')) ?? undefined);
  assert.equal(await text(popup, '[data-testid=keyset-notice]'), `Added “${HF_KEYSET_NAME}” (version 1).`);
  assert.deepEqual(hits, ['/qwen3/tokenizer.json']);
  await popup.close();
});

test("no errors from the extension's own scripts in the browser console", () => {
  assert.deepEqual(ff.extensionErrors, []);
});
