// The page's own record of a scan, installed before any page script (addInitScript): long tasks, and
// when blocks got their `data-wmlens` verdict (the test build's contract) — the last one, the last of
// the blocks present at the load event (later "load more" posts are not part of the load's work), and
// how many. Read back from `window.__bench` by bench-page.ts and ab-content.ts.
import type { Page } from 'playwright';

/**
 * Until the page's own record (PAGE_OBSERVER) shows `minAnnotated` verdicts and none for `quietMs`:
 * read in the page, cheaply, unlike the harness's settle check, which asks the content script for its
 * whole page state through the background (work a reader's page never does: only an open popup asks).
 */
export async function waitForAnnotations(page: Page, minAnnotated: number, quietMs: number, pollMs: number): Promise<void> {
  await page.waitForFunction(
    ([n, quiet]) => {
      const b = (window as unknown as { __bench: { annotated: number; lastAnnotation: number } }).__bench;
      return b.annotated >= n && performance.now() - b.lastAnnotation > quiet;
    },
    [minAnnotated, quietMs] as const,
    { polling: pollMs, timeout: 120_000 },
  );
}

export const PAGE_OBSERVER = `(() => {
  const w = window;
  w.__bench = { tasks: [], lastAnnotation: 0, lastAtLoad: 0, annotated: 0 };
  const atLoad = new WeakSet();
  w.addEventListener('load', () => { for (const e of document.querySelectorAll('*')) atLoad.add(e); });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bench.tasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    for (const r of records) if (r.attributeName === 'data-wmlens') {
      w.__bench.lastAnnotation = performance.now();
      w.__bench.annotated++;
      if (atLoad.has(r.target)) w.__bench.lastAtLoad = w.__bench.lastAnnotation;
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-wmlens'] });
})();`;
