// The fields of a key set the user reads before confirming an add.
import type { KeySetPreview } from '../../shared/messages';
import { formatBytes, formatInstant, tokenizerNeedText } from '../keyset-view';

export function PreviewDetails({ p }: { p: KeySetPreview }) {
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
