// The popup's key-set manager: the list with status, enable/disable, update now, export, remove with
// undo; the add flow (AddKeySet.tsx) below it; reset to defaults.
// Every string from a key set is rendered as text by Preact, never as HTML.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { KeySetInfo } from '../../shared/messages';
import { exportKeySet, listKeySets, onKeySetsStored, removeKeySet, resetKeySets, setKeySetEnabled, undoRemoveKeySet, updateKeySet } from '../api';
import { AddKeySet } from './AddKeySet';
import { errorText } from './error-text';
import { KeySetItem } from './KeySetItem';
import { UndoBar } from './UndoBar';

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
