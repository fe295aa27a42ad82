/// <reference types="chrome" />
// "Run these blocks" over both compute hosts: Chrome's offscreen document (created on demand, reason
// WORKERS) or, where the background itself can start Workers (Firefox's event page), an in-process pool.
// Key-set documents are sent to the host once per host lifetime; the host asks again if it lost them.
import browser from 'webextension-polyfill';
import {
  send,
  type BackgroundToHost,
  type BlockText,
  type CancelSelector,
  type CheckTextReply,
  type ComputeJob,
  type HostCheckTextReply,
  type HostCompileReply,
  type HostResults,
  type HostRunReply,
  type HostWarmReply,
  type KeySetPayload,
} from '../shared/messages';
import { createPool, handleHostMessage, type HostReply } from '../shared/compute/host';
import type { ComputePool } from '../shared/compute/pool';
import { getActiveKeySets, recordCompileStatus, type ActiveKeySet } from './keysets';
import { traceMark } from '../shared/trace';
import type { PortChannel } from '../shared/port-channel';

export const OFFSCREEN_PATH = 'extension/offscreen/index.html';

interface Transport {
  /** Resolves true when the host is new (it knows no key sets yet). */
  ensure(): Promise<boolean>;
  send(msg: BackgroundToHost): Promise<HostReply>;
}

class LocalTransport implements Transport {
  private pool: ComputePool | null = null;
  constructor(private readonly deliver: (r: HostResults) => void) {}
  async ensure(): Promise<boolean> {
    if (this.pool) return false;
    this.pool = createPool();
    return true;
  }
  async send(msg: BackgroundToHost): Promise<HostReply> {
    await this.ensure();
    return handleHostMessage(this.pool!, msg, this.deliver);
  }
}

class OffscreenTransport implements Transport {
  private creating: Promise<void> | null = null;
  /** The offscreen document's port to us (it connects at start, and again after we restarted). */
  channel: PortChannel | null = null;

  async ensure(): Promise<boolean> {
    // Its port is open only while the document lives: no need to ask the browser (a round trip on
    // every batch of a page's blocks).
    if (this.channel?.open) return false;
    const url = chrome.runtime.getURL(OFFSCREEN_PATH);
    const existing = await chrome.runtime.getContexts({
      contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
      documentUrls: [url],
    });
    if (existing.length > 0) return false;
    if (!this.creating) {
      traceMark('sw: offscreen document creating');
      this.creating = chrome.offscreen
        .createDocument({
          url: OFFSCREEN_PATH,
          reasons: [chrome.offscreen.Reason.WORKERS],
          justification: 'Runs the watermark detector in Web Workers, off the pages’ main threads.',
        })
        .catch((e: unknown) => {
          // Another call may have won the race; that is fine.
          if (!String(e).includes('Only a single offscreen')) throw e;
        })
        .finally(() => {
          traceMark('sw: offscreen document created');
          this.creating = null;
        });
    }
    await this.creating;
    return true;
  }

  async send(msg: BackgroundToHost): Promise<HostReply> {
    await this.ensure();
    for (let attempt = 0; ; attempt++) {
      try {
        const channel = this.channel?.open ? this.channel : null;
        const reply: HostReply | undefined = await send((m) => (channel ? channel.request(m) : browser.runtime.sendMessage(m)), msg);
        if (reply === undefined) throw new Error('Receiving end does not exist (no reply)');
        return reply;
      } catch (e) {
        // The document may still be starting; retry briefly.
        if (attempt >= 20 || !/Receiving end does not exist|no reply/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 50));
        await this.ensure();
      }
    }
  }
}

export interface Compute {
  run(req: { tabId: number; frameId: number; pageId: string; blocks: BlockText[]; alpha: number }): Promise<void>;
  checkText(text: string, alpha: number): Promise<CheckTextReply>;
  cancel(sel: CancelSelector): Promise<void>;
  compile(keySet: KeySetPayload): Promise<HostCompileReply>;
  /** Results from the offscreen document arrive on its port (or as runtime messages); the router hands them here. */
  onHostResults(r: HostResults): void;
  /** The offscreen document connected its port (Chrome); requests to it go there from now on. */
  attachHost(channel: PortChannel): void;
  /**
   * Create the compute host if there is none (browser start, install) and have it start its Workers
   * and compile the active key sets: the first page then finds them ready. A host that already exists
   * is left alone (its Workers are warm, or were released for being idle).
   */
  warm(): Promise<void>;
}

export function canRunWorkersHere(): boolean {
  return typeof (globalThis as { Worker?: unknown }).Worker === 'function';
}

export function createCompute(deliver: (r: HostResults) => void): Compute {
  const handle = (r: HostResults) => {
    noteKeySetOutcome(r);
    deliver(r);
  };
  const transport: Transport = canRunWorkersHere() ? new LocalTransport(handle) : new OffscreenTransport();
  /** Key-set refs the current host has been sent. */
  const hostHas = new Set<string>();
  /** Refs used by each running job, to mark key sets as good once a batch succeeds. */
  const jobRefs = new Map<string, string[]>();
  let seq = 0;

  function noteKeySetOutcome(r: HostResults): void {
    const failed = new Set(r.keySetErrors.map((e) => e.ref));
    for (const e of r.keySetErrors) recordCompileStatus(e.ref, { ok: false, error: e.error });
    if (r.results.some((b) => !b.error)) {
      for (const ref of jobRefs.get(r.jobId) ?? []) if (!failed.has(ref)) recordCompileStatus(ref, { ok: true });
    }
    if (r.done) jobRefs.delete(r.jobId);
  }

  async function withKeySets<R extends HostReply>(
    build: (sets: ActiveKeySet[], include: KeySetPayload[]) => BackgroundToHost,
    sets: ActiveKeySet[],
  ): Promise<R> {
    if (await transport.ensure()) hostHas.clear();
    const fresh = sets.filter((s) => !hostHas.has(s.ref)).map(({ ref, document }) => ({ ref, document }));
    let reply = (await transport.send(build(sets, fresh))) as R;
    if (!reply.ok && 'missingKeySets' in reply) {
      // The host was replaced behind our back: send everything again.
      hostHas.clear();
      reply = (await transport.send(build(sets, sets.map(({ ref, document }) => ({ ref, document }))))) as R;
    }
    if (reply.ok) for (const s of sets) hostHas.add(s.ref);
    return reply;
  }

  return {
    async run({ tabId, frameId, pageId, blocks, alpha }) {
      const jobId = `${Date.now().toString(36)}-${(++seq).toString(36)}`;
      const sets = await getActiveKeySets();
      traceMark('sw: active key sets read');
      if (sets.length === 0) {
        deliver({
          kind: 'host/results',
          jobId,
          tabId,
          frameId,
          pageId,
          results: blocks.map((b) => ({ blockId: b.blockId, detections: [], error: 'no key set enabled' })),
          keySetErrors: [],
          done: true,
        });
        return;
      }
      const refs = sets.map((s) => s.ref);
      jobRefs.set(jobId, refs);
      const reply = await withKeySets<HostRunReply>(
        (_s, include): BackgroundToHost => {
          const job: ComputeJob = {
            jobId, tabId, frameId, pageId, createdAt: Date.now(), blocks, keySetRefs: refs, keySets: include, alpha,
          };
          return { kind: 'host/run', target: 'offscreen', job };
        },
        sets,
      );
      traceMark('sw: job accepted by host');
      if (!reply.ok) {
        throw new Error('error' in reply ? reply.error : `compute host refused the job (missing key sets ${reply.missingKeySets.join(', ')})`);
      }
    },

    async checkText(text, alpha) {
      const sets = await getActiveKeySets();
      if (sets.length === 0) return { detections: [], error: 'no key set enabled' };
      const refs = sets.map((s) => s.ref);
      const reply = await withKeySets<HostCheckTextReply>(
        (_s, include) => ({ kind: 'host/check-text', target: 'offscreen', text, keySetRefs: refs, keySets: include, alpha }),
        sets,
      );
      if (!reply.ok) return { detections: [], error: 'error' in reply ? reply.error : 'key sets not loaded' };
      const failed = new Set(reply.keySetErrors.map((e) => e.ref));
      for (const e of reply.keySetErrors) recordCompileStatus(e.ref, { ok: false, error: e.error });
      for (const ref of refs) if (!failed.has(ref)) recordCompileStatus(ref, { ok: true });
      return { detections: reply.detections };
    },

    async cancel(selector) {
      if (!canRunWorkersHere()) {
        // Nothing to cancel if the offscreen document does not exist; don't create it just for this.
        const url = chrome.runtime.getURL(OFFSCREEN_PATH);
        const existing = await chrome.runtime.getContexts({
          contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
          documentUrls: [url],
        });
        if (existing.length === 0) return;
      }
      await transport.send({ kind: 'host/cancel', target: 'offscreen', selector });
    },

    async compile(keySet) {
      if (await transport.ensure()) hostHas.clear();
      const reply = (await transport.send({ kind: 'host/compile', target: 'offscreen', keySet })) as HostCompileReply;
      recordCompileStatus(keySet.ref, reply.ok ? { ok: true } : { ok: false, error: reply.error });
      if (reply.ok) hostHas.add(keySet.ref);
      return reply;
    },

    onHostResults(r) {
      handle(r);
    },

    attachHost(channel) {
      if (transport instanceof OffscreenTransport) transport.channel = channel;
      else channel.close();
    },

    async warm() {
      const [fresh, sets] = await Promise.all([transport.ensure(), getActiveKeySets()]);
      if (!fresh) return;
      hostHas.clear();
      if (sets.length === 0) return;
      traceMark('sw: warm-up sent');
      await withKeySets<HostWarmReply>(
        (_s, include) => ({ kind: 'host/warm', target: 'offscreen', keySetRefs: sets.map((s) => s.ref), keySets: include }),
        sets,
      );
    },
  };
}
