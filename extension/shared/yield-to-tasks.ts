// Yielding to the event loop with a plain task: a message to ourselves through a MessageChannel.

let channel: { port: MessagePort; waiting: (() => void)[] } | null = null;

/**
 * Let every task already queued run first: a plain task, unlike `scheduler.yield()`, whose
 * continuation goes ahead of other tasks, and unlike a chain of timers, clamped to 4 ms steps. A
 * detection Worker yields so between steps of idle work (a batch that arrives waits for one step at
 * most). (A content script's walk does the opposite on purpose: slicer.ts, yieldBetweenSlices.)
 */
export function yieldToTasks(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  if (!channel) {
    const mc = new MessageChannel();
    const c = { port: mc.port2, waiting: [] as (() => void)[] };
    mc.port1.onmessage = () => c.waiting.shift()?.();
    channel = c;
  }
  const c = channel;
  return new Promise((resolve) => {
    c.waiting.push(resolve);
    c.port.postMessage(null);
  });
}
