// Unigram-Watermark in the extension (issue 10): a key set with a Unigram key, subscribed by URL, is
// validated (its reference test vectors reproduced in the Worker) and used on an open forum page: the
// posts written under the key by `wmlens generate` (e2e/fixtures/keysets/make-unigram-fixtures.ts) are
// flagged and highlighted, naming the key set; the hand-written post is not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { highlightedTexts, pageState, tabIdOf, waitForScanComplete } from './harness';
import { addByUrl, KEYSETS_DIR } from './keyset-helpers';
import { esc, page as pageHtml } from './pages';
import { publishKeySet } from './server';
import { humanTexts } from './texts';

const BYTES = readFileSync(join(KEYSETS_DIR, 'unigram-keyset.json'));
const NAME = JSON.parse(BYTES.toString('utf8')).name as string;
const TEXTS = JSON.parse(readFileSync(join(KEYSETS_DIR, 'unigram-texts.json'), 'utf8')) as { items: { text: string }[] };
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

test('a unigram key set is accepted; its watermarked posts are flagged and highlighted, the human post is not', async ({ page, ext, server }) => {
  const pub = publishKeySet(server, '/keysets/unigram.json', { body: BYTES });
  const post = (id: string, text: string) => `<article class="post" id="${id}"><div class="post-body"><p>${esc(text)}</p></div></article>`;
  const html = pageHtml({
    title: 'Unigram thread',
    body: `<section id="posts">${post('wm1', TEXTS.items[0].text)}\n${post('human', humanTexts().texts[2])}\n${post('wm2', TEXTS.items[1].text)}</section>`,
  });
  server.route('/unigram-thread', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });

  const added = await addByUrl(ext, pub.url);
  expect(added, JSON.stringify(added)).toMatchObject({ ok: true });
  await page.goto(server.url('/unigram-thread'));
  await waitForScanComplete(ext, page, { minAnnotated: 3 });

  for (const id of ['#wm1', '#wm2']) {
    await expect.poll(() => page.$$eval(`${id}, ${id} [data-wmlens]`, (els) => els.map((e) => e.getAttribute('data-wmlens'))), { timeout: 20_000 }).toContain('watermarked');
  }
  expect(await page.$$eval('#human, #human [data-wmlens]', (els) => els.map((e) => e.getAttribute('data-wmlens')))).not.toContain('watermarked');

  const covered = (await highlightedTexts(page)).map(norm).join(' ');
  for (const { text } of TEXTS.items) {
    const words = norm(text).split(' ');
    expect(words.filter((w) => covered.includes(w)).length / words.length).toBeGreaterThan(0.6);
  }
  const state = await pageState(ext, await tabIdOf(ext, page));
  expect(state!.flaggedSpans.map((s) => s.keySetName)).toContain(NAME);
});
