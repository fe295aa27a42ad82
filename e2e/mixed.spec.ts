// Mixed post: human paragraph, watermarked paragraph, human paragraph in one block. The highlight must
// cover the watermarked part, not the whole block (design §6: IoU ≥ 0.5 with the watermarked range).
import { expect, test } from './fixtures';
import { highlightOffsetsIn, iou, waitForScanComplete } from './harness';
import { mixedFixture } from './pages';
import { requireWatermarked } from './texts';

test('the highlight covers the watermarked part of a mixed block', async ({ page, ext, server }) => {
  requireWatermarked();
  const post = mixedFixture();
  const [before, wm, after] = post.paragraphs;
  await page.goto(server.url('/mixed'));
  await waitForScanComplete(ext, page);

  await expect(page.locator('article[data-kind=mixed] [data-wmlens=watermarked]')).toHaveCount(1);
  const [mixed] = await highlightOffsetsIn(page, 'article[data-kind=mixed] .post-body p');
  expect(mixed.text).toBe(before + wm + after); // <br><br> between paragraphs adds no text
  const want: [number, number] = [before.length, before.length + wm.length];
  const score = iou(mixed.ranges, want);
  test.info().annotations.push({ type: 'mixed-iou', description: `IoU ${score.toFixed(2)}; highlighted ${JSON.stringify(mixed.ranges)}, watermarked ${JSON.stringify(want)}` });
  expect(score, `highlight ${JSON.stringify(mixed.ranges)} vs watermarked ${JSON.stringify(want)}`).toBeGreaterThanOrEqual(0.5);
  // The human paragraphs stay mostly unhighlighted (a few tokens at the seams are tolerated).
  const coveredIn = (s: number, e: number) => mixed.ranges.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, e) - Math.max(a, s)), 0);
  expect(coveredIn(0, want[0]) / before.length).toBeLessThan(0.25);
  expect(coveredIn(want[1], mixed.text.length) / after.length).toBeLessThan(0.25);
});
