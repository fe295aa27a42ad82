// Real watermarked fixture texts (e2e/fixtures/texts/watermarked.json, made with the core's generator)
// in structures the forum fixture does not have: a post body of three <p> (human, watermarked, human),
// a watermarked paragraph split across inline markup, and one inside an open shadow root.
import { expect, test } from './fixtures';
import { highlightedTexts, waitForScanComplete } from './harness';
import { serveContentFixtures } from './content-helpers';
import { humanTexts, requireWatermarked, watermarkedTexts } from './texts';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const words = (s: string) => norm(s).split(' ');

test.beforeEach(({ server }) => serveContentFixtures(server));

test('watermarked text is flagged and highlighted in paragraphs, across markup and in shadow roots', async ({ page, ext, server }) => {
  requireWatermarked(7);
  const wm = watermarkedTexts();
  const h = humanTexts().texts;
  await page.goto(server.url('/content/watermarked'));
  await waitForScanComplete(ext, page, { minAnnotated: 3 });

  await expect(page.locator('#paras')).toHaveAttribute('data-wmlens', 'watermarked');
  await expect(page.locator('#inline')).toHaveAttribute('data-wmlens', 'watermarked');
  await expect(page.locator('#shadow-wm')).toHaveAttribute('data-wmlens', 'watermarked');
  await expect(page.locator('#human')).not.toHaveAttribute('data-wmlens', 'watermarked');

  const ranges = (await highlightedTexts(page)).map(norm).filter(Boolean);
  const covered = ranges.join(' ');
  const share = (text: string) => {
    const w = words(text);
    return w.filter((x) => covered.includes(x)).length / w.length;
  };
  // The post body: the middle paragraph is highlighted, its human neighbours (almost) not.
  expect(share(wm[4].text)).toBeGreaterThan(0.6);
  for (const human of [h[0], h[1]]) {
    const sentences = norm(human).split(/(?<=[.!?])\s+/).filter((s) => s.length > 40);
    expect(sentences.filter((s) => covered.includes(s)).length, 'human sentences highlighted').toBeLessThanOrEqual(1);
  }
  // A highlight runs from the plain text into the <em> (one block text across two text nodes).
  const inlineRanges = await page.locator('#inline').evaluate((p) => {
    const reg = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    return [...reg.values()].flatMap((hl) => [...hl]).filter((r) => p.contains(r.startContainer)).map((r) => ({ crosses: r.startContainer !== r.endContainer, text: r.toString() }));
  });
  expect(inlineRanges.some((r) => r.crosses)).toBe(true);
  expect(share(wm[6].text)).toBeGreaterThan(0.6);
  expect(share(wm[1].text)).toBeGreaterThan(0.6);

  // The badge card names the bundled key set and reads the result in plain words.
  await page.locator('wmlens-ui .badge').first().focus();
  const card = page.locator('wmlens-ui').getByRole('tooltip');
  await expect(card).toContainText('Reference');
  await expect(card).toContainText(/lmw-(lefthash|selfhash)/);
  await expect(card).toContainText('for unwatermarked text');
});

test('a shorter watermarked paragraph between two human ones is still localized', async ({ page, ext, server }) => {
  // The whole-block test alone misses this post (the human paragraphs dilute it); the span search, which
  // shares α with it (src/calibration/block-test.ts), finds and flags the watermarked paragraph.
  requireWatermarked(3);
  await page.goto(server.url('/content/watermarked'));
  await waitForScanComplete(ext, page, { minAnnotated: 3 });
  await expect(page.locator('#paras-short')).toHaveAttribute('data-wmlens', 'watermarked');
  const covered = (await highlightedTexts(page)).map(norm).join(' ');
  const w = words(watermarkedTexts()[2].text);
  expect(w.filter((x) => covered.includes(x)).length / w.length).toBeGreaterThan(0.6);
});
