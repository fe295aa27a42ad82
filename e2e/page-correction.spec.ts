// The page-level correction: with "Apply α to the whole page" on, a match stands only if it survives
// Holm's step-down over every test on the page. On the forum thread at α = 1e-6, some posts that pass
// α on their own do not pass it after the correction for the page's tests; switching the correction
// off shows them again, without rescoring anything.
import { expect, openPopup, test } from './fixtures';
import { pageState, tabIdOf, waitForScanComplete } from './harness';
import { detectLog, instrumentDetector, setSettings } from './content-helpers';
import { requireWatermarked } from './texts';

test('Holm over the page withdraws weak matches and keeps strong ones; off restores them', async ({ page, ext, server }) => {
  requireWatermarked();
  const alpha = 1e-6;
  await setSettings(ext, { alpha });
  await instrumentDetector(ext); // logs what the page sends; real detection (no synthetic results)
  // Without the posts appended 2 s after load: one arriving between two reads would change the counts.
  await page.goto(server.url('/thread-static'));
  const { state: before } = await waitForScanComplete(ext, page);
  const tabId = await tabIdOf(ext, page);
  const flaggedBefore = await page.locator('[data-wmlens="watermarked"]').count();
  expect(flaggedBefore).toBe(before!.blocksFlagged);
  expect(before!.pageCorrection).toBeUndefined();

  const sentBefore = (await detectLog(ext)).length;
  expect(sentBefore).toBeGreaterThan(0);
  await setSettings(ext, { alpha, pageCorrection: true });
  await expect.poll(async () => (await pageState(ext, tabId))?.pageCorrection).toBe(true);
  // The correction runs in the page without asking the detector again: the same tests, fewer flags.
  await expect.poll(async () => page.locator('[data-wmlens="watermarked"]').count()).toBeLessThan(flaggedBefore);
  const after = (await pageState(ext, tabId))!;
  expect(after.testsRun).toBe(before!.testsRun);
  expect(after.blocksFlagged).toBeGreaterThan(0);
  expect(after.blocksFlagged).toBe(await page.locator('[data-wmlens="watermarked"]').count());
  // A post that stays flagged is one whose strongest key passes at least Holm's last, loosest step…
  for (const s of after.flaggedSpans) expect(s.pValue).toBeLessThanOrEqual(alpha);
  // …and the withdrawn ones now read "not detected", with no highlight left on them.
  const highlighted = await page.evaluate(() =>
    [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values())].reduce((n, h) => n + h.size, 0),
  );
  expect(highlighted).toBeGreaterThan(0);
  const popup = await openPopup(ext, tabId);
  await expect(popup.getByTestId('blocks-flagged')).toHaveText(String(after.blocksFlagged));
  await expect(popup.getByTestId('page-correction')).toContainText('corrected for all of them (Holm)');
  await expect(popup.getByText('False-alarm level (α) for the whole page')).toBeVisible();
  await popup.close();
  console.log(`[page-correction] ${before!.testsRun} tests at α = ${alpha}: ${flaggedBefore} posts flagged per test, ${after.blocksFlagged} after Holm`);

  await setSettings(ext, { alpha, pageCorrection: false });
  await expect.poll(async () => page.locator('[data-wmlens="watermarked"]').count()).toBe(flaggedBefore);
  expect((await pageState(ext, tabId))?.pageCorrection).toBeUndefined();
  expect((await detectLog(ext)).length, 'no text was sent again').toBe(sentBefore);
});
