// SynthID-Text in the extension (issue 10): the shipped example key set
// (public/keysets/synthid-docs-example.json, off unless a user adds it), subscribed by URL, is validated
// (its reference test vectors reproduced in the Worker) and used on an open forum page: the posts written
// under its keys by `wmlens generate` (e2e/fixtures/keysets/make-synthid-fixtures.ts; one per variant,
// hash and sampling table) are flagged and highlighted, naming the key set; the hand-written posts are not.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { highlightedTexts, pageState, tabIdOf, waitForScanComplete } from './harness';
import { addByUrl, KEYSETS_DIR } from './keyset-helpers';
import { esc, page as pageHtml } from './pages';
import { publishKeySet } from './server';
import { humanTexts } from './texts';

const BYTES = readFileSync(join(KEYSETS_DIR, '..', '..', '..', 'public', 'keysets', 'synthid-docs-example.json'));
const NAME = JSON.parse(BYTES.toString('utf8')).name as string;
const TEXTS = JSON.parse(readFileSync(join(KEYSETS_DIR, 'synthid-texts.json'), 'utf8')) as {
  keySetSha256: string;
  items: { kid: string; text: string }[];
};
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

test('the SynthID example key set is accepted; its watermarked posts are flagged and highlighted, the human posts are not', async ({ page, ext, server }) => {
  // The posts were generated under these exact bytes; a changed example key set needs new fixtures.
  expect(createHash('sha256').update(BYTES).digest('hex'), 'rerun make-synthid-fixtures.ts').toBe(TEXTS.keySetSha256);
  const pub = publishKeySet(server, '/keysets/synthid-docs-example.json', { body: BYTES });
  const post = (id: string, text: string) => `<article class="post" id="${id}"><div class="post-body"><p>${esc(text)}</p></div></article>`;
  const human = humanTexts().texts;
  const html = pageHtml({
    title: 'SynthID thread',
    body: `<section id="posts">${[
      post('wm1', TEXTS.items[0].text),
      post('human1', human[2]),
      post('wm2', TEXTS.items[1].text),
      post('human2', human[5]),
    ].join('\n')}</section>`,
  });
  server.route('/synthid-thread', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });

  const added = await addByUrl(ext, pub.url);
  expect(added, JSON.stringify(added)).toMatchObject({ ok: true });
  await page.goto(server.url('/synthid-thread'));
  await waitForScanComplete(ext, page, { minAnnotated: 4 });

  for (const id of ['#wm1', '#wm2']) {
    await expect.poll(() => page.$$eval(`${id}, ${id} [data-wmlens]`, (els) => els.map((e) => e.getAttribute('data-wmlens'))), { timeout: 20_000 }).toContain('watermarked');
  }
  for (const id of ['#human1', '#human2']) {
    expect(await page.$$eval(`${id}, ${id} [data-wmlens]`, (els) => els.map((e) => e.getAttribute('data-wmlens')))).not.toContain('watermarked');
  }

  const covered = (await highlightedTexts(page)).map(norm).join(' ');
  for (const { text } of TEXTS.items) {
    const words = norm(text).split(' ');
    expect(words.filter((w) => covered.includes(w)).length / words.length).toBeGreaterThan(0.6);
  }
  const state = await pageState(ext, await tabIdOf(ext, page));
  const spans = state!.flaggedSpans;
  expect(spans.map((s) => s.keySetName)).toContain(NAME);
  // Each post under the key (variant) it was written with.
  for (const { kid } of TEXTS.items) expect(spans.map((s) => s.kid)).toContain(kid);
});
