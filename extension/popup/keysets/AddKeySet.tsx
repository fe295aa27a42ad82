// Adding a key set by address or from a file: preview, then confirm (or update/replace a duplicate),
// asking for host permissions during the user's click. The states live in the pure reducer add-flow.ts.
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { checkKeySetUrl } from '../../shared/keyset-url';
import { bytesToBase64 } from '../../shared/base64';
import type { DuplicateInfo, KeySetSourceRequest } from '../../shared/messages';
import { addKeySet, openManagerTab, previewKeySet, requestOriginPermission, requestOriginPermissions } from '../api';
import { formatBytes, MAX_FILE_BYTES, tokenizerNeedText } from '../keyset-view';
import { addFlow, IDLE, isBusy } from './add-flow';
import { errorText } from './error-text';
import { PreviewDetails } from './PreviewDetails';

export function AddKeySet({
  onAdded,
  onUpdateExisting,
  pickFilesInTab,
}: {
  onAdded: (message: string) => void;
  onUpdateExisting: (d: DuplicateInfo) => void;
  pickFilesInTab: boolean;
}) {
  const [state, dispatch] = useReducer(addFlow, IDLE);
  const [url, setUrl] = useState('');
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.kind === 'preview') previewHeading.current?.focus();
  }, [state.kind]);

  const preview = async (source: KeySetSourceRequest, what: string) => {
    dispatch({ type: 'check', what });
    const result = await previewKeySet(source).catch((err: unknown) => ({ ok: false as const, error: errorText(err) }));
    dispatch({ type: 'previewed', result, source });
  };

  const allowTokenizers = async () => {
    if (state.kind !== 'permission') return;
    const { needs, source } = state;
    const origins = [...new Set(needs.filter((n) => !n.stored && !n.permitted && n.origin).map((n) => n.origin!))];
    // First thing in the click handler: browsers grant permission requests only during the gesture.
    if (!(await requestOriginPermissions(origins))) {
      dispatch({ type: 'fail', error: `Permission to download from ${needs.map((n) => n.host).join(', ')} was not granted, so the key set cannot be used.` });
      return;
    }
    await preview(source, 'Downloading and checking the tokenizer…');
  };

  const onSubmitUrl = async (e: Event) => {
    e.preventDefault();
    const checked = checkKeySetUrl(url);
    if (!checked.ok) {
      dispatch({ type: 'fail', error: checked.error });
      return;
    }
    // First, while the click still counts as the user's gesture: the permission for this origin only.
    const granted = await requestOriginPermission(checked.url);
    if (!granted) {
      dispatch({ type: 'fail', error: `Permission to read from ${new URL(checked.url).origin} was not granted, so the key set cannot be fetched.` });
      return;
    }
    await preview({ type: 'url', url: checked.url }, 'Downloading and checking the key set…');
  };

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      dispatch({ type: 'fail', error: `Not added: the file is ${formatBytes(file.size)}; a key set may be at most 1 MiB.` });
      return;
    }
    dispatch({ type: 'check', what: `Checking ${file.name}…` });
    try {
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      await preview({ type: 'file', name: file.name, base64 }, `Checking ${file.name}…`);
    } catch (err) {
      dispatch({ type: 'fail', error: `The file could not be read: ${errorText(err)}` });
    }
  };

  const confirm = async (replaceKey?: string) => {
    if (state.kind !== 'preview') return;
    const { candidate } = state;
    dispatch({ type: 'confirm' });
    const r = await addKeySet(candidate, replaceKey).catch((err: unknown) => ({ ok: false as const, error: errorText(err) }));
    if (r.ok) {
      dispatch({ type: 'added' });
      setUrl('');
      onAdded(r.message);
    } else {
      dispatch({ type: 'fail', error: r.error });
    }
  };

  const busy = isBusy(state);
  return (
    <div class="add-keyset">
      <h3>Add a key set</h3>
      <form class="add-url" onSubmit={(e) => void onSubmitUrl(e)}>
        <label for="keyset-url">Address of a published key set</label>
        <div class="row">
          <input
            id="keyset-url"
            type="url"
            name="url"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://publisher.example/keys.json"
            value={url}
            onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" disabled={busy}>
            Preview
          </button>
        </div>
      </form>
      {pickFilesInTab ? (
        <div class="add-file row">
          <span>Or from a file</span>
          <button type="button" onClick={() => void openManagerTab()} aria-describedby="keyset-file-why">
            Choose a file in a tab…
          </button>
          <p id="keyset-file-why" class="muted small">
            This browser closes the popup while a file is being chosen, so files are picked in a tab.
          </p>
        </div>
      ) : (
        <div class="add-file row">
          <label for="keyset-file">Or from a file</label>
          <input id="keyset-file" ref={fileInput} type="file" accept=".json,application/json" disabled={busy} onChange={(e) => void onFile(e)} />
        </div>
      )}
      {state.kind === 'checking' ? (
        <p class="muted small" role="status">
          {state.what}
        </p>
      ) : null}
      {state.kind === 'error' ? (
        <p class="error small add-error" role="alert" data-testid="add-error">
          {state.error}
        </p>
      ) : null}
      {state.kind === 'permission' ? (
        <div class="tokenizer-permission" role="group" data-testid="tokenizer-permission">
          <p class="small">{state.error}</p>
          <ul class="small">
            {state.needs.map((n) => (
              <li key={n.sha256} data-testid="tokenizer-need">
                {tokenizerNeedText(n)}
              </li>
            ))}
          </ul>
          <div class="row actions">
            <button type="button" class="primary" onClick={() => void allowTokenizers()}>
              Allow and download
            </button>
            <button type="button" onClick={() => dispatch({ type: 'cancel' })}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {state.kind === 'preview' || state.kind === 'adding' ? (
        <div class="preview" role="group" aria-labelledby="keyset-preview-h" data-testid="keyset-preview">
          <h3 id="keyset-preview-h" tabIndex={-1} ref={previewHeading}>
            {state.kind === 'preview' && state.duplicate ? 'Already installed' : 'Add this key set?'}
          </h3>
          <PreviewDetails p={state.preview} />
          {state.kind === 'preview' && state.duplicate ? (
            <p class="warning small" data-testid="duplicate">
              “{state.duplicate.name}” (version {state.duplicate.version ?? '?'}) has the same id and is already installed
              {state.duplicate.source === 'bundled' ? ' (bundled)' : ''}.{' '}
              {state.duplicate.offer === 'update'
                ? 'Update it instead to get the publisher’s latest version.'
                : state.duplicate.offer === 'replace'
                  ? 'You can replace it with this file if its version is higher.'
                  : ''}
            </p>
          ) : null}
          <div class="row actions">
            {state.kind === 'preview' && state.duplicate ? (
              state.duplicate.offer === 'update' ? (
                <button
                  type="button"
                  class="primary"
                  onClick={() => {
                    const d = (state as { duplicate: DuplicateInfo }).duplicate;
                    dispatch({ type: 'cancel' });
                    onUpdateExisting(d);
                  }}
                >
                  Update it now
                </button>
              ) : state.duplicate.offer === 'replace' ? (
                <button type="button" class="primary" onClick={() => void confirm((state as { duplicate: DuplicateInfo }).duplicate.key)}>
                  Replace with this version
                </button>
              ) : null
            ) : (
              <button type="button" class="primary" disabled={state.kind === 'adding'} onClick={() => void confirm()}>
                {state.kind === 'adding' ? 'Adding…' : 'Add key set'}
              </button>
            )}
            <button type="button" onClick={() => dispatch({ type: 'cancel' })}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
