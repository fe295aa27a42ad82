import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_TO_CONTENT,
  CONTENT_TO_BACKGROUND,
  dispatch,
  HOST_TO_BACKGROUND,
  parseMessage,
  POPUP_TO_BACKGROUND,
  POPUP_TO_CONTENT,
  BACKGROUND_TO_HOST,
  SCHEMAS,
  send,
  type HandlerTable,
} from './messages';

describe('message protocol', () => {
  it('every kind belongs to exactly one receiver set, and every kind has a schema', () => {
    const sets = [CONTENT_TO_BACKGROUND, BACKGROUND_TO_CONTENT, POPUP_TO_CONTENT, POPUP_TO_BACKGROUND, BACKGROUND_TO_HOST, HOST_TO_BACKGROUND];
    const all: string[] = sets.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(Object.keys(SCHEMAS).sort());
  });

  it('accepts a kind only from its own set (no prefix routing)', () => {
    const msg = { kind: 'popup/list-keysets' };
    expect(parseMessage(POPUP_TO_BACKGROUND, msg)).toEqual(msg);
    expect(parseMessage(CONTENT_TO_BACKGROUND, msg)).toBeNull();
    expect(parseMessage(CONTENT_TO_BACKGROUND, { kind: 'content/anything-else' })).toBeNull();
  });

  it('refuses malformed payloads and drops unknown fields', () => {
    expect(parseMessage(CONTENT_TO_BACKGROUND, { kind: 'content/detect-blocks', pageId: 'p', blocks: [{ blockId: 1, text: 'x' }] })).toBeNull();
    expect(parseMessage(POPUP_TO_BACKGROUND, { kind: 'popup/set-keyset-enabled', key: 'k', enabled: 'yes' })).toBeNull();
    expect(parseMessage(POPUP_TO_BACKGROUND, { kind: 'popup/preview-keyset', source: { type: 'ftp', url: 'x' } })).toBeNull();
    expect(parseMessage(BACKGROUND_TO_HOST, { kind: 'host/compile', target: 'offscreen', keySet: { ref: 'short', document: '{}' } })).toBeNull();
    expect(parseMessage(CONTENT_TO_BACKGROUND, { kind: 'content/check-text', text: 'x'.repeat(4 * 1024 * 1024 + 1) })).toBeNull();
    expect(parseMessage(CONTENT_TO_BACKGROUND, { kind: 'content/cancel-page', pageId: 'p', extra: { big: true } })).toEqual({ kind: 'content/cancel-page', pageId: 'p' });
    for (const raw of [null, undefined, 'popup/list-keysets', 42, [], { kind: 7 }]) expect(parseMessage(POPUP_TO_BACKGROUND, raw)).toBeNull();
  });

  it('restores NaN statistics that JSON messaging turned into null', () => {
    const det = {
      keySetId: 's', keySetName: 'S', kid: 'k', numTokensScored: 0, numGreenTokens: 0, greenFraction: null, zScore: null, pValueNormal: null,
      pValue: 1, numUnits: 0, numGreenUnits: 0, verdict: 'too-short', spans: [],
    };
    const m = parseMessage(BACKGROUND_TO_CONTENT, { kind: 'background/detect-results', pageId: 'p', results: [{ blockId: 'b', detections: [det] }] });
    expect(m && m.kind === 'background/detect-results' ? m.results[0].detections[0].zScore : 'refused').toBeNaN();
  });

  it('carries SynthID results in their own shape (no green counts; scheme and mean g-values kept)', () => {
    const det = {
      scheme: 'synthid', keySetId: 's', keySetName: 'S', kid: 'k', numTokensScored: 395, meanScore: 0.534, weightedMeanScore: null,
      zScore: 7.4, numUnits: 395, pValue: 7e-11, verdict: 'watermarked', spans: [{ start: 0, end: 9, zScore: 7, pValue: 1e-9 }],
    };
    const m = parseMessage(BACKGROUND_TO_CONTENT, { kind: 'background/detect-results', pageId: 'p', results: [{ blockId: 'b', detections: [det] }] });
    expect(m && m.kind === 'background/detect-results' ? m.results[0].detections[0] : 'refused').toEqual(det);
    const bad = { ...det, meanScore: 'high' };
    expect(parseMessage(BACKGROUND_TO_CONTENT, { kind: 'background/detect-results', pageId: 'p', results: [{ blockId: 'b', detections: [bad] }] })).toBeNull();
  });

  it('keeps a Unigram result\'s distinct-token z', () => {
    const det = {
      keySetId: 'u', keySetName: 'U', kid: 'k', numTokensScored: 300, numGreenTokens: 190, greenFraction: 190 / 300, zScore: 8.1, uniqueZScore: 6.2,
      pValueNormal: 1e-15, pValue: 1e-9, numUnits: 150, numGreenUnits: 100, verdict: 'watermarked', spans: [],
    };
    const m = parseMessage(BACKGROUND_TO_CONTENT, { kind: 'background/detect-results', pageId: 'p', results: [{ blockId: 'b', detections: [det] }] });
    expect(m && m.kind === 'background/detect-results' ? m.results[0].detections[0] : 'refused').toEqual(det);
  });

  it('dispatch runs the one handler of a kind with the receiver’s context, and stays silent otherwise', async () => {
    const seen: string[] = [];
    const table: HandlerTable<(typeof CONTENT_TO_BACKGROUND)[number], number> = {
      'content/detect-blocks': (m, tab) => ({ ok: true, queued: m.blocks.length + tab }),
      'content/check-text': () => ({ detections: [] }),
      'content/cancel-page': (m) => {
        seen.push(m.pageId);
        return undefined;
      },
    };
    expect(await dispatch(CONTENT_TO_BACKGROUND, table, { kind: 'content/detect-blocks', pageId: 'p', blocks: [] }, 5)).toEqual({ ok: true, queued: 5 });
    expect(dispatch(CONTENT_TO_BACKGROUND, table, { kind: 'content/cancel-page', pageId: 'q' }, 0)).toBeUndefined();
    expect(seen).toEqual(['q']);
    expect(dispatch(CONTENT_TO_BACKGROUND, table, { kind: 'popup/list-keysets' }, 0)).toBeUndefined();
  });

  it('send hands the message to the transport and types the reply by kind', async () => {
    const sent: unknown[] = [];
    const reply = await send(async (m) => (sent.push(m), { keySets: [] }), { kind: 'popup/list-keysets' });
    expect(reply.keySets).toEqual([]);
    expect(sent).toEqual([{ kind: 'popup/list-keysets' }]);
  });
});
