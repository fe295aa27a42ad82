// The page's own record of a scan, installed before any page script (addInitScript): long tasks, and
// when blocks got their `data-wmlens` verdict (the test build's contract) — the last one, the last of
// the blocks present at the load event (later "load more" posts are not part of the load's work), and
// how many. Read back from `window.__bench` by bench-page.ts and ab-content.ts.
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
