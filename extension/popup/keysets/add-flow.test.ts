import { describe, expect, it } from 'vitest';
import type { DuplicateInfo, KeySetCandidate, KeySetPreview, KeySetSourceRequest, TokenizerNeed } from '../../shared/messages';
import { addFlow, IDLE, isBusy, type AddAction, type AddState } from './add-flow';

const preview = { id: 'example', name: 'Example', version: 2 } as KeySetPreview;
const candidate: KeySetCandidate = { source: { type: 'url', url: 'https://p.example/k.json' }, document: '{}' };
const source: KeySetSourceRequest = { type: 'url', url: 'https://p.example/k.json' };
const need: TokenizerNeed = { name: 'Org/Model', sha256: 'ab'.repeat(32), url: 'https://huggingface.co/x', host: 'huggingface.co', stored: false, origin: 'https://huggingface.co/*' };
const duplicate: DuplicateInfo = { key: 'url:https://p.example/k.json', name: 'Example', source: 'url', version: 1, offer: 'update' };

const run = (...actions: AddAction[]): AddState => actions.reduce(addFlow, IDLE);
const checking: AddAction = { type: 'check', what: 'Downloading and checking the key set…' };
const shown: AddAction = { type: 'previewed', result: { ok: true, preview, candidate }, source };

describe('add-key-set flow', () => {
  it('idle → previewing → preview shown → adding → added (idle again)', () => {
    expect(run(checking)).toEqual({ kind: 'checking', what: 'Downloading and checking the key set…' });
    expect(run(checking, shown)).toEqual({ kind: 'preview', preview, candidate, duplicate: undefined });
    expect(run(checking, shown, { type: 'confirm' })).toEqual({ kind: 'adding', preview, candidate });
    expect(run(checking, shown, { type: 'confirm' }, { type: 'added' })).toEqual(IDLE);
  });

  it('keeps the duplicate the background reported on the preview', () => {
    const s = run(checking, { type: 'previewed', result: { ok: true, preview, candidate, duplicate }, source });
    expect(s).toEqual({ kind: 'preview', preview, candidate, duplicate });
  });

  it('a refused preview is an error', () => {
    expect(run(checking, { type: 'previewed', result: { ok: false, error: 'Not a key set.' }, source })).toEqual({ kind: 'error', error: 'Not a key set.' });
  });

  it('tokenizers from unpermitted origins ask for permission, keeping the source to preview again', () => {
    const s = run(checking, { type: 'previewed', result: { ok: false, error: 'Needs a tokenizer.', tokenizerPermission: [need] }, source });
    expect(s).toEqual({ kind: 'permission', error: 'Needs a tokenizer.', needs: [need], source });
    expect(addFlow(s, { type: 'check', what: 'Downloading and checking the tokenizer…' })).toEqual({
      kind: 'checking',
      what: 'Downloading and checking the tokenizer…',
    });
    expect(addFlow(s, { type: 'fail', error: 'Permission was not granted.' })).toEqual({ kind: 'error', error: 'Permission was not granted.' });
  });

  it('an add the background refuses is an error', () => {
    expect(run(checking, shown, { type: 'confirm' }, { type: 'fail', error: 'Refused.' })).toEqual({ kind: 'error', error: 'Refused.' });
  });

  it('failures before any request (bad address, permission, file) are errors from any state', () => {
    expect(run({ type: 'fail', error: 'Not an https address.' })).toEqual({ kind: 'error', error: 'Not an https address.' });
    expect(run(checking, shown, { type: 'fail', error: 'x' })).toEqual({ kind: 'error', error: 'x' });
  });

  it('only a shown preview can be confirmed', () => {
    for (const s of [IDLE, run(checking), run({ type: 'fail', error: 'x' }), run(checking, shown, { type: 'confirm' })]) {
      expect(addFlow(s, { type: 'confirm' })).toBe(s);
    }
  });

  it('cancel returns to idle from the preview, the permission question and an error', () => {
    const permission = run(checking, { type: 'previewed', result: { ok: false, error: 'e', tokenizerPermission: [need] }, source });
    for (const s of [run(checking, shown), permission, run({ type: 'fail', error: 'x' })]) {
      expect(addFlow(s, { type: 'cancel' })).toEqual(IDLE);
    }
  });

  it('is busy while checking or adding only', () => {
    expect(isBusy(IDLE)).toBe(false);
    expect(isBusy(run(checking))).toBe(true);
    expect(isBusy(run(checking, shown))).toBe(false);
    expect(isBusy(run(checking, shown, { type: 'confirm' }))).toBe(true);
    expect(isBusy(run({ type: 'fail', error: 'x' }))).toBe(false);
  });
});
