// Firefox: a key set pinning the real Qwen3 tokenizer.json (served by the e2e server) added in the
// popup page; the preview names the tokenizer and its size, the file is stored in IndexedDB by the
// event page, the detection Workers it starts read it from there, and a page with text watermarked
// under the key is flagged and highlighted. A tampered file is refused and nothing is stored.
// Run: npm run build && node --import tsx --test e2e-firefox/hf-tokenizer.test.ts
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { Browser as WebExtBrowser } from 'webextension-polyfill';
import { HF_KEYSET_NAME, HF_KID, HF_TOKENIZER_BYTES, HF_TOKENIZER_NAME, HF_TOKENIZER_SHA256, hfKeySetDocument, hfTexts, serveHfPage, serveTokenizer } from '../e2e/hf-keyset-helpers';
import { highlightedTextsInPage } from '../e2e/scan-settled';
import { publishKeySet, startServer, type TestServer } from '../e2e/server';
import { evaluate, launchFirefox, POPUP_PATH, waitFor, waitForScanComplete, type FirefoxHandle } from './firefox';

declare const browser: WebExtBrowser;

let ff: FirefoxHandle;
let server: TestServer;

before(async () => {
  server = await startServer();
  ff = await launchFirefox();
});

after(async () => {
  await ff?.close();
  await server?.close();
});

type StoreHook = { keysets: { tokenizerFiles(): Promise<{ sha256: string; sizeBytes: number }[]> } };

function storedTokenizers(): Promise<{ sha256: string; sizeBytes: number }[]> {
  return evaluate(ff.control, async () => {
    const bg = (await browser.runtime.getBackgroundPage()) as unknown as { __wmlensTest: StoreHook };
    return bg.__wmlensTest.keysets.tokenizerFiles();
  });
}

/** Types the address into the popup page and previews it; resolves to the preview or the error shown. */
async function preview(popup: Page, url: string): Promise<'preview' | 'error'> {
  await popup.waitForSelector('#keyset-url');
  await popup.$eval('#keyset-url', (e) => ((e as HTMLInputElement).value = ''));
  await popup.type('#keyset-url', url);
  await popup.click('.add-url button[type=submit]');
  return waitFor(
    'the preview',
    async () => ((await popup.$('[data-testid=keyset-preview]')) ? 'preview' : (await popup.$('[data-testid=add-error]')) ? 'error' : undefined),
    60_000,
  );
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

test('a tampered tokenizer file is refused in the preview and nothing is stored', async () => {
  const tampered = Buffer.from(HF_TOKENIZER_BYTES);
  tampered[11] ^= 1;
  serveTokenizer(server, '/ff/tampered.json', tampered);
  const pub = publishKeySet(server, '/ff/keysets/tampered.json', { body: hfKeySetDocument(server.url('/ff/tampered.json')) });
  const popup = await ff.openExtensionPage(POPUP_PATH);
  assert.equal(await preview(popup, pub.url), 'error');
  const error = await text(popup, '[data-testid=add-error]');
  assert.match(error, new RegExp(`tokenizer ${HF_TOKENIZER_NAME.replace('/', '\\/')} from .*tampered\\.json: the file's SHA-256 is [0-9a-f]{64}, but the key set pins ${HF_TOKENIZER_SHA256}; refused`));
  assert.deepEqual(await storedTokenizers(), []);
  await popup.close();
});

test('add the key set in the popup: preview names the tokenizer and its size; the watermarked post is flagged and highlighted', async () => {
  const page = await ff.browser.newPage();
  await page.goto(serveHfPage(server, '/ff/thread'));
  await waitForScanComplete(ff, page, { minAnnotated: 2 });

  serveTokenizer(server, '/ff/qwen3/tokenizer.json', HF_TOKENIZER_BYTES);
  const pub = publishKeySet(server, '/ff/keysets/qwen3.json', { body: hfKeySetDocument(server.url('/ff/qwen3/tokenizer.json')) });
  const popup = await ff.openExtensionPage(POPUP_PATH);
  assert.equal(await preview(popup, pub.url), 'preview');
  const mb = (HF_TOKENIZER_BYTES.byteLength / 1e6).toFixed(1);
  assert.equal(await text(popup, 'dd[data-field="tokenizer-files"]'), `the ${HF_TOKENIZER_NAME} tokenizer, ${mb} MB, from 127.0.0.1:${server.port}`);
  assert.deepEqual((await storedTokenizers()).map((f) => [f.sha256, f.sizeBytes]), [[HF_TOKENIZER_SHA256, HF_TOKENIZER_BYTES.byteLength]]);
  for (const b of await popup.$$('[data-testid=keyset-preview] button')) {
    if ((await b.evaluate((e) => (e as HTMLElement).innerText)) === 'Add key set') await b.click();
  }
  await waitFor('the notice', async () => (await popup.$('[data-testid=keyset-notice]')) ?? undefined);
  assert.equal(await text(popup, '[data-testid=keyset-notice]'), `Added “${HF_KEYSET_NAME}” (version 1).`);
  await popup.close();

  const verdicts = (id: string) =>
    evaluate(page, (sel) => [...document.querySelectorAll(`#${sel}, #${sel} [data-wmlens]`)].map((e) => e.getAttribute('data-wmlens')), id);
  await waitFor('the watermarked post to be flagged', async () => (await verdicts('wm')).includes('watermarked') || undefined, 60_000);
  assert.ok(!(await verdicts('human')).includes('watermarked'));
  const state = await ff.pageState(await ff.tabIdOf(page));
  assert.ok(state!.flaggedSpans.some((s) => s.kid === HF_KID && s.keySetName === HF_KEYSET_NAME));
  // Highlighted where the core put the span when the fixture was made.
  const wm = hfTexts().items[0];
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
  const highlighted = (await evaluate(page, highlightedTextsInPage, '#wm')).flatMap((b) => b.highlighted).map(norm);
  assert.deepEqual(highlighted, wm.measured.spans.map((s) => norm(wm.text.slice(s.start, s.end))));
  await page.close();
});

test("no errors from the extension's own scripts in the browser console", () => {
  assert.deepEqual(ff.extensionErrors, []);
});
