// One key set in the list: enable checkbox, status, publisher/version/fingerprint, source, and its actions.
import type { KeySetInfo } from '../../shared/messages';
import { formatInstant, sourceText, statusText, timeAgo } from '../keyset-view';

export function KeySetItem(props: {
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
