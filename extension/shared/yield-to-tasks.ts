// Yielding to the event loop with a plain task: a message to ourselves through a MessageChannel.

let channel: { port: MessagePort; waiting: (() => void)[] } | null = null;

/**
 * Let every task already queued run first: a plain task, unlike `scheduler.yield()`, whose
 * continuation goes ahead of other tasks, and unlike a chain of timers, clamped to 4 ms steps. Between
 * a content script's walk slices that matters (the detector's answers arrive as message tasks, and a
 * walk that kept jumping the queue held them back until it ended), and in a detection Worker between
 * steps of idle work (a batch that arrives waits for one step at most).
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
