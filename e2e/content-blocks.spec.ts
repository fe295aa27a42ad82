// Block extraction on a page of tricky structures: which elements become blocks (and carry the
// data-wmlens verdict), which are skipped, that blocks never nest, that open shadow roots and slots are
// read, and that each distinct text is sent to the detector once.
import { expect, test } from './fixtures';
import { waitForScanComplete } from './harness';
import { annotated, detectLog, instrumentDetector, serveContentFixtures } from './content-helpers';
import { humanTexts } from './texts';

test.beforeEach(({ server }) => serveContentFixtures(server));

test('blocks are the readable prose, skipping chrome, code, inputs and hidden text', async ({ page, ext, server }) => {
  await instrumentDetector(ext);
  await page.goto(server.url('/content/blocks'));
  await waitForScanComplete(ext, page, { minAnnotated: 6 });

  const expectations = await page.evaluate(() => {
    const out: { id: string; expect: string; self: string | null; inside: number }[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const want = el.getAttribute('data-expect');
        if (want) {
          const inside = [...el.querySelectorAll('[data-wmlens]')].length + (el.shadowRoot ? el.shadowRoot.querySelectorAll('[data-wmlens]').length : 0);
          out.push({ id: el.id || `${el.localName}.${el.className}`, expect: want, self: el.getAttribute('data-wmlens'), inside });
        }
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return out;
  });
  const blocks = expectations.filter((e) => e.expect === 'block');
  expect(blocks.map((b) => b.id)).toEqual(['multi', 'content-p', 'inline-markup', 'role-article', 'cell', 'shadow-body', 'slotted-p']);
  for (const b of blocks) {
    expect(b.self, `${b.id} is a scanned block`).toMatch(/^(watermarked|not-detected|too-short)$/);
    expect(b.inside, `${b.id} has no nested block`).toBe(0);
  }
  for (const n of expectations.filter((e) => e.expect === 'none')) {
    expect({ id: n.id, self: n.self, inside: n.inside }).toEqual({ id: n.id, self: null, inside: 0 });
  }
  // Nothing else on the page was annotated.
  const all = await annotated(page);
  expect(all.map((a) => a.id).sort()).toEqual(blocks.map((b) => b.id).sort());

  // Each distinct text went to the detector once: the table cell and the slotted paragraph share a
  // text, and the skipped copies of texts (header, nav, pre, textarea, …) were never sent.
  const sent = (await detectLog(ext)).flatMap((r) => r.blocks);
  const keys = sent.map((b) => `${b.length}:${b.head}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(sent.length).toBe(6);
  const h = humanTexts().texts;
  const multi = sent.find((b) => b.head.startsWith(h[4].slice(0, 40)));
  expect(multi?.length, 'the multi-paragraph post is sent as one text').toBeGreaterThan(h[4].length + h[5].length + h[6].length);
});

test('the block text joins inline markup and skips inline code', async ({ page, ext, server }) => {
  await instrumentDetector(ext);
  await page.goto(server.url('/content/blocks'));
  await waitForScanComplete(ext, page, { minAnnotated: 6 });
  const sent = (await detectLog(ext)).flatMap((r) => r.blocks);
  const h = humanTexts().texts[9];
  const inline = sent.find((b) => b.head.startsWith(h.slice(0, 30)));
  expect(inline).toBeDefined();
  // Without inline_code(): "<first half> emphasised words and a link and then <second half>".
  expect(inline!.length).toBe(h.length + ' emphasised words and a link and then'.length);
});
