// Settings and on-demand checks: no automatic scanning when it is off (globally or for the site), yet
// the selection check and "Scan this page" still work; turning scanning off clears the page; a
// settings change rescores.
import type { Page } from '@playwright/test';
import type { PageState } from '../extension/shared/messages';
import { expect, test } from './fixtures';
import { pageState, tabIdOf, waitForScanComplete, type ExtensionHandle } from './harness';
import { annotated, detectLog, instrumentDetector, sendToPage, serveContentFixtures, setSettings } from './content-helpers';
import { humanTexts, requireWatermarked } from './texts';

test.beforeEach(({ server }) => serveContentFixtures(server));

async function selectText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return sel.toString();
  });
}

async function checkSelection(ext: ExtensionHandle, tabId: number, text = ''): Promise<{ ok: boolean }> {
  const sw = await ext.sw();
  return sw.evaluate(
    ([id, t]) => (globalThis as unknown as { __wmlensTest: { checkSelection(id: number, f: number, t: string): Promise<{ ok: boolean }> } }).__wmlensTest.checkSelection(id as number, 0, t as string),
    [tabId, text] as const,
  );
}

for (const [name, patch] of [
  ['automatic scanning is off', { autoScan: false }],
  ['the site is switched off', { disabledSites: ['127.0.0.1'] }],
] as const) {
  test(`nothing is scanned when ${name}, but a selection check and "Scan this page" work`, async ({ page, ext, server }) => {
    await setSettings(ext, patch);
    await instrumentDetector(ext);
    await page.goto(server.url('/content/dynamic'));
    const tabId = await tabIdOf(ext, page);
    await page.waitForTimeout(1500);
    expect(await annotated(page)).toEqual([]);
    expect(await detectLog(ext)).toEqual([]);
    const idle = (await pageState(ext, tabId)) as PageState;
    expect(idle).toMatchObject({ autoScanEnabled: false, blocksFound: 0, scanning: false });
    // Nothing of the extension is in the page until it is used.
    expect(await page.locator('wmlens-ui').count()).toBe(0);

    // Check selection: the card appears next to the selection, with the scores.
    const selected = await selectText(page, '#p1');
    expect(selected.length).toBeGreaterThan(400);
    expect(await checkSelection(ext, tabId)).toEqual({ ok: true });
    const card = page.locator('wmlens-ui').getByRole('dialog');
    await expect(card).toBeVisible();
    await expect(card).toContainText(/No watermark detected|Too short to tell/);
    await expect(card).toContainText('Tokens scored (T)');
    await expect(card).toContainText('z-score');
    await expect(card).toContainText('p-value');
    await expect(card).toContainText('does not mean a person wrote it');
    const cardBox = (await card.boundingBox())!;
    const selBox = (await page.locator('#p1').boundingBox())!;
    expect(cardBox.y).toBeGreaterThan(selBox.y + selBox.height - 2);
    expect(cardBox.y).toBeLessThan(selBox.y + selBox.height + 60);
    // The popup can show the last selection check too.
    const withCheck = (await pageState(ext, tabId)) as PageState;
    expect(withCheck.lastSelectionCheck).toMatchObject({ verdict: expect.stringMatching(/not-detected|too-short/) });
    expect(withCheck.lastSelectionCheck!.excerpt.startsWith(humanTexts().texts[0].slice(0, 60))).toBe(true);
    // Keyboard: the dialog has focus; Escape closes it.
    await expect(card).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(card).toBeHidden();
    // Still nothing scanned automatically.
    expect(await detectLog(ext)).toEqual([]);

    // "Scan this page" scans it (and keeps watching it).
    expect(await sendToPage(ext, tabId, { kind: 'popup/scan-now' })).toEqual({ ok: true });
    await waitForScanComplete(ext, page, { minAnnotated: 3 });
    expect((await annotated(page)).length).toBeGreaterThanOrEqual(4);
    await page.evaluate(() => (window as unknown as { __fx: Record<string, (a: string) => void> }).__fx.append('tpl-a'));
    await expect(page.locator('#pa')).toHaveAttribute('data-wmlens', /./, { timeout: 10_000 });
  });
}

test('the selection card closes with its button, and a selection without text says so', async ({ page, ext, server }) => {
  await page.goto(server.url('/content/dynamic'));
  const tabId = await tabIdOf(ext, page);
  await selectText(page, '#p3');
  await checkSelection(ext, tabId);
  const card = page.locator('wmlens-ui').getByRole('dialog');
  await expect(card).toContainText('Tokens scored (T)');
  await card.getByRole('button', { name: 'Close' }).click();
  await expect(card).toBeHidden();

  await page.evaluate(() => window.getSelection()!.removeAllRanges());
  await checkSelection(ext, tabId, '');
  await expect(card).toContainText('Nothing is selected.');
  // The browser's selectionText is used when the page's own selection is empty (e.g. inside an input).
  await checkSelection(ext, tabId, humanTexts().texts[7]);
  await expect(card).toContainText('Tokens scored (T)');
});

test('a watermarked selection is reported as consistent with the key set', async ({ page, ext, server }) => {
  requireWatermarked(1);
  await page.goto(server.url('/selection'));
  const tabId = await tabIdOf(ext, page);
  await selectText(page, '#post-1 .post-body');
  await checkSelection(ext, tabId);
  const card = page.locator('wmlens-ui').getByRole('dialog');
  await expect(card).toContainText('Watermark found');
  await expect(card).toContainText('for unwatermarked text');
});

test('switching scanning off clears the page; a settings change rescores it', async ({ page, ext, server }) => {
  await instrumentDetector(ext);
  await page.goto(server.url('/content/dynamic'));
  const tabId = await tabIdOf(ext, page);
  await waitForScanComplete(ext, page, { minAnnotated: 3 });
  const blocks = (await annotated(page)).length;

  await setSettings(ext, { alpha: 1e-3 });
  // background/rescan: every block is scored again under the new settings (a new generation of ids).
  await expect.poll(async () => (await detectLog(ext)).flatMap((r) => r.blocks).filter((b) => b.blockId.startsWith('1.')).length).toBe(blocks);
  await waitForScanComplete(ext, page, { minAnnotated: 3 });
  expect((await annotated(page)).length).toBe(blocks);

  await setSettings(ext, { autoScan: false });
  await expect.poll(async () => (await annotated(page)).length).toBe(0);
  expect(await pageState(ext, tabId)).toMatchObject({ blocksFound: 0, autoScanEnabled: false });
  await setSettings(ext, { autoScan: true });
  await expect.poll(async () => (await annotated(page)).length, { timeout: 15_000 }).toBe(blocks);
});
