// Chrome's offscreen document (reason WORKERS): owns the detection Worker pool for the service worker,
// which cannot start Workers itself. Requests arrive as runtime messages with `target: 'offscreen'`,
// from the service worker only (issue 12, row 6: content scripts and extension pages can message this
// document too, and must not reach the pool); finished batches go back as `host/results` messages.
// The same requests and results travel on a port this document opens to the service worker
// (port-channel.ts: a one-off message costs several times a port message); only the service worker
// listens for connections, so the port's other end is the service worker. One-off messages remain for
// when the port is closed (the service worker was stopped and started again): the first of them, either
// way, opens a new port.
import browser, { type Runtime } from 'webextension-polyfill';
import { BACKGROUND_TO_HOST, dispatch, parseMessage, type HostResults } from '../shared/messages';
import { isServiceWorker, type Self } from '../shared/senders';
import { createPool, hostHandlers } from '../shared/compute/host';
import { traceMark, traceMarks } from '../shared/trace';
import { HOST_PORT, PortChannel, type PortLike } from '../shared/port-channel';

traceMark('offscreen: started');

const pool = createPool();

let channel: PortChannel | null = null;

function connectToServiceWorker(): void {
  if (channel?.open) return;
  try {
    channel = new PortChannel(browser.runtime.connect({ name: HOST_PORT }) as unknown as PortLike, {
      serve: (msg) => dispatch(BACKGROUND_TO_HOST, handlers, msg, undefined),
    });
  } catch {
    channel = null;
  }
}

function emit(r: HostResults): void {
  if (channel?.push(r)) return;
  browser.runtime.sendMessage(r).catch(() => {
    // The service worker wakes up for messages; a failure here means the extension is going away.
  });
  connectToServiceWorker();
}

// An offscreen document has only part of chrome.runtime (no getManifest), so the service worker's path
// is read from the manifest file, once; the document's own origin is the extension's root.
const self: Self = { id: browser.runtime.id, root: `${location.origin}/` };
const swPath: Promise<string> = fetch('/manifest.json')
  .then((r) => r.json())
  .then((m: { background?: { service_worker?: string } }) => m.background?.service_worker ?? '')
  .catch(() => '');
const handlers = hostHandlers(pool, emit);
connectToServiceWorker();

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
  // Popup → background messages reach this document too: stay silent (synchronously) on every kind
  // that is not the host's, so the background's answer is the one the popup gets.
  if (parseMessage(BACKGROUND_TO_HOST, msg) === null) return undefined;
  return swPath.then((sw) => {
    if (sw === '' || !isServiceWorker(sender, self, sw)) return undefined;
    connectToServiceWorker();
    return dispatch(BACKGROUND_TO_HOST, handlers, msg, undefined);
  });
});

// For tests (test build only).
if (__WMLENS_E2E__) {
  (globalThis as unknown as { __wmlensPool: typeof pool }).__wmlensPool = pool;
  // The bench's timeline (extension/shared/trace.ts) asks through the service worker's test hook.
  browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) =>
    (msg as { wmlensTest?: string } | null)?.wmlensTest === 'trace-marks' && sender.id === browser.runtime.id
      ? Promise.resolve(traceMarks())
      : undefined,
  );
}
