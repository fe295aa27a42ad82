// Chrome's offscreen document (reason WORKERS): owns the detection Worker pool for the service worker,
// which cannot start Workers itself. Requests arrive as runtime messages with `target: 'offscreen'`;
// finished batches go back as `host/results` messages.
import browser, { type Runtime } from 'webextension-polyfill';
import { createPool, handleHostMessage, isHostMessage } from '../worker/host';
import type { HostResults } from '../shared/messages';

const pool = createPool();

function emit(r: HostResults): void {
  browser.runtime.sendMessage(r).catch(() => {
    // The service worker wakes up for messages; a failure here means the extension is going away.
  });
}

browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || !isHostMessage(msg)) return undefined;
  return handleHostMessage(pool, msg, emit);
});

// For tests (test build only).
if (__WMLENS_E2E__) (globalThis as unknown as { __wmlensPool: typeof pool }).__wmlensPool = pool;
