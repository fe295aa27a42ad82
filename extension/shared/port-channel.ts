// The scan pipeline's frequent messages (blocks out, results back) over long-lived runtime ports
// instead of one-off runtime/tabs messages. A one-off message opens a channel, delivers to every
// listening context, answers and closes: in Chromium ≈ 3.4 ms of CPU per round trip spread over the
// browser process and both ends, against ≈ 0.6 ms for a message on an open port
// (docs/benchmarks.md, "Fourth round"); a 500-post page sends a few hundred.
//
// Only the background listens for connections. A port's receivers are every extension context with an
// onConnect listener, and in Chromium one receiver's disconnect closes the opener's port: so the
// content script and the offscreen document both connect *to* the background, and no other context may
// add an onConnect listener.
import type { Runtime } from 'webextension-polyfill';

/** Content script → background: blocks, cancellations, selection checks; results come back as pushes. */
export const SCAN_PORT = 'wmlens/scan';
/** Offscreen document → background: the background's host requests; results go back as pushes. */
export const HOST_PORT = 'wmlens/host';

/** What travels on a port: a request (`q`), its reply (`r`), or a message nobody answers (`push`). */
type Envelope = { q: number; msg: unknown } | { r: number; reply?: unknown; error?: string } | { push: unknown };

/** The parts of runtime.Port a channel uses (the polyfill's Port, or a test's fake). */
export type PortLike = Pick<Runtime.Port, 'postMessage' | 'disconnect'> & {
  onMessage: { addListener(cb: (msg: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
};

export interface ChannelHandlers {
  /** Answer one of the other end's requests; undefined: not answered (the reply is undefined). */
  serve?: (msg: unknown) => Promise<unknown> | undefined;
  /** A message from the other end that wants no answer. */
  onPush?: (msg: unknown) => void;
  /** The port closed (the other end went away, or this end disconnected). */
  onClose?: () => void;
}

/** What a request still waiting for its reply learns when the port closes (matches the one-off message's error). */
export const CLOSED_ERROR = 'Receiving end does not exist (the port closed before a reply)';

function isEnvelope(raw: unknown): raw is Envelope {
  return raw !== null && typeof raw === 'object' && ('q' in raw || 'r' in raw || 'push' in raw);
}

export class PortChannel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private closedFlag = false;

  constructor(
    private readonly port: PortLike,
    private readonly handlers: ChannelHandlers = {},
  ) {
    port.onMessage.addListener((raw) => this.receive(raw));
    port.onDisconnect.addListener(() => this.closed());
  }

  get open(): boolean {
    return !this.closedFlag;
  }

  /** Send a request; resolves with the other end's reply. */
  request(msg: unknown): Promise<unknown> {
    if (this.closedFlag) return Promise.reject(new Error(CLOSED_ERROR));
    const q = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(q, { resolve, reject });
      if (!this.post({ q, msg })) this.closed();
    });
  }

  /** Send a message that wants no answer; false when the port is closed. */
  push(msg: unknown): boolean {
    return !this.closedFlag && this.post({ push: msg });
  }

  close(): void {
    if (this.closedFlag) return;
    try {
      this.port.disconnect();
    } catch {
      // Already gone.
    }
    this.closed();
  }

  private post(e: Envelope): boolean {
    try {
      this.port.postMessage(e);
      return true;
    } catch {
      // "Attempting to use a disconnected port object": the other end went away.
      return false;
    }
  }

  private receive(raw: unknown): void {
    if (!isEnvelope(raw)) return;
    if ('push' in raw) {
      this.handlers.onPush?.(raw.push);
    } else if ('q' in raw) {
      if (typeof raw.q !== 'number') return;
      const q = raw.q;
      const answer = this.handlers.serve?.(raw.msg);
      Promise.resolve(answer).then(
        (reply) => this.post({ r: q, reply }),
        (e: unknown) => this.post({ r: q, error: e instanceof Error ? e.message : String(e) }),
      );
    } else {
      const p = typeof raw.r === 'number' ? this.pending.get(raw.r) : undefined;
      if (!p) return;
      this.pending.delete(raw.r);
      if (typeof raw.error === 'string') p.reject(new Error(raw.error));
      else p.resolve(raw.reply);
    }
  }

  private closed(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const p of this.pending.values()) p.reject(new Error(CLOSED_ERROR));
    this.pending.clear();
    this.handlers.onClose?.();
  }
}

/**
 * A request function over a port opened on first use and again after it closed (the background was
 * stopped, the extension reloaded). `connect` may throw (the extension's context is gone): the request
 * then rejects.
 */
export function reconnectingChannel(connect: () => PortLike, handlers: Omit<ChannelHandlers, 'onClose'> = {}): (msg: unknown) => Promise<unknown> {
  let current: PortChannel | null = null;
  return (msg) => {
    if (!current?.open) {
      let port: PortLike;
      try {
        port = connect();
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
      current = new PortChannel(port, handlers);
    }
    return current.request(msg);
  };
}
