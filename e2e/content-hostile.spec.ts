// The hostile page (100,000 tiny elements, a 2 MB paragraph, 10 s of DOM churn; e2e/pages.ts) with the
// content script's own main-thread work measured precisely: a Chromium trace attributes every script
// call to its source, so tasks are split into the content script's share and the page's own (layout of
// 2 MB of text, its churn). The page-wide long-task figure is reported beside it for context; on a busy
// 2-core machine wall time includes waiting for a core, so thread (CPU) time is what is asserted.
// Afterwards the extension must still answer: a hostile page neither hangs the tab nor breaks it.
import type { PageState } from '../extension/shared/messages';
import { contentScriptShare, startTrace } from './content-tasks';
import { expect, test } from './fixtures';
import { tabIdOf, waitForScanComplete, pageState } from './harness';

test('hostile page: the content script never blocks the page for long, and scanning finishes', async ({ page, ext, server }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await ext.context.newCDPSession(page);
  const stopTrace = await startTrace(cdp);
  const t0 = Date.now();
  await page.goto(server.url('/hostile'), { waitUntil: 'load', timeout: 90_000 });
  const loadEnd = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);

  let worstProbe = 0;
  while (!(await page.evaluate(() => document.documentElement.dataset.churnDone === 'true'))) {
    const p0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    worstProbe = Math.max(worstProbe, Date.now() - p0);
    await page.waitForTimeout(200);
  }
  const churnEnd = Date.now();
  const { state } = await waitForScanComplete(ext, page, { timeoutMs: 90_000, minAnnotated: 2 });
  const settleMs = Date.now() - churnEnd;
  const events = await stopTrace();

  const shares = contentScriptShare(events);
  const worstWall = Math.max(0, ...shares.map((s) => s.wall));
  const worstCpu = Math.max(0, ...shares.map((s) => s.cpu));
  const worstTaskCpu = Math.max(0, ...shares.map((s) => s.taskCpu));
  const over50 = shares.filter((s) => s.taskCpu > 50).length;
  const pageTasks = await page.evaluate(() => (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks);
  const pageLongest = Math.max(0, ...pageTasks.filter((t) => t.start >= loadEnd).map((t) => t.duration));
  const s = state as PageState;
  const report =
    `content script: ${shares.length} tasks, longest ${worstCpu.toFixed(1)} ms CPU / ${worstWall.toFixed(1)} ms wall (own meter ${s.longestTaskMs} ms); ` +
    `whole tasks it ran in, less the page's script and painting: longest ${worstTaskCpu.toFixed(1)} ms CPU, ${over50} over 50 ms; ` +
    `page-wide longest task after load ${pageLongest.toFixed(0)} ms; worst frame round-trip during churn ${worstProbe} ms; ` +
    `scan settled ${settleMs} ms after the churn (${((Date.now() - t0) / 1000).toFixed(1)} s from navigation); ` +
    `${s.blocksFound} blocks, ${s.blocksTruncated ?? 0} truncated`;
  test.info().annotations.push({ type: 'hostile-page (content script)', description: report });
  console.log(`[content-hostile] ${report}`);

  expect(shares.length, 'the trace saw the content script').toBeGreaterThan(10);
  expect(worstCpu, 'longest content-script task (CPU)').toBeLessThan(50);
  expect(worstProbe, 'the tab stayed responsive').toBeLessThan(2000);
  expect(pageLongest, 'no main-thread task near a hang').toBeLessThan(1000);
  // Scanning finished: the two posts are scored, the 2 MB paragraph was scored on its first part only,
  // and the 100,000 tiny elements did not become 100,000 blocks.
  await expect(page.locator('#posts article [data-wmlens]')).toHaveCount(2);
  await expect(page.locator('#huge-paragraph')).toHaveAttribute('data-wmlens', /./);
  expect(s.blocksTruncated).toBe(1);
  expect(s.blocksFound).toBeLessThan(2000);
  expect(s.scanning).toBe(false);
  const tabId = await tabIdOf(ext, page);
  expect((await pageState(ext, tabId))?.scanning).toBe(false);

  // The extension is alive and still answers.
  const sw = await ext.sw();
  const r = await sw.evaluate(() =>
    (globalThis as unknown as { __wmlensTest: { checkText(t: string): Promise<{ detections: unknown[] }> } }).__wmlensTest.checkText(
      'The extension should still answer after a hostile page, with a sentence long enough to score.',
    ),
  );
  expect(r.detections.length).toBeGreaterThan(0);
});
