// The states of "Add a key set" as a pure reducer, so every transition (preview, permission, confirm,
// refusal, cancel) can be tested without a browser; AddKeySet.tsx does the I/O and dispatches the outcomes.
import type { DuplicateInfo, KeySetCandidate, KeySetPreview, KeySetSourceRequest, PreviewKeySetReply, TokenizerNeed } from '../../shared/messages';

export type AddState =
  | { kind: 'idle' }
  | { kind: 'checking'; what: string }
  | { kind: 'error'; error: string }
  /** The key set needs tokenizer files from origins not permitted yet: ask (in a click), then preview again. */
  | { kind: 'permission'; error: string; needs: TokenizerNeed[]; source: KeySetSourceRequest }
  | { kind: 'preview'; preview: KeySetPreview; candidate: KeySetCandidate; duplicate?: DuplicateInfo }
  | { kind: 'adding'; preview: KeySetPreview; candidate: KeySetCandidate };

export type AddAction =
  /** A preview (download, file read, tokenizer download) started; `what` is the status line. */
  | { type: 'check'; what: string }
  | { type: 'previewed'; result: PreviewKeySetReply; source: KeySetSourceRequest }
  /** The user confirmed the preview: adding (or replacing) starts. */
  | { type: 'confirm' }
  | { type: 'added' }
  /** Any refusal or failure: bad address, permission not granted, file too large, add refused. */
  | { type: 'fail'; error: string }
  | { type: 'cancel' };

export const IDLE: AddState = { kind: 'idle' };

export function addFlow(state: AddState, action: AddAction): AddState {
  switch (action.type) {
    case 'check':
      return { kind: 'checking', what: action.what };
    case 'previewed': {
      const r = action.result;
      return r.ok
        ? { kind: 'preview', preview: r.preview, candidate: r.candidate, duplicate: r.duplicate }
        : r.tokenizerPermission
          ? { kind: 'permission', error: r.error, needs: r.tokenizerPermission, source: action.source }
          : { kind: 'error', error: r.error };
    }
    case 'confirm':
      // Only a shown preview can be confirmed (a second click while adding does nothing).
      return state.kind === 'preview' ? { kind: 'adding', preview: state.preview, candidate: state.candidate } : state;
    case 'added':
    case 'cancel':
      return IDLE;
    case 'fail':
      return { kind: 'error', error: action.error };
  }
}

/** A request is under way: the inputs that would start another are disabled. */
export function isBusy(state: AddState): boolean {
  return state.kind === 'checking' || state.kind === 'adding';
}
