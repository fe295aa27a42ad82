// Mixed post: human paragraph, watermarked paragraph, human paragraph in one block. The highlight must
// cover the watermarked part, not the whole block.
import { expect, test } from './fixtures';
import { highlightedTexts, waitForScanComplete } from './harness';
import { mixedPost } from './pages';
import { NEEDS_WATERMARKED, watermarkedAvailable, watermarkedTexts } from './texts';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

test('the highlight covers the watermarked part of a mixed block', async ({ page, ext, server }) => {
  test.fixme(!watermarkedAvailable(), NEEDS_WATERMARKED);
  const post = mixedPost(watermarkedTexts()[0]);
  const [before, wm, after] = post.paragraphs.map(norm);
  await page.goto(server.url('/mixed'));
  await waitForScanComplete(ext, page);

  await expect(page.locator('article[data-kind=mixed] [data-wmlens=watermarked]')).toHaveCount(1);
  const ranges = (await highlightedTexts(page)).map(norm).filter((t) => t.length > 0);
  expect(ranges.length).toBeGreaterThan(0);
  const covered = norm(ranges.join(' '));
  // Most of the watermarked paragraph is highlighted …
  const wmWords = wm.split(' ');
  const hit = wmWords.filter((w) => covered.includes(w)).length;
  expect(hit / wmWords.length).toBeGreaterThan(0.6);
  // … and little of the human paragraphs around it (a few tokens at the seams are tolerated).
  for (const human of [before, after]) {
    const sentences = human.split(/(?<=[.!?])\s+/).filter((s) => s.length > 40);
    const leaked = sentences.filter((s) => covered.includes(s));
    expect(leaked.length, `human sentences highlighted: ${leaked.join(' | ')}`).toBeLessThanOrEqual(1);
  }
  // Not the whole block.
  expect(covered.length).toBeLessThan(norm(post.paragraphs.join(' ')).length * 0.8);
});
