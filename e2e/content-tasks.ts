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

/** `withStacks`: also the JS stacks of forced style and layout (the profiling scripts). */
export async function startTrace(cdp: CDPSession, opts: { withStacks?: boolean } = {}): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  // `blink`: the frame's lifecycle update as one event (RENDERING_UPDATE), whose tail past the paint
  // steps is otherwise untraced time.
  const categories = 'toplevel,blink,devtools.timeline,disabled-by-default-devtools.timeline' + (opts.withStacks ? ',disabled-by-default-devtools.timeline.stack' : '');
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/**
 * Paint-pipeline steps of a rendering update: the browser's work for whatever changed on the page, not a
 * script's, so a frame task that also ran one of our callbacks is not charged for them.
 */
const RENDERING = new Set(['Paint', 'PrePaint', 'Layerize', 'Commit', 'PaintImage', 'RasterTask', 'UpdateLayer']);

/**
 * A frame's whole lifecycle update (style, layout, paint, and after them the hand-over to the
 * compositor, which no devtools event covers: on the hostile page's 2 MB paragraph that untraced tail
 * was up to 80 ms of a frame whose only script of ours was a 1 ms animation-frame callback). Excluded
 * like the paint steps, except the style and layout inside it, which our DOM writes may have caused,
 * and our own observer callbacks, which run inside it.
 */
const RENDERING_UPDATE = 'WebFrameWidgetImpl::UpdateLifecycle';
const STYLE_AND_LAYOUT = new Set(['UpdateLayoutTree', 'Layout']);

export interface TaskShare {
  /** The content script's own calls that start the task's script work (outermost calls only). */
  wall: number;
  cpu: number;
  /**
   * The whole task our code ran in, less the page's own script calls and the paint pipeline: also
   * counts what the calls above miss — code resuming after an `await` (microtasks are not traced as
   * calls), style and layout our reads force, garbage collection during our work, the messaging
   * bindings that deliver our answers. An upper bound of our share.
   */
  taskWall: number;
  taskCpu: number;
}

/** Per main-thread task in which the content script ran, its share of the task (see TaskShare). */
export function contentScriptShare(events: TraceEvent[]): TaskShare[] {
  const isExtension = (e: TraceEvent) => (e.args?.data?.url ?? '').startsWith('chrome-extension://');
  const isOurs = (e: TraceEvent) => e.name === 'FunctionCall' && isExtension(e);
  const isPageScript = (e: TraceEvent) => e.name === 'FunctionCall' && /^(https?|file|data|blob):/.test(e.args?.data?.url ?? '');
  // The page's main thread is where the content script's own chunk runs (Workers and the offscreen
  // document run extension code too, on other threads).
  const anchor = events.find((e) => e.ph === 'X' && isOurs(e) && (e.args?.data?.url ?? '').includes('extension-content'));
  if (!anchor) return [];
  const { pid, tid } = anchor;
  // Enclosing events first when they start together.
  const main = events.filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const out: TaskShare[] = [];
  let from = 0;
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    while (from < main.length && main[from].ts < t.ts) from++;
    let wall = 0;
    let cpu = 0;
    let excludedWall = 0;
    let excludedCpu = 0;
    let coveredUntil = -1;
    for (let i = from; i < main.length && main[i].ts < end; i++) {
      const f = main[i];
      if (f === t || f.ts < coveredUntil) continue;
      if (isOurs(f)) {
        wall += f.dur ?? 0;
        cpu += f.tdur ?? f.dur ?? 0;
      } else if (f.name === RENDERING_UPDATE) {
        const fEnd = f.ts + (f.dur ?? 0);
        let keptWall = 0;
        let keptCpu = 0;
        let keptUntil = -1;
        for (let j = i + 1; j < main.length && main[j].ts < fEnd; j++) {
          const g = main[j];
          if (g.ts < keptUntil) continue;
          // Our observers' callbacks run inside the lifecycle update: still ours.
          if (isOurs(g)) {
            wall += g.dur ?? 0;
            cpu += g.tdur ?? g.dur ?? 0;
          } else if (!STYLE_AND_LAYOUT.has(g.name)) continue;
          keptWall += g.dur ?? 0;
          keptCpu += g.tdur ?? g.dur ?? 0;
          keptUntil = g.ts + (g.dur ?? 0);
        }
        excludedWall += (f.dur ?? 0) - keptWall;
        excludedCpu += (f.tdur ?? f.dur ?? 0) - keptCpu;
      } else if (isPageScript(f) || RENDERING.has(f.name)) {
        excludedWall += f.dur ?? 0;
        excludedCpu += f.tdur ?? f.dur ?? 0;
      } else continue;
      coveredUntil = f.ts + (f.dur ?? 0);
    }
    if (wall > 0) {
      out.push({
        wall: wall / 1000,
        cpu: cpu / 1000,
        taskWall: Math.max(wall, (t.dur ?? 0) - excludedWall) / 1000,
        taskCpu: Math.max(cpu, (t.tdur ?? t.dur ?? 0) - excludedCpu) / 1000,
      });
    }
  }
  return out;
}
