// The content script's own share of the page's main-thread tasks, from a Chromium trace: every script
// call is attributed to its source, so a task splits into the content script's calls and the page's own
// work. On a busy machine wall time includes waiting for a core, so CPU (thread) time is given too.
// Used by the hostile-page test and by bench:page.
import type { CDPSession } from '@playwright/test';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { url?: string } };
}

export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/** Per main-thread task, the time spent in content-script calls (outermost calls only). */
export function contentScriptShare(events: TraceEvent[]): { wall: number; cpu: number }[] {
  const isOurs = (e: TraceEvent) => e.name === 'FunctionCall' && (e.args?.data?.url ?? '').startsWith('chrome-extension://');
  // The page's main thread is where the content script's own chunk runs (Workers and the offscreen
  // document run extension code too, on other threads).
  const anchor = events.find((e) => e.ph === 'X' && isOurs(e) && (e.args?.data?.url ?? '').includes('extension-content'));
  if (!anchor) return [];
  const { pid, tid } = anchor;
  const ours = events.filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && isOurs(e));
  const tasks = events.filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && e.name === 'ThreadControllerImpl::RunTask');
  ours.sort((a, b) => a.ts - b.ts);
  const out: { wall: number; cpu: number }[] = [];
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    let wall = 0;
    let cpu = 0;
    let coveredUntil = -1;
    for (const f of ours) {
      if (f.pid !== pid || f.tid !== tid || f.ts < t.ts || f.ts >= end || f.ts < coveredUntil) continue;
      wall += f.dur ?? 0;
      cpu += f.tdur ?? f.dur ?? 0;
      coveredUntil = f.ts + (f.dur ?? 0);
    }
    if (wall > 0) out.push({ wall: wall / 1000, cpu: cpu / 1000 });
  }
  return out;
}
