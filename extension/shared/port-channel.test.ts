import { describe, expect, it } from 'vitest';
import { CLOSED_ERROR, PortChannel, reconnectingChannel, type PortLike } from './port-channel';

/** Two connected fake ports: messages are JSON-copied and delivered in a later task, as a browser does. */
interface End {
  other: End | null;
  gone: boolean;
  msgs: ((m: unknown) => void)[];
  discs: (() => void)[];
}

function pair(): [PortLike, PortLike] {
  const make = (): End => ({ other: null, gone: false, msgs: [], discs: [] });
  const a = make();
  const b = make();
  a.other = b;
  b.other = a;
  const port = (s: End): PortLike => ({
    postMessage(m: unknown) {
      if (s.gone) throw new Error('Attempting to use a disconnected port object');
      const copy = JSON.parse(JSON.stringify(m)) as unknown;
      setTimeout(() => {
        if (!s.other!.gone) for (const cb of s.other!.msgs) cb(copy);
      }, 0);
    },
    disconnect() {
      if (s.gone) return;
      s.gone = true;
      s.other!.gone = true;
      // Only the other end hears a disconnect, as with runtime ports.
      setTimeout(() => s.other!.discs.forEach((cb) => cb()), 0);
    },
    onMessage: { addListener: (cb: (m: unknown) => void) => void s.msgs.push(cb) },
    onDisconnect: { addListener: (cb: () => void) => void s.discs.push(cb) },
  });
  return [port(a), port(b)];
}

describe('PortChannel', () => {
  it('answers requests both ways and delivers pushes, in order', async () => {
    const [a, b] = pair();
    const pushes: unknown[] = [];
    const left = new PortChannel(a, { serve: (m) => Promise.resolve({ leftGot: m }), onPush: (m) => pushes.push(m) });
    const right = new PortChannel(b, { serve: (m) => (m === 'ignore' ? undefined : Promise.resolve({ rightGot: m })) });
    await expect(left.request({ n: 1 })).resolves.toEqual({ rightGot: { n: 1 } });
    await expect(right.request('x')).resolves.toEqual({ leftGot: 'x' });
    // A request the other end does not answer resolves undefined, like a one-off message nobody answered.
    await expect(left.request('ignore')).resolves.toBeUndefined();
    right.push(1);
    right.push(2);
    await expect(left.request('after')).resolves.toEqual({ rightGot: 'after' });
    expect(pushes).toEqual([1, 2]);
  });

  it('turns a handler that throws into a rejected request with its message', async () => {
    const [a, b] = pair();
    const left = new PortChannel(a);
    new PortChannel(b, { serve: () => Promise.reject(new Error('Detection is unavailable')) });
    await expect(left.request('m')).rejects.toThrow('Detection is unavailable');
  });

  it('rejects waiting and later requests when the other end goes away, and says so once', async () => {
    const [a, b] = pair();
    let closes = 0;
    const left = new PortChannel(a, { onClose: () => closes++ });
    const right = new PortChannel(b, { serve: () => new Promise(() => undefined) });
    const waiting = left.request('never answered');
    right.close();
    await expect(waiting).rejects.toThrow(CLOSED_ERROR);
    expect(left.open).toBe(false);
    await expect(left.request('late')).rejects.toThrow(CLOSED_ERROR);
    expect(left.push('late')).toBe(false);
    expect(closes).toBe(1);
  });

  it('ignores what is not one of its envelopes', async () => {
    const [a, b] = pair();
    const pushes: unknown[] = [];
    new PortChannel(a, { onPush: (m) => pushes.push(m) });
    b.postMessage({ kind: 'content/detect-blocks' });
    b.postMessage({ r: 99, reply: 'no such request' });
    b.postMessage(null);
    const right = new PortChannel(b);
    right.push('ok');
    await new Promise((r) => setTimeout(r, 5));
    expect(pushes).toEqual(['ok']);
  });
});

describe('reconnectingChannel', () => {
  it('opens a port on first use and a new one after the old one closed', async () => {
    const servers: PortChannel[] = [];
    const request = reconnectingChannel(() => {
      const [mine, theirs] = pair();
      servers.push(new PortChannel(theirs, { serve: (m) => Promise.resolve([servers.length, m]) }));
      return mine;
    });
    await expect(request('a')).resolves.toEqual([1, 'a']);
    await expect(request('b')).resolves.toEqual([1, 'b']);
    servers[0].close();
    await new Promise((r) => setTimeout(r, 5));
    await expect(request('c')).resolves.toEqual([2, 'c']);
    expect(servers).toHaveLength(2);
  });

  it('rejects when the port cannot be opened', async () => {
    const request = reconnectingChannel(() => {
      throw new Error('Extension context invalidated.');
    });
    await expect(request('a')).rejects.toThrow('Extension context invalidated.');
  });
});
