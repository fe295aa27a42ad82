// Text that appears or changes after the first scan: appended posts, edits, re-renders, removals,
// revealed posts, shadow-root additions and SPA navigation, each scanned once and only when needed.
import type { Page } from '@playwright/test';
import type { PageState } from '../extension/shared/messages';
import { expect, test } from './fixtures';
import { highlightedTexts, pageState, tabIdOf, waitForScanComplete, type ExtensionHandle } from './harness';
import { annotated, detectLog, instrumentDetector, middleSentence, serveContentFixtures } from './content-helpers';
import { humanTexts } from './texts';

const h = humanTexts().texts;
const head = (n: number) => h[n].slice(0, 60);
const PHRASE = middleSentence(2);

test.beforeEach(({ server }) => serveContentFixtures(server));

async function sentHeads(ext: ExtensionHandle): Promise<string[]> {
  return (await detectLog(ext)).flatMap((r) => r.blocks.map((b) => b.head));
}
const count = (list: string[], x: string) => list.filter((y) => y === x).length;

async function settled(page: Page, ext: ExtensionHandle): Promise<PageState> {
  // Past the observer's debounce, then until the scan is idle again.
  await page.waitForTimeout(400);
  return (await waitForScanComplete(ext, page, { minAnnotated: 3 })).state!;
}

test('later changes are scanned once each, unchanged text never again', async ({ page, ext, server }) => {
  await instrumentDetector(ext, [{ phrase: PHRASE }]);
  await page.goto(server.url('/content/dynamic'));
  const tabId = await tabIdOf(ext, page);
  let state = await settled(page, ext);
  const initial = state.blocksFound;
  expect(await sentHeads(ext)).toEqual(expect.arrayContaining([head(0), head(1), head(3), head(5)]));
  expect(await sentHeads(ext)).not.toContain(head(4));
  expect((await highlightedTexts(page)).map((t) => t.trim())).toEqual([PHRASE]);

  // "Load more": two posts appended.
  await page.evaluate(() => {
    const fx = (window as unknown as { __fx: Record<string, (a?: string) => void> }).__fx;
    fx.append('tpl-a');
    fx.append('tpl-b');
  });
  await expect(page.locator('#pa')).toHaveAttribute('data-wmlens', /./, { timeout: 10_000 });
  await expect(page.locator('#pb')).toHaveAttribute('data-wmlens', /./);

  // A hidden post revealed by a class change, and a paragraph added inside an open shadow root.
  await page.evaluate(() => {
    const fx = (window as unknown as { __fx: Record<string, () => void> }).__fx;
    fx.reveal();
    fx.shadowAppend();
  });
  await expect(page.locator('#p-hidden')).toHaveAttribute('data-wmlens', /./, { timeout: 10_000 });
  await expect.poll(async () => (await annotated(page)).some((a) => a.id === 'shadow-list'), { timeout: 10_000 }).toBe(true);

  // Re-rendering a post with identical text sends nothing and keeps its highlight on the new nodes.
  await page.evaluate(() => (window as unknown as { __fx: Record<string, () => void> }).__fx.rerender());
  state = await settled(page, ext);
  expect((await highlightedTexts(page)).map((t) => t.trim())).toEqual([PHRASE]);
  const isLive = await page.evaluate(() => {
    const reg = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    return [...reg.values()].every((hl) => [...hl].every((r) => r.startContainer.isConnected));
  });
  expect(isLive).toBe(true);

  // An edit changes the text: it is sent again, once.
  await page.evaluate(() => (window as unknown as { __fx: Record<string, () => void> }).__fx.edit());
  state = await settled(page, ext);
  const edited = (await detectLog(ext)).flatMap((r) => r.blocks).filter((b) => b.head === head(0));
  expect(edited.map((b) => b.length)).toEqual([h[0].length, h[0].length + ' Edited later to add this sentence.'.length]);

  // A removed post leaves the page state.
  const before = state.blocksFound;
  await page.evaluate(() => (window as unknown as { __fx: Record<string, () => void> }).__fx.remove());
  await expect.poll(async () => (await pageState(ext, tabId))?.blocksFound).toBe(before - 1);

  // No text was sent twice (the edited post and the grown shadow list are new texts).
  const sent = (await detectLog(ext)).flatMap((r) => r.blocks.map((b) => `${b.length}:${b.head}`));
  for (const x of new Set(sent)) expect(count(sent, x), x).toBe(1);
  expect(initial).toBe(4);
});

test('an SPA navigation renews the page id', async ({ page, ext, server }) => {
  await instrumentDetector(ext);
  await page.goto(server.url('/content/dynamic'));
  await settled(page, ext);
  const first = new Set((await detectLog(ext)).map((r) => r.pageId));
  expect(first.size).toBe(1);
  await page.evaluate(() => {
    const fx = (window as unknown as { __fx: Record<string, (a?: string) => void> }).__fx;
    fx.navigate();
    fx.append('tpl-a');
  });
  await expect(page.locator('#pa')).toHaveAttribute('data-wmlens', /./, { timeout: 10_000 });
  const log = await detectLog(ext);
  const last = log[log.length - 1];
  expect(first.has(last.pageId)).toBe(false);
  expect(last.blocks.map((b) => b.head)).toEqual([head(6)]);
});
