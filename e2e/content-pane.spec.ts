// Badges follow their block inside a page's own scrolling pane (chat apps, thread lists): a post
// scrolled out of the pane takes its badge with it instead of leaving it floating over the page, and a
// post whose top is scrolled away keeps its badge at the pane's top edge while the post still shows.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForScanComplete } from './harness';
import { serveContentFixtures } from './content-helpers';
import { NEEDS_WATERMARKED, watermarkedAvailable } from './texts';

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
  test.fixme(!watermarkedAvailable(4), NEEDS_WATERMARKED);
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(server.url('/content/pane'));
  await waitForScanComplete(ext, page, { minAnnotated: 2 });
  await expect(page.locator('#wm-a')).toHaveAttribute('data-wmlens', 'watermarked');
  await expect(page.locator('#wm-b')).toHaveAttribute('data-wmlens', 'watermarked');
  const pane = page.locator('#pane');
  const paneBox = await box(pane);

  // At first the first post is in view with its badge, inside the pane; the second is below the fold.
  await expect(badges(page)).toHaveCount(2);
  await expect(badges(page).nth(0)).toBeVisible();
  await expect(badges(page).nth(1)).toBeHidden();
  const first = await box(badges(page).nth(0));
  expect(first.x + first.width).toBeLessThanOrEqual(paneBox.x + paneBox.width + 1);
  expect(first.y).toBeGreaterThanOrEqual(paneBox.y - 1);

  // Scroll the pane until the first post's top is above the pane but the post still shows: its badge
  // stays at the pane's top edge.
  const wmA = await box(page.locator('#wm-a'));
  await pane.evaluate((el, dy) => el.scrollBy(0, dy), wmA.y - paneBox.y + 30);
  await expect
    .poll(async () => {
      const b = await badges(page).nth(0).boundingBox();
      return b ? Math.round(b.y - paneBox.y) : null;
    })
    .toBeGreaterThanOrEqual(0);
  await expect(badges(page).nth(0)).toBeVisible();

  // Scroll the first post out of the pane entirely: its badge goes, the second post's comes.
  await pane.evaluate((el) => el.scrollTo(0, (document.getElementById('wm-b') as HTMLElement).offsetTop - (el as HTMLElement).offsetTop));
  await expect(badges(page).nth(0)).toBeHidden();
  await expect(badges(page).nth(1)).toBeVisible();
  const second = await box(badges(page).nth(1));
  expect(second.y).toBeGreaterThanOrEqual(paneBox.y - 1);
  expect(second.y + second.height).toBeLessThanOrEqual(paneBox.y + paneBox.height + 1);

  // The document's own scrolling does not hide badges: the page scrolls, the badge moves with it.
  await page.evaluate(() => window.scrollTo(0, 40));
  await expect(badges(page).nth(1)).toBeVisible();
});
