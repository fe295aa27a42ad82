// A/B of two test builds on the 500-post page (warm: its second visit; --cold: a fresh browser's
// first), alternating in the same rounds so both see the same machine load: the thread (CPU) time of
// the page's main-thread tasks that ran content-script code (rendering steps left out, layout it
// forced kept), of every main-thread task after the load event, the renderer's main thread from
// navigation (/proc), the walk's busy ms, and load → every block annotated. Build a variant with
// `WMLENS_E2E=1 WMLENS_OUT_DIR=/tmp/x npx vite build`. --seq prints the content script's trace marks.
// npx tsx scripts/ab-content.ts A_DIST B_DIST [--runs N] [--url /bench?n=500] [--cold] [--seq]
import { contentScriptShare, startTrace, type TraceEvent } from '../e2e/content-tasks';
import { launchExtension, waitForScanComplete } from '../e2e/harness';
import { startServer } from '../e2e/server';
import { argValue } from './build-if-needed';
import { cpuDelta, cpuSnapshot } from './chromium-cpu';
import { PAGE_OBSERVER } from './page-observer';

interface M {
  ms: number;
  contentCpu: number;
  afterLoadCpu: number;
  ownCpu: number;
  rendererCpu: number;
  busy: string;
}

async function one(dist: string, path: string, warm: boolean): Promise<M> {
  const server = await startServer();
  const ext = await launchExtension({ dist, proxy: server.proxy, nameShim: true });
  try {
    await ext.context.addInitScript(PAGE_OBSERVER);
    const url = server.url(path);
    if (warm) {
      const p = await ext.context.newPage();
      await p.goto(url, { waitUntil: 'load' });
      await waitForScanComplete(ext, p, { timeoutMs: 120_000, quietMs: 500, minAnnotated: 500 });
      await p.close();
    }
    const page = await ext.context.newPage();
    const stop = await startTrace(await ext.context.newCDPSession(page), { withStacks: true });
    const before = cpuSnapshot(ext.userDataDir)!;
    await page.goto(url, { waitUntil: 'load' });
    await waitForScanComplete(ext, page, { timeoutMs: 120_000, quietMs: 500, minAnnotated: 500 });
    const after = cpuSnapshot(ext.userDataDir)!;
    const events = await stop();
    const shares = contentScriptShare(events);
    // Thread time of the page's main-thread tasks after the load event: the page is static then, so
    // this is the extension's work there and the rendering it causes (and the harness's polls).
    const load = events.find((e) => e.name === 'MarkLoad');
    const anchor = events.find((e) => e.ph === 'X' && e.name === 'FunctionCall' && (e.args?.data?.url ?? '').includes('extension-content'));
    let afterLoad = 0;
    let ownTasks = 0;
    if (load && anchor) {
      const onMain = events.filter((e) => e.ph === 'X' && e.pid === anchor.pid && e.tid === anchor.tid).sort((a, b) => a.ts - b.ts);
      const RENDER = new Set(['Paint', 'PrePaint', 'Layerize', 'Commit', 'UpdateLayoutTree', 'Layout']);
      let j = 0;
      for (const t of onMain) {
        if (t.name !== 'ThreadControllerImpl::RunTask') continue;
        if (t.ts >= load.ts) afterLoad += (t.tdur ?? 0) / 1000;
        // The content script's tasks (any task that called into it, microtasks after the call
        // included), without the frame's rendering steps (layout it forced is kept: a forced style or
        // layout carries the stack that asked for it).
        const end = t.ts + (t.dur ?? 0);
        while (j < onMain.length && onMain[j].ts < t.ts) j++;
        let ours = false;
        let rendering = 0;
        for (let k = j; k < onMain.length && onMain[k].ts < end; k++) {
          const e = onMain[k];
          // (scheduler.yield() continuations: only the content script yields that way on these pages.)
          if ((e.name === 'FunctionCall' && (e.args?.data?.url ?? '').includes('extension-content')) || e.name === 'RunYieldContinuation') ours = true;
          const forced = (e.args as { beginData?: { stackTrace?: unknown[] } } | undefined)?.beginData?.stackTrace !== undefined;
          if (RENDER.has(e.name) && !forced) rendering += (e.tdur ?? 0) / 1000;
        }
        if (ours) ownTasks += (t.tdur ?? 0) / 1000 - rendering;
      }
    }
    const r = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const b = (window as unknown as { __bench: { lastAtLoad: number } }).__bench;
      const walk = performance
        .getEntriesByType('mark')
        .map((e) => e.name)
        .filter((n) => n.includes('walk end'));
      const seq = performance
        .getEntriesByType('mark')
        .filter((e) => e.name.startsWith('wmlens:'))
        .map((e) => `${Math.round(e.startTime - nav.loadEventEnd)} ${e.name.slice(7).replace('content: ', '')}`);
      return { ms: b.lastAtLoad - nav.loadEventEnd, walk, seq };
    });
    const cpu = cpuDelta(before, after);
    if (process.argv.includes('--seq')) console.log(r.seq.join(' | '));
    return {
      ms: Math.round(r.ms),
      contentCpu: Math.round(shares.reduce((a, s) => a + s.cpu, 0)),
      afterLoadCpu: Math.round(afterLoad),
      ownCpu: Math.round(ownTasks),
      rendererCpu: cpu.find(([k]) => k === 'renderer / chromium')?.[1] ?? -1,
      busy: r.walk.map((n) => n.replace(/.*\((.*)\)/, '$1')).join('; '),
    };
  } finally {
    await ext.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const [a, b] = process.argv.slice(2, 4);
  const runs = Number(argValue('--runs') ?? 3);
  const path = argValue('--url') ?? '/bench?n=500';
  const warm = !process.argv.includes('--cold');
  const res: Record<string, M[]> = { A: [], B: [] };
  for (let i = 0; i < runs; i++) {
    for (const [name, dist] of i % 2 ? ([['B', b], ['A', a]] as const) : ([['A', a], ['B', b]] as const)) {
      const m = await one(dist, path, warm);
      res[name].push(m);
      console.log(`${name} run ${i + 1}: load→annotated ${m.ms} ms, content-script tasks ${m.ownCpu} ms CPU, main thread after load ${m.afterLoadCpu} ms CPU, renderer main CPU ${m.rendererCpu} ms, walk ${m.busy}`);
    }
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  for (const n of ['A', 'B']) {
    const r = res[n];
    console.log(`${n} medians: load→annotated ${med(r.map((m) => m.ms))} ms, content-script tasks ${med(r.map((m) => m.ownCpu))} ms CPU, main thread after load ${med(r.map((m) => m.afterLoadCpu))} ms CPU, renderer main CPU ${med(r.map((m) => m.rendererCpu))} ms`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
