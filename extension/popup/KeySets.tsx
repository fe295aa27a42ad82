// The popup's key-set manager: the list with status, enable/disable, update now, export, remove with
// undo; adding by address or from a file after a preview the user confirms; reset to defaults.
// Every string from a key set is rendered as text by Preact, never as HTML.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { checkKeySetUrl } from '../background/keyset-url';
import { bytesToBase64 } from '../shared/base64';
import type { DuplicateInfo, KeySetCandidate, KeySetInfo, KeySetPreview, KeySetSourceRequest, TokenizerNeed } from '../shared/messages';
import {
  addKeySet,
  exportKeySet,
  listKeySets,
  onKeySetsStored,
  openManagerTab,
  previewKeySet,
  removeKeySet,
  requestOriginPermission,
  requestOriginPermissions,
  resetKeySets,
  setKeySetEnabled,
  undoRemoveKeySet,
  updateKeySet,
} from './api';
import { formatBytes, formatInstant, MAX_FILE_BYTES, sourceText, statusText, timeAgo, tokenizerNeedText, UNDO_SECONDS } from './keyset-view';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface Notice {
  text: string;
  error?: boolean;
}

/** `pickFilesInTab`: this popup cannot receive a chosen file (Firefox); offer the options tab for it. */
export function KeySetManager({ pickFilesInTab = false }: { pickFilesInTab?: boolean }) {
  const [keySets, setKeySets] = useState<KeySetInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [undo, setUndo] = useState<{ key: string; name: string } | null>(null);
  const [busyKey, setBusyKey] = useState<string | null>(null);

  const reload = useCallback(() => {
    listKeySets().then(
      (k) => {
        setKeySets(k);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(errorText(e)),
    );
  }, []);
  useEffect(() => {
    reload();
    return onKeySetsStored(reload);
  }, [reload]);

  const toggle = async (k: KeySetInfo, on: boolean) => {
    setKeySets((list) => list?.map((x) => (x.key === k.key ? { ...x, enabled: on, status: on ? 'unchecked' : 'disabled' } : x)) ?? null);
    await setKeySetEnabled(k.key, on);
    reload();
  };

  const update = async (k: KeySetInfo) => {
    setBusyKey(k.key);
    setNotice(null);
    try {
      const r = await updateKeySet(k.key);
      setNotice(r.ok ? { text: `${k.name}: ${r.message}`, error: r.outcome === 'failed' } : { text: r.error, error: true });
    } catch (e) {
      setNotice({ text: `Could not update: ${errorText(e)}`, error: true });
    } finally {
      setBusyKey(null);
      reload();
    }
  };

  const remove = async (k: KeySetInfo) => {
    setNotice(null);
    const r = await removeKeySet(k.key).catch((e: unknown) => ({ ok: false, error: errorText(e) }));
    if (!r.ok) setNotice({ text: r.error ?? 'Could not remove it.', error: true });
    else setUndo({ key: k.key, name: k.name });
    reload();
  };

  const undoRemove = async () => {
    if (!undo) return;
    const r = await undoRemoveKeySet(undo.key).catch((e: unknown) => ({ ok: false, error: errorText(e) }));
    setUndo(null);
    setNotice(r.ok ? { text: `Restored “${undo.name}”.` } : { text: r.error ?? 'Could not restore it.', error: true });
    reload();
  };

  const exportSet = async (k: KeySetInfo) => {
    const r = await exportKeySet(k.key).catch((e: unknown) => ({ ok: false as const, error: errorText(e) }));
    if (!r.ok) {
      setNotice({ text: `Could not export: ${r.error}`, error: true });
      return;
    }
    // The stored text encodes back to the exact bytes that were validated (and fingerprinted).
    const url = URL.createObjectURL(new Blob([r.document], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const reset = async () => {
    const r = await resetKeySets().catch((e: unknown) => ({ ok: false, error: errorText(e) }));
    setNotice(r.ok ? { text: 'Bundled key sets are back on. Your subscriptions were kept.' } : { text: r.error ?? 'Reset failed.', error: true });
    reload();
  };

  return (
    <section aria-labelledby="keysets-h" class="keyset-manager">
      <h2 id="keysets-h">Key sets</h2>
      {loadError ? (
        <p class="error" role="alert">
          Key sets could not be loaded: {loadError}{' '}
          <button type="button" onClick={reload}>
            Retry
          </button>
        </p>
      ) : keySets === null ? (
        <p class="muted" role="status">
          Checking key sets…
        </p>
      ) : keySets.length === 0 ? (
        <p class="muted" data-testid="keysets-empty">
          No key sets, so nothing can be detected. Add one below, or reset to the defaults.
        </p>
      ) : (
        <ul class="keysets">
          {keySets.map((k) => (
            <KeySetItem
              key={k.key}
              k={k}
              busy={busyKey === k.key}
              onToggle={(on) => void toggle(k, on)}
              onUpdate={() => void update(k)}
              onExport={() => void exportSet(k)}
              onRemove={() => void remove(k)}
            />
          ))}
        </ul>
      )}
      {undo ? <UndoBar name={undo.name} onUndo={() => void undoRemove()} onExpire={() => setUndo(null)} /> : null}
      {notice ? (
        <p class={notice.error ? 'error small notice' : 'small notice'} role={notice.error ? 'alert' : 'status'} data-testid="keyset-notice">
          {notice.text}
        </p>
      ) : null}
      <AddKeySet
        onAdded={(message) => {
          setNotice({ text: message });
          reload();
        }}
        onUpdateExisting={(d) => {
          const k = keySets?.find((x) => x.key === d.key);
          if (k) void update(k);
        }}
        pickFilesInTab={pickFilesInTab}
      />
      <div class="row reset">
        <button type="button" onClick={() => void reset()}>
          Reset to defaults
        </button>
        <span class="muted small">Turns the bundled key sets back on; subscriptions stay.</span>
      </div>
    </section>
  );
}

function KeySetItem(props: {
  k: KeySetInfo;
  busy: boolean;
  onToggle: (on: boolean) => void;
  onUpdate: () => void;
  onExport: () => void;
  onRemove: () => void;
}) {
  const { k } = props;
  const id = `ks-${k.key.replace(/[^a-z0-9]/gi, '-')}`;
  const checked = timeAgo(k.lastCheck, Date.now());
  return (
    <li data-keyset={k.key} class={`ks ks-item-${k.status}`}>
      <div class="row">
        <label class="check">
          <input type="checkbox" checked={k.enabled} aria-describedby={`${id}-status`} onChange={(e) => props.onToggle((e.currentTarget as HTMLInputElement).checked)} />
          <span class="ks-name">{k.name}</span>
        </label>
        <span id={`${id}-status`} class={`ks-status ks-${k.status}`} data-testid="keyset-status">
          {statusText(k)}
        </span>
      </div>
      <div class="ks-meta">
        {k.publisher ?? (k.source === 'bundled' ? 'bundled' : k.source)}
        {k.version !== undefined ? ` · v${k.version}` : ''}
        {k.numKeys !== undefined ? ` · ${k.numKeys} key${k.numKeys === 1 ? '' : 's'}` : ''}
        {k.fingerprint ? (
          <>
            {' · '}
            <code title="SHA-256 of the document (first 16 hex digits)" data-testid="keyset-fingerprint">
              {k.fingerprint}
            </code>
          </>
        ) : null}
      </div>
      <div class="ks-meta ks-source">
        <span class="ks-url">{sourceText(k)}</span>
        {checked ? ` · checked ${checked}` : ''}
        {k.expires ? ` · expires ${formatInstant(k.expires)}` : ''}
      </div>
      {k.error ? (
        <p class="error small ks-error" data-testid="keyset-error">
          {k.error}
        </p>
      ) : null}
      <div class="ks-actions">
        {k.source === 'url' ? (
          <button type="button" onClick={props.onUpdate} disabled={props.busy} aria-label={`Update ${k.name} now`}>
            {props.busy ? 'Updating…' : 'Update now'}
          </button>
        ) : null}
        <button type="button" onClick={props.onExport} aria-label={`Export ${k.name} to a file`}>
          Export
        </button>
        {k.source !== 'bundled' ? (
          <button type="button" onClick={props.onRemove} aria-label={`Remove ${k.name}`}>
            Remove
          </button>
        ) : null}
      </div>
    </li>
  );
}

function UndoBar({ name, onUndo, onExpire }: { name: string; onUndo: () => void; onExpire: () => void }) {
  const [left, setLeft] = useState(UNDO_SECONDS);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
    const t = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(t);
  }, [name]);
  useEffect(() => {
    if (left <= 0) onExpire();
  }, [left, onExpire]);
  return (
    <div class="undo" role="status" data-testid="undo-bar">
      <span>
        Removed “{name}”. <span class="muted small">({left} s)</span>
      </span>
      <button type="button" ref={button} onClick={onUndo}>
        Undo
      </button>
    </div>
  );
}

type AddState =
  | { kind: 'idle' }
  | { kind: 'checking'; what: string }
  | { kind: 'error'; error: string }
  /** The key set needs tokenizer files from origins not permitted yet: ask (in a click), then preview again. */
  | { kind: 'permission'; error: string; needs: TokenizerNeed[]; source: KeySetSourceRequest }
  | { kind: 'preview'; preview: KeySetPreview; candidate: KeySetCandidate; duplicate?: DuplicateInfo }
  | { kind: 'adding'; preview: KeySetPreview; candidate: KeySetCandidate };

function AddKeySet({
  onAdded,
  onUpdateExisting,
  pickFilesInTab,
}: {
  onAdded: (message: string) => void;
  onUpdateExisting: (d: DuplicateInfo) => void;
  pickFilesInTab: boolean;
}) {
  const [state, setState] = useState<AddState>({ kind: 'idle' });
  const [url, setUrl] = useState('');
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.kind === 'preview') previewHeading.current?.focus();
  }, [state.kind]);

  const showPreview = (r: Awaited<ReturnType<typeof previewKeySet>>, source: KeySetSourceRequest) =>
    setState(
      r.ok
        ? { kind: 'preview', preview: r.preview, candidate: r.candidate, duplicate: r.duplicate }
        : r.tokenizerPermission
          ? { kind: 'permission', error: r.error, needs: r.tokenizerPermission, source }
          : { kind: 'error', error: r.error },
    );

  const preview = async (source: KeySetSourceRequest, what: string) => {
    setState({ kind: 'checking', what });
    showPreview(await previewKeySet(source).catch((err: unknown) => ({ ok: false as const, error: errorText(err) })), source);
  };

  const allowTokenizers = async () => {
    if (state.kind !== 'permission') return;
    const { needs, source } = state;
    const origins = [...new Set(needs.filter((n) => !n.stored && !n.permitted && n.origin).map((n) => n.origin!))];
    // First thing in the click handler: browsers grant permission requests only during the gesture.
    if (!(await requestOriginPermissions(origins))) {
      setState({ kind: 'error', error: `Permission to download from ${needs.map((n) => n.host).join(', ')} was not granted, so the key set cannot be used.` });
      return;
    }
    await preview(source, 'Downloading and checking the tokenizer…');
  };

  const onSubmitUrl = async (e: Event) => {
    e.preventDefault();
    const checked = checkKeySetUrl(url);
    if (!checked.ok) {
      setState({ kind: 'error', error: checked.error });
      return;
    }
    // First, while the click still counts as the user's gesture: the permission for this origin only.
    const granted = await requestOriginPermission(checked.url);
    if (!granted) {
      setState({ kind: 'error', error: `Permission to read from ${new URL(checked.url).origin} was not granted, so the key set cannot be fetched.` });
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
      setState({ kind: 'error', error: `Not added: the file is ${formatBytes(file.size)}; a key set may be at most 1 MiB.` });
      return;
    }
    setState({ kind: 'checking', what: `Checking ${file.name}…` });
    try {
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      await preview({ type: 'file', name: file.name, base64 }, `Checking ${file.name}…`);
    } catch (err) {
      setState({ kind: 'error', error: `The file could not be read: ${errorText(err)}` });
    }
  };

  const confirm = async (replaceKey?: string) => {
    if (state.kind !== 'preview') return;
    const { preview, candidate } = state;
    setState({ kind: 'adding', preview, candidate });
    const r = await addKeySet(candidate, replaceKey).catch((err: unknown) => ({ ok: false as const, error: errorText(err) }));
    if (r.ok) {
      setState({ kind: 'idle' });
      setUrl('');
      onAdded(r.message);
    } else {
      setState({ kind: 'error', error: r.error });
    }
  };

  const busy = state.kind === 'checking' || state.kind === 'adding';
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
            <button type="button" onClick={() => setState({ kind: 'idle' })}>
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
                    setState({ kind: 'idle' });
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
            <button type="button" onClick={() => setState({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function PreviewDetails({ p }: { p: KeySetPreview }) {
  return (
    <dl class="preview-fields">
      <dt>Name</dt>
      <dd data-field="name">{p.name}</dd>
      <dt>Publisher</dt>
      <dd data-field="publisher">
        {p.publisher}
        {p.publisherUrl ? <span class="muted"> ({p.publisherUrl})</span> : null}
      </dd>
      <dt>Id</dt>
      <dd data-field="id">
        <code>{p.id}</code>
      </dd>
      <dt>Version</dt>
      <dd data-field="version">{p.version}</dd>
      <dt>Issued</dt>
      <dd data-field="issued">{formatInstant(p.issued)}</dd>
      <dt>Expires</dt>
      <dd data-field="expires">
        {p.expires ? formatInstant(p.expires) : 'never'}
        {p.expired ? <strong class="error"> (expired: it would not be used)</strong> : null}
      </dd>
      <dt>Keys</dt>
      <dd data-field="keys">{p.numKeys}</dd>
      <dt>Schemes</dt>
      <dd data-field="schemes">{p.schemes.join('; ')}</dd>
      <dt>Tokenizers</dt>
      <dd data-field="tokenizers">{p.tokenizers.join(', ')}</dd>
      {p.tokenizerFiles && p.tokenizerFiles.length > 0 ? (
        <>
          <dt>Needs</dt>
          <dd data-field="tokenizer-files">
            {p.tokenizerFiles.map((n) => (
              <span key={n.sha256} class="tokenizer-need" title={`SHA-256 ${n.sha256}`}>
                {tokenizerNeedText(n)}
              </span>
            ))}
          </dd>
        </>
      ) : null}
      <dt>Fingerprint</dt>
      <dd data-field="fingerprint">
        <code title={`SHA-256 ${p.sha256}`}>{p.fingerprint}</code>
        <span class="muted small"> · {formatBytes(p.sizeBytes)}</span>
      </dd>
    </dl>
  );
}
