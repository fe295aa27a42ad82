// "Check selection for watermarks": the context-menu handler (exposed on the service worker for tests,
// since native menus can't be clicked) shows an in-page card with the score, also where automatic
// scanning is off.
import { expect, openPopup, test } from './fixtures';
import { tabIdOf } from './harness';
import { requireWatermarked } from './texts';
import type { Page } from '@playwright/test';
import type { ExtensionHandle } from './harness';

async function selectAndCheck(ext: ExtensionHandle, page: Page, selector: string): Promise<void> {
  const text = await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const r = document.createRange();
    r.selectNodeContents(el);
    const s = getSelection()!;
    s.removeAllRanges();
    s.addRange(r);
    return s.toString();
  }, selector);
  const tabId = await tabIdOf(ext, page);
  const sw = await ext.sw();
  const res = await sw.evaluate(
    ([id, t]) =>
      (globalThis as unknown as { __wmlensTest: { checkSelection(a: number, f: number, t: string): Promise<{ ok: boolean }> } }).__wmlensTest.checkSelection(
        id,
        0,
        t,
      ),
    [tabId, text] as const,
  );
  expect(res.ok).toBe(true);
}

test('selection check shows the in-page card with the score, with automatic scanning off', async ({ page, ext, server }) => {
  const sw = await ext.sw();
  await sw.evaluate(() => chrome.storage.local.set({ settings: { autoScan: false } }));
  await page.goto(server.url('/selection'));
  await selectAndCheck(ext, page, '#target-wrap .post-body p');
  const card = page.locator('.selection-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText(/p-value|p =/);
  await expect(card).toContainText(/z-score|z =/);
  await expect(card).not.toContainText(/\bhuman\b|AI-written/i);
  // Automatic scanning stayed off: nothing else on the page was annotated.
  await expect(page.locator('article [data-wmlens=watermarked]')).toHaveCount(0);
});

test('selection check on watermarked text reports the key set', async ({ page, ext, server }) => {
  requireWatermarked();
  await page.goto(server.url('/selection'));
  await selectAndCheck(ext, page, '#post-1 .post-body p');
  const card = page.locator('.selection-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText(/consistent with/i);
  await expect(card).toContainText(/p-value|p =/);
  // The popup shows the same result.
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await expect(popup.getByTestId('selection-check')).toContainText(/consistent with the watermark of .+ \(p = /);
  await popup.close();
});
