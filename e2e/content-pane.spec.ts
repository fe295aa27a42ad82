// Badges follow their block inside a page's own scrolling pane (chat apps, thread lists): a post
// scrolled out of the pane takes its badge with it instead of leaving it floating over the page, and a
// post whose top is scrolled away keeps its badge at the pane's top edge while the post still shows.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForScanComplete } from './harness';
import { serveContentFixtures } from './content-helpers';
import { requireWatermarked } from './texts';

test.beforeEach(({ server }) => serveContentFixtures(server));

/** Every badge, shown or hidden (role queries skip hidden ones), in the order the posts came. */
function badges(page: Page): Locator {
  return page.locator('wmlens-ui button.badge');
}

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('no box');
  return b;
}

test('badges are clipped by the scrolling pane their post is in', async ({ page, ext, server }) => {
  requireWatermarked(4);
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(server.url('/content/pane'));
  await waitForScanComplete(ext, page, { minAnnotated: 2 });
  await expect(page.locator('#wm-a')).toHaveAttribute('data-wmlens', 'watermarked');
  await expect(page.locator('#wm-b')).toHaveAttribute('data-wmlens', 'watermarked');
  const pane = page.locator('#pane');
  const paneBox = await box(pane);

  // Badges are created in the order results arrive; tell them apart by where they sit.
  const visible = async () => {
    const out: { x: number; y: number; width: number; height: number }[] = [];
    for (const b of await badges(page).all()) {
      // A badge can be hidden between the two calls while the pane scrolls: then it is not shown.
      const shown = (await b.isVisible()) ? await b.boundingBox() : null;
      if (shown) out.push(shown);
    }
    return out;
  };
  const inPane = (b: { x: number; y: number; width: number; height: number }) =>
    b.x + b.width <= paneBox.x + paneBox.width + 1 && b.y >= paneBox.y - 1 && b.y + b.height <= paneBox.y + paneBox.height + 1;

  // At first the first post is in view with its badge, inside the pane; the second is below the fold.
  await expect(badges(page)).toHaveCount(2);
  await expect.poll(async () => (await visible()).length).toBe(1);
  const wmA = await box(page.locator('#wm-a'));
  const [first] = await visible();
  expect(inPane(first)).toBe(true);
  expect(Math.abs(first.y - wmA.y)).toBeLessThan(30);

  // Scroll the pane until the first post's top is above the pane but the post still shows: its badge
  // stays at the pane's top edge.
  await pane.evaluate((el, dy) => el.scrollBy(0, dy), wmA.y - paneBox.y + 30);
  await expect
    .poll(async () => {
      const shown = await visible();
      return shown.length === 1 && inPane(shown[0]) && Math.abs(shown[0].y - paneBox.y) < 4;
    })
    .toBe(true);

  // Scroll the first post out of the pane entirely: its badge goes, the second post's comes.
  await pane.evaluate((el) => el.scrollTo(0, (document.getElementById('wm-b') as HTMLElement).offsetTop - (el as HTMLElement).offsetTop));
  const wmB = await box(page.locator('#wm-b'));
  await expect
    .poll(async () => {
      const shown = await visible();
      return shown.length === 1 && inPane(shown[0]) && Math.abs(shown[0].y - wmB.y) < 30;
    })
    .toBe(true);

  // The document's own scrolling does not hide badges: the page scrolls, the badge moves with it.
  await page.evaluate(() => window.scrollTo(0, 40));
  await expect.poll(async () => (await visible()).length).toBe(1);
});
