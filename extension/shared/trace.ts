// Timestamps of the scan pipeline's steps, for `npm run bench:page` to break a page's cold start down
// (service worker, offscreen document, Workers, content script). Test build only: the production build
// drops every call's body (__WMLENS_E2E__ is false there), so nothing is kept or exposed.
// Times are epoch milliseconds (timeOrigin + now), comparable across the extension's contexts.

/** `value`: a quantity to add up across marks of the name (e.g. a Worker's busy time per batch). */
export type TraceMark = [name: string, epochMs: number, value?: number];

const KEPT = 2000;

function marks(): TraceMark[] {
  const g = globalThis as unknown as { __wmlensMarks?: TraceMark[] };
  return (g.__wmlensMarks ??= []);
}

export function traceMark(name: string, value?: number): void {
  if (!__WMLENS_E2E__) return;
  const list = marks();
  const t = performance.timeOrigin + performance.now();
  if (list.length < KEPT) list.push(value === undefined ? [name, t] : [name, t, value]);
  // A content script's marks go on its page's timeline, where the bench (in the page's world) reads them
  // (the page's timeOrigin is ours; a `detail` would be cloned into every mark, on the page's thread).
  if (typeof location !== 'undefined' && location.protocol.startsWith('http')) performance.mark(`wmlens:${name}`);
}

/** Marks recorded in this context so far (and forgets them when `take`). */
export function traceMarks(take = false): TraceMark[] {
  if (!__WMLENS_E2E__) return [];
  const list = marks();
  return take ? list.splice(0) : [...list];
}

/** Marks that came from another context (a Worker's, relayed by the pool). */
export function addTraceMarks(more: readonly TraceMark[] | undefined): void {
  if (!__WMLENS_E2E__ || !more) return;
  const list = marks();
  for (const m of more) if (list.length < KEPT) list.push(m);
}
