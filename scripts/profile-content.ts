// `npx tsx scripts/profile-content.ts [--no-build] [--posts N | --url PATH (a fixture page, e.g. /hostile)] [--warm-url PATH] [--cold] [--no-profile] [--tasks] [--verbose] [--out F]`:
// where the page's main thread goes while the content script scans the bench thread (by default the
// second visit, answered from the compute host's result cache). A V8 CPU profile (self time per
// function inside content-script calls, inclusive time of its functions; sampled by wall clock, so on a
// busy machine descheduled time lands on whatever was running), and from a Chromium trace the thread
// time of every task after the load event (the page is static then) by kind, the rendering steps in
// them, and which style/layout passes the content script forced. --tasks lists the first 400 ms of
// tasks. For finding where the time goes; bench:page measures.
import { writeFileSync } from 'node:fs';
import { launchExtension, waitForScanComplete } from '../e2e/harness';
import { startServer } from '../e2e/server';
import { startTrace, type TraceEvent } from '../e2e/content-tasks';
import { argValue, buildExtension } from './build-if-needed';
import { PAGE_OBSERVER, waitForAnnotations } from './page-observer';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarize(p: Profile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(p.samples[i], (selfMs.get(p.samples[i]) ?? 0) + dt);
  }
  const isOurs = (n: ProfileNode) => n.callFrame.url.includes('extension-content');
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}${isOurs(n) ? `:${n.callFrame.lineNumber + 1}` : n.callFrame.url ? ' [page]' : ''}`;
  // Self time of every sample taken inside a content-script call, by function.
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let ours = 0;
  let total = 0;
  for (const [id, ms] of selfMs) {
    total += ms;
    const chain: ProfileNode[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) chain.push(byId.get(n)!);
    if (!chain.some(isOurs)) continue;
    ours += ms;
    const leaf = chain[0];
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (const n of chain) {
      if (!isOurs(n)) continue;
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, ms]) => `    ${ms.toFixed(1).padStart(7)}  ${n}`).join('\n');
  console.log(`  profile: ${total.toFixed(0)} ms sampled on the main thread, ${ours.toFixed(0)} ms inside content-script calls`);
  console.log(`  self time inside content-script calls:\n${top(self, 30)}`);
  console.log(`  inclusive time of content-script functions:\n${top(incl, 40)}`);
}

function rendering(events: TraceEvent[]): void {
  const names = ['UpdateLayoutTree', 'Layout', 'RecalculateStyles', 'Paint', 'PrePaint', 'Layerize', 'ParseHTML', 'FunctionCall', 'HitTest', 'IntersectionObserverController::computeIntersections', 'ScheduleStyleRecalculation', 'InvalidateLayout'];
  const main = events.find((e) => e.name === 'ParseHTML');
  if (!main) return;
  const sums = new Map<string, [number, number]>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || !names.includes(e.name)) continue;
    const s = sums.get(e.name) ?? [0, 0];
    s[0] += (e.dur ?? 0) / 1000;
    s[1]++;
    sums.set(e.name, s);
  }
  // Each sizeable style/layout pass, and whether a content-script call forced it.
  const ours = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.name === 'FunctionCall' && (e.args?.data?.url ?? '').includes('extension-content'));
  const t0 = main.ts;
  const forced = new Map<string, [number, number]>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || (e.name !== 'Layout' && e.name !== 'UpdateLayoutTree') || e.ph !== 'X') continue;
    // Forced (synchronous) style and layout carry the JS stack that asked for them.
    const stack = (e.args as { beginData?: { stackTrace?: { url: string }[] } } | undefined)?.beginData?.stackTrace;
    const inOurs = stack ? stack.some((f) => f.url.includes('extension-content')) : ours.some((f) => f.ts <= e.ts && e.ts < f.ts + (f.dur ?? 0));
    const k = `${e.name} ${inOurs ? 'forced by the content script' : 'in rendering/page'}`;
    const s = forced.get(k) ?? [0, 0];
    s[0] += (e.dur ?? 0) / 1000;
    s[1]++;
    forced.set(k, s);
    if ((e.dur ?? 0) > 3000 && process.argv.includes('--verbose')) console.log(`    +${((e.ts - t0) / 1000).toFixed(0)} ms ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${inOurs ? 'forced by content' : ''}`);
  }
  if (process.argv.includes('--verbose')) {
    const shown = events
      .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && ['ParseHTML', 'Paint', 'FunctionCall'].includes(e.name) && (e.dur ?? 0) > 2000)
      .sort((a, b) => a.ts - b.ts);
    for (const e of shown) {
      const url = e.args?.data?.url ?? '';
      console.log(`    +${((e.ts - t0) / 1000).toFixed(0)} ms ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${url.includes('extension-content') ? 'content script' : url.slice(0, 40)}`);
    }
    for (const e of events) if (e.pid === main.pid && ['MarkLoad', 'MarkDOMContent', 'firstContentfulPaint'].includes(e.name)) console.log(`    +${((e.ts - t0) / 1000).toFixed(0)} ms ${e.name}`);
  }
  if (process.argv.includes('--verbose')) {
    const ex = events.find((e) => e.name === 'Layout' && e.pid === main.pid);
    console.log(JSON.stringify(ex?.args).slice(0, 600));
  }
  for (const [n, [ms, c]] of forced) console.log(`    ${ms.toFixed(1).padStart(7)}  ×${String(c).padEnd(5)} ${n}`);
  // Thread time after the load event (the page is static then): tasks by their first named child, and
  // the rendering steps inside them.
  const load = events.find((e) => e.name === 'MarkLoad');
  if (load) {
    const onMain = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.ts >= load.ts).sort((a, b) => a.ts - b.ts);
    const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
    const byKind = new Map<string, [number, number]>();
    const steps = new Map<string, number>();
    let all = 0;
    let j = 0;
    for (const t of tasks) {
      const end = t.ts + (t.dur ?? 0);
      const cpu = (t.tdur ?? 0) / 1000;
      all += cpu;
      while (j < onMain.length && onMain[j].ts < t.ts) j++;
      let kind = '(no child)';
      for (let k = j; k < onMain.length && onMain[k].ts < end; k++) {
        const e = onMain[k];
        if (e === t || e.name === 'ThreadControllerImpl::RunTask') continue;
        if (kind === '(no child)') kind = e.name === 'FunctionCall' ? `FunctionCall ${(e.args?.data?.url ?? '').includes('extension-content') ? 'content script' : (e.args?.data?.url ?? '').slice(0, 30)}` : e.name;
        if (['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'UpdateLayer', 'HitTest', 'RunMicrotasks', 'V8.GC_SCAVENGER', 'MinorGC', 'MajorGC', 'V8.GCScavenger'].includes(e.name)) steps.set(e.name, (steps.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
      }
      const s = byKind.get(kind) ?? [0, 0];
      s[0] += cpu;
      s[1]++;
      byKind.set(kind, s);
    }
    if (process.argv.includes('--tasks')) {
      // Every task of the first 400 ms after load over 2 ms (wall): what holds the main thread.
      let j2 = 0;
      for (const t of tasks) {
        if (t.ts - load.ts > 400_000 || (t.dur ?? 0) < 2000) continue;
        while (j2 < onMain.length && onMain[j2].ts < t.ts) j2++;
        const kids = new Map<string, number>();
        for (let k = j2; k < onMain.length && onMain[k].ts < t.ts + (t.dur ?? 0); k++) {
          const e = onMain[k];
          if (e === t) continue;
          const n = e.name === 'FunctionCall' ? `FunctionCall(${(e.args?.data?.url ?? '').includes('extension-content') ? 'content' : (e.args?.data?.url ?? '').slice(-20)})` : e.name;
          kids.set(n, (kids.get(n) ?? 0) + (e.dur ?? 0) / 1000);
        }
        const desc = [...kids].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ');
        console.log(`    +${((t.ts - load.ts) / 1000).toFixed(0).padStart(4)} ms: ${((t.dur ?? 0) / 1000).toFixed(1)} wall / ${((t.tdur ?? 0) / 1000).toFixed(1)} cpu  ${desc}`);
      }
    }
    // Wall time in tasks, of it on a core, and idle between tasks, per 100 ms after the load event:
    // tells a main thread that waits (idle) from one that wants a core (wall ≫ CPU).
    const buckets: [number, number][] = [];
    for (const t of tasks) {
      const b = Math.floor((t.ts - load.ts) / 100_000);
      if (b >= 20) continue;
      buckets[b] ??= [0, 0];
      buckets[b][0] += (t.dur ?? 0) / 1000;
      buckets[b][1] += (t.tdur ?? 0) / 1000;
    }
    console.log('  per 100 ms after load: wall in tasks / CPU in tasks');
    console.log('    ' + buckets.map((x, i) => `${i}:${(x?.[0] ?? 0).toFixed(0)}/${(x?.[1] ?? 0).toFixed(0)}`).join(' '));
    console.log(`  main thread after load: ${all.toFixed(0)} ms thread time in ${tasks.length} tasks; by first child event:`);
    for (const [n, [ms, c]] of [...byKind].sort((a, b) => b[1][0] - a[1][0]).slice(0, 15)) console.log(`    ${ms.toFixed(1).padStart(7)}  ×${String(c).padEnd(5)} ${n}`);
    console.log('  rendering steps inside them (thread ms):');
    for (const [n, ms] of [...steps].sort((a, b) => b[1] - a[1])) console.log(`    ${ms.toFixed(1).padStart(7)}  ${n}`);
  }
  console.log('  main-thread trace events (wall ms, count; nested events count in both):');
  for (const [n, [ms, c]] of [...sums].sort((a, b) => b[1][0] - a[1][0])) console.log(`    ${ms.toFixed(1).padStart(7)}  ×${String(c).padEnd(5)} ${n}`);
}


async function main(): Promise<void> {
  buildExtension();
  const posts = Number(argValue('--posts') ?? 500);
  const server = await startServer();
  const ext = await launchExtension({ proxy: server.proxy, nameShim: true });
  await ext.context.addInitScript(PAGE_OBSERVER);
  try {
    const path = argValue('--url');
    const url = server.url(path ?? `/bench?n=${posts}`);
    const minAnnotated = path === undefined ? posts : 1;
    if (!process.argv.includes('--cold')) {
      const warm = await ext.context.newPage();
      await warm.goto(server.url(argValue('--warm-url') ?? path ?? `/bench?n=${posts}`), { waitUntil: 'load' });
      await waitForScanComplete(ext, warm, { timeoutMs: 120_000, quietMs: 500, minAnnotated });
      await warm.close();
    }
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const stopTrace = await startTrace(await ext.context.newCDPSession(page), { withStacks: true });
    const profiling = !process.argv.includes('--no-profile');
    if (profiling) await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    // The page's own record (as bench:page reads it): the settle check's polling would land in the trace.
    await waitForAnnotations(page, minAnnotated, 1000, 200);
    const profile = profiling ? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile : null;
    const events = await stopTrace();
    const out = argValue('--out');
    if (out && profile) writeFileSync(out, JSON.stringify(profile));
    if (profile) summarize(profile);
    rendering(events);
    await page.close();
  } finally {
    await ext.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
