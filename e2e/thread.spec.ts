// The forum-like thread: watermarked posts flagged and highlighted, human posts never flagged, posts
// appended 2 s after load scanned too, a short post reported as too short.
import { expect, postVerdicts, test, unannotatedPosts } from './fixtures';
import { highlightOffsetsIn, iou, waitForScanComplete } from './harness';
import { requireWatermarked } from './texts';

test('human posts are scanned and never flagged; the short post is too short; appended posts are scanned', async ({ page, ext, server }) => {
  await page.goto(server.url('/thread'));
  await waitForScanComplete(ext, page);
  // "Load more": posts arrive 2 s after load and get scanned without a reload.
  await expect(page.locator('html[data-appended=true]')).toBeAttached({ timeout: 10_000 });
  await expect.poll(() => unannotatedPosts(page), { timeout: 15_000 }).toEqual([]);

  const human = await postVerdicts(page, 'article[data-kind=human]');
  expect(human.length).toBeGreaterThanOrEqual(4);
  for (const v of human) {
    expect(v.length, 'every human post has a scanned block').toBeGreaterThan(0);
    expect(v).not.toContain('watermarked');
  }
  expect(await postVerdicts(page, 'article[data-kind=short]')).toEqual([['too-short']]);
  // The appended posts are among the scanned ones.
  const appended = await page.$$eval('#posts article', (els) => els.slice(-2).map((e) => [e.getAttribute('data-kind'), !!e.querySelector('[data-wmlens]') || e.hasAttribute('data-wmlens')]));
  expect(appended.every(([, scanned]) => scanned)).toBe(true);
});

test('every watermarked post is flagged and its span highlighted', async ({ page, ext, server }) => {
  requireWatermarked();
  await page.goto(server.url('/thread'));
  await waitForScanComplete(ext, page);
  await expect(page.locator('html[data-appended=true]')).toBeAttached({ timeout: 10_000 });
  await expect.poll(() => unannotatedPosts(page), { timeout: 15_000 }).toEqual([]);

  const wm = await postVerdicts(page, 'article[data-kind=watermarked], article[data-kind=mixed]');
  expect(wm.length).toBeGreaterThanOrEqual(3);
  for (const v of wm) expect(v).toContain('watermarked');
  for (const v of await postVerdicts(page, 'article[data-kind=human], article[data-kind=short]')) expect(v).not.toContain('watermarked');

  // Highlights: every watermarked post has its span highlighted (span search may trim tokens at the
  // edges; on average the highlight matches the post with IoU ≥ 0.5), human posts have none.
  const scores: number[] = [];
  for (const { text, ranges } of await highlightOffsetsIn(page, 'article[data-kind=watermarked] .post-body')) {
    const score = iou(ranges, [0, text.length]);
    expect(score, `highlight on "${text.trim().slice(0, 40)}…"`).toBeGreaterThan(0.25);
    scores.push(score);
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  test.info().annotations.push({ type: 'highlight-iou', description: scores.map((x) => x.toFixed(2)).join(', ') });
  expect(mean).toBeGreaterThanOrEqual(0.5);
  for (const { ranges } of await highlightOffsetsIn(page, 'article[data-kind=human] .post-body')) expect(ranges).toEqual([]);
});
