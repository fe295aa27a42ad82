// The scan pipeline's ports (extension/shared/port-channel.ts) end when the browser stops the idle
// service worker; the content script and the offscreen document must then reach a new one. Stopped here
// through the DevTools protocol after a page's scan; then the page gets new posts.
import type { CDPSession } from '@playwright/test';
import { expect, postVerdicts, test, unannotatedPosts } from './fixtures';
import { waitForScanComplete } from './harness';
import { humanTexts, requireWatermarked } from './texts';

interface Version {
  versionId: string;
  scriptURL: string;
  runningStatus: string;
}

/** The extension's service worker's state as the DevTools protocol reports it. */
async function watchServiceWorker(cdp: CDPSession): Promise<() => Version | undefined> {
  const latest = new Map<string, Version>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: Version[] }) => {
    for (const v of e.versions) latest.set(v.versionId, v);
  });
  await cdp.send('ServiceWorker.enable');
  return () => [...latest.values()].find((v) => v.scriptURL.startsWith('chrome-extension://'));
}

test('after the service worker is stopped, new posts on the page and a new page are still scanned', async ({ page, ext, server }) => {
  const watermarked = requireWatermarked();
  await page.goto(server.url('/thread-static'));
  await waitForScanComplete(ext, page);
  const session = await page.context().newCDPSession(page);
  const sw = await watchServiceWorker(session);
  await expect.poll(() => sw()?.runningStatus, { timeout: 5_000 }).toBe('running');
  await session.send('ServiceWorker.stopWorker', { versionId: sw()!.versionId });
  await expect.poll(() => sw()?.runningStatus, { timeout: 5_000 }).toBe('stopped');

  // Texts the page does not hold yet (the content script answers texts it has seen from its own cache).
  const onPage = await page.evaluate(() => document.body.innerText);
  const fresh = (texts: string[]) => texts.find((t) => !onPage.includes(t.slice(0, 60)))!;
  const wm = fresh(watermarked.map((w) => w.text));
  const human = fresh(humanTexts().texts.filter((t) => t.length > 600));
  await page.evaluate(
    ([wmText, humanText]) => {
      for (const [kind, text] of [['watermarked', wmText], ['human', humanText]]) {
        const post = document.createElement('article');
        post.className = 'post';
        post.id = `restart-${kind}`;
        post.dataset.kind = kind;
        const body = document.createElement('p');
        body.className = 'post-body';
        body.textContent = text;
        post.append(body);
        document.querySelector('#posts')!.append(post);
      }
    },
    [wm, human] as const,
  );
  // They go out on a new port to a new service worker, which reaches the offscreen document by a
  // one-off message until that document has connected again.
  await expect.poll(() => unannotatedPosts(page), { timeout: 20_000 }).toEqual([]);
  expect(sw()?.runningStatus).toBe('running');
  expect(await postVerdicts(page, '#restart-watermarked')).toEqual([['watermarked']]);
  expect((await postVerdicts(page, '#restart-human'))[0]).not.toContain('watermarked');

  // And with both ports open again: a new page in another tab.
  const other = await page.context().newPage();
  await other.goto(server.url('/thread'));
  await expect(other.locator('html[data-appended=true]')).toBeAttached({ timeout: 10_000 });
  await expect.poll(() => unannotatedPosts(other), { timeout: 20_000 }).toEqual([]);
  for (const v of await postVerdicts(other, 'article[data-kind=watermarked]')) expect(v).toContain('watermarked');
  await other.close();
});

