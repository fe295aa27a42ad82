// The popup, opened as chrome-extension://ID/extension/popup/index.html?tabId=N: page summary, flagged
// spans with scores, settings that persist, key-set toggles, keyboard use, empty/error states.
import { expect, openPopup, test } from './fixtures';
import { tabIdOf, waitForScanComplete } from './harness';
import { requireWatermarked } from './texts';

test('settings persist across reopening the popup', async ({ page, ext, server }) => {
  await page.goto(server.url('/thread-static'));
  const tabId = await tabIdOf(ext, page);
  let popup = await openPopup(ext, tabId);
  const auto = popup.getByLabel('Scan pages automatically');
  const site = popup.getByLabel('Scan pages on 127.0.0.1');
  const alpha = popup.getByLabel(/False-alarm level/);
  await expect(auto).toBeChecked();
  await expect(site).toBeChecked();
  await expect(alpha).toHaveValue('0.0001');
  await auto.uncheck();
  await site.uncheck();
  await alpha.selectOption('0.000001');
  await expect(popup.getByText('False-alarm level (α) per paragraph')).toBeVisible();
  await popup.getByLabel(/Apply α to the whole page/).check();
  await expect(popup.getByText('False-alarm level (α) for the whole page')).toBeVisible();
  await popup.getByLabel('Highlight style').selectOption('background');
  // The popup writes each change as it is made; wait until the last one is stored before closing it.
  const sw = await ext.sw();
  await expect
    .poll(async () => (await sw.evaluate(() => chrome.storage.local.get('settings'))).settings)
    .toMatchObject({ autoScan: false, disabledSites: ['127.0.0.1'], alpha: 1e-6, pageCorrection: true, highlightStyle: 'background' });
  await popup.close();

  popup = await openPopup(ext, tabId);
  await expect(popup.getByLabel('Scan pages automatically')).not.toBeChecked();
  await expect(popup.getByLabel('Scan pages on 127.0.0.1')).not.toBeChecked();
  await expect(popup.getByLabel(/False-alarm level/)).toHaveValue('0.000001');
  await expect(popup.getByLabel('Highlight style')).toHaveValue('background');
  await expect(popup.getByLabel(/Apply α to the whole page/)).toBeChecked();
  const stored = await sw.evaluate(() => chrome.storage.local.get('settings'));
  expect(stored.settings).toMatchObject({ autoScan: false, disabledSites: ['127.0.0.1'], alpha: 1e-6, pageCorrection: true, highlightStyle: 'background' });
  await popup.close();
});

test('page summary after a scan shows the content script\'s counts', async ({ page, ext, server }) => {
  await page.goto(server.url('/thread-static'));
  const { state } = await waitForScanComplete(ext, page);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await expect(popup.getByTestId('blocks-scanned')).toHaveText(String(state!.blocksScored));
  await expect(popup.getByTestId('blocks-too-short')).toHaveText(String(state!.blocksTooShort));
  // The thread holds watermarked posts (the fixture is required), so some blocks are flagged.
  expect(state!.blocksFlagged).toBeGreaterThan(0);
  await expect(popup.getByTestId('blocks-flagged')).toHaveText(String(state!.blocksFlagged));
  await expect(popup.locator('body')).not.toContainText(/\bhuman\b|AI-written/i);
  await popup.close();
});

test('key sets: bundled defaults listed and enabled; disabling persists', async ({ page, ext, server }) => {
  await page.goto(server.url('/thread-static'));
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  const item = popup.locator('[data-keyset="bundled:keysets/reference-defaults.json"]');
  await expect(item).toBeVisible();
  const toggle = item.getByRole('checkbox');
  await expect(toggle).toBeChecked();
  await expect(item.getByTestId('keyset-status')).toHaveText(/in use|not checked yet/);
  await toggle.uncheck();
  await expect(item.getByTestId('keyset-status')).toHaveText('disabled');
  await popup.reload();
  await expect(popup.locator('[data-keyset="bundled:keysets/reference-defaults.json"]').getByRole('checkbox')).not.toBeChecked();
  await popup.close();
});

test('keyboard: controls are reachable with Tab and show a focus ring', async ({ page, ext, server }) => {
  await page.goto(server.url('/thread-static'));
  await waitForScanComplete(ext, page);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  await expect(popup.getByTestId('summary')).toBeVisible();
  await popup.bringToFront();
  await popup.locator('h1').click(); // focus the document, as opening the popup does
  const seen: string[] = [];
  for (let i = 0; i < 8; i++) {
    await popup.keyboard.press('Tab');
    const info = await popup.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const style = el ? getComputedStyle(el) : null;
      return {
        label: `${el?.tagName}:${el?.getAttribute('aria-label') ?? el?.closest('label')?.textContent ?? el?.textContent ?? ''}`,
        outline: style?.outlineStyle ?? 'none',
      };
    });
    if (info.label.startsWith('BODY:')) break; // past the last control
    seen.push(info.label.trim());
    expect(info.outline, `focus ring on ${info.label}`).not.toBe('none');
  }
  expect(seen.join('|')).toMatch(/Scan this page/);
  expect(seen.join('|')).toMatch(/Scan pages automatically/);
  await popup.close();
});

test('a tab where the content script cannot run shows an explanation, not an error', async ({ ext }) => {
  const blank = await ext.context.newPage();
  await blank.goto('about:blank');
  const sw = await ext.sw();
  const tabId = await sw.evaluate(async () => {
    const tabs = await chrome.tabs.query({});
    return tabs[tabs.length - 1].id!;
  });
  const popup = await openPopup(ext, tabId);
  await expect(popup.getByTestId('page-restricted').or(popup.getByTestId('page-unreachable'))).toBeVisible();
  await popup.close();
  await blank.close();
});

test('lists flagged spans strongest first with scores; Enter scrolls the page to one', async ({ page, ext, server }) => {
  requireWatermarked();
  await page.setViewportSize({ width: 1000, height: 500 });
  await page.goto(server.url('/thread-static'));
  await waitForScanComplete(ext, page);
  const popup = await openPopup(ext, await tabIdOf(ext, page));
  const items = popup.locator('button.span');
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeGreaterThanOrEqual(2);
  await expect(items.first()).toContainText(/consistent with the watermark of .+ \(p = /);
  // Sorted by strength: p ascending.
  const ps = await popup.getByTestId('span-p').allTextContents();
  const parse = (s: string) => {
    const m = s.replace(/[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => '-0123456789'['⁻⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)]).match(/^([\d.]+)(?: × 10(-?\d+))?/);
    return m ? Number(m[1]) * 10 ** Number(m[2] ?? 0) : NaN;
  };
  const values = ps.map(parse);
  expect([...values].sort((a, b) => a - b)).toEqual(values);
  // Scroll: the last flagged post is below the fold; Enter on its item brings it into view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await items.last().focus();
  await popup.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await popup.close();
});
