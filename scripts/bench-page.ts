// `npm run bench:page`: a 500-post fixture thread in headless Chromium with the extension. Prints the
// time from page load to all blocks annotated, and the longest main-thread task (PerformanceObserver
// long tasks; also the longest after the load event, when only the extension and nothing of the
// page's own parsing is running). Options: --posts N (default 500), --runs N (default 1), --no-build,
// --json.
import { launchExtension, waitForScanComplete } from '../e2e/harness';
import { startServer } from '../e2e/server';
import { argValue, buildExtension } from './build-if-needed';

interface Run {
  posts: number;
  blocksAnnotated: number;
  /** Load event → last block annotated. */
  loadToAnnotatedMs: number;
  /** Navigation start → last block annotated. */
  navToAnnotatedMs: number;
  longestTaskMs: number;
  longestTaskAfterLoadMs: number;
  longTasksAfterLoad: number;
}

const OBSERVE = `(() => {
  const w = window;
  w.__bench = { tasks: [], lastAnnotation: 0, annotated: 0 };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bench.tasks.push([e.startTime, e.duration]); })
    .observe({ type: 'longtask', buffered: true });
  new MutationObserver((records) => {
    for (const r of records) if (r.attributeName === 'data-wmlens') { w.__bench.lastAnnotation = performance.now(); }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-wmlens'] });
})();`;

async function main(): Promise<void> {
  buildExtension();
  const posts = Number(argValue('--posts') ?? 500);
  const runs = Number(argValue('--runs') ?? 1);
  const server = await startServer();
  const ext = await launchExtension({ proxy: server.proxy, nameShim: true });
  await ext.context.addInitScript(OBSERVE);
  const results: Run[] = [];
  try {
    // Warm-up: start the compute host and compile the key sets, as on a browser that has been running.
    const warm = await ext.context.newPage();
    await warm.goto(server.url('/thread-static'));
    await waitForScanComplete(ext, warm);
    await warm.close();

    for (let i = 0; i < runs; i++) {
      const page = await ext.context.newPage();
      await page.goto(server.url(`/bench?n=${posts}`), { waitUntil: 'load' });
      await waitForScanComplete(ext, page, { timeoutMs: 120_000, quietMs: 500, minAnnotated: posts });
      const m = await page.evaluate(() => {
        const b = (window as unknown as { __bench: { tasks: [number, number][]; lastAnnotation: number } }).__bench;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const after = b.tasks.filter(([s]) => s >= nav.loadEventEnd);
        return {
          blocks: document.querySelectorAll('[data-wmlens]').length,
          load: nav.loadEventEnd,
          last: b.lastAnnotation,
          longest: Math.max(0, ...b.tasks.map(([, d]) => d)),
          longestAfter: Math.max(0, ...after.map(([, d]) => d)),
          nAfter: after.length,
        };
      });
      results.push({
        posts,
        blocksAnnotated: m.blocks,
        loadToAnnotatedMs: Math.round(m.last - m.load),
        navToAnnotatedMs: Math.round(m.last),
        longestTaskMs: Math.round(m.longest),
        longestTaskAfterLoadMs: Math.round(m.longestAfter),
        longTasksAfterLoad: m.nAfter,
      });
      await page.close();
    }
  } finally {
    await ext.close();
    await server.close();
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  for (const r of results) {
    console.log(`bench:page — ${r.posts}-post thread, ${r.blocksAnnotated} blocks annotated (headless Chromium, ${process.platform})`);
    console.log(`  time from page load to all blocks annotated: ${r.loadToAnnotatedMs} ms (${r.navToAnnotatedMs} ms from navigation start)`);
    console.log(`  longest main-thread task: ${r.longestTaskMs} ms overall, ${r.longestTaskAfterLoadMs} ms after load (${r.longTasksAfterLoad} long tasks after load)`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
