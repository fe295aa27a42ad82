import { describe, expect, it } from 'vitest';
import { contentScriptShare, type TraceEvent } from './content-tasks';

const OURS = 'chrome-extension://abc/assets/extension-content.js';
const PAGE = 'http://127.0.0.1:8080/static/churn.js';

/** A main-thread event; times in ms (the trace's are µs), thread time = wall unless given. */
function ev(name: string, ts: number, dur: number, opts: { url?: string; tdur?: number } = {}): TraceEvent {
  return {
    name,
    ph: 'X',
    pid: 1,
    tid: 1,
    ts: ts * 1000,
    dur: dur * 1000,
    tdur: (opts.tdur ?? dur) * 1000,
    ...(opts.url ? { args: { data: { url: opts.url } } } : {}),
  };
}

describe('contentScriptShare', () => {
  it('charges a frame task our callbacks and the style and layout of its update, not the rest of the update', () => {
    const events = [
      ev('ThreadControllerImpl::RunTask', 0, 100),
      ev('FunctionCall', 1, 2, { url: PAGE }),
      ev('FunctionCall', 3, 1, { url: OURS }),
      ev('WebFrameWidgetImpl::UpdateLifecycle', 10, 85),
      ev('UpdateLayoutTree', 11, 3),
      ev('Layout', 14, 5),
      ev('Paint', 20, 6),
      // A resize observer of ours runs inside the update.
      ev('FunctionCall', 30, 2, { url: OURS }),
    ];
    const [share] = contentScriptShare(events);
    expect(share.cpu).toBe(3);
    // 100 − 2 (page script) − (85 − 3 − 5 − 2): the untraced tail of the update is not ours.
    expect(share.taskCpu).toBe(100 - 2 - 75);
  });

  it('without lifecycle events (an older trace) excludes the paint steps only', () => {
    const events = [ev('ThreadControllerImpl::RunTask', 0, 60), ev('FunctionCall', 1, 4, { url: OURS }), ev('Layout', 10, 5), ev('Paint', 20, 10)];
    const [share] = contentScriptShare(events);
    expect(share.cpu).toBe(4);
    expect(share.taskCpu).toBe(50);
  });

  it('leaves out tasks the content script did not run in', () => {
    const events = [ev('FunctionCall', 200, 1, { url: OURS }), ev('ThreadControllerImpl::RunTask', 0, 60), ev('FunctionCall', 1, 4, { url: PAGE })];
    expect(contentScriptShare(events)).toEqual([]);
  });
});
