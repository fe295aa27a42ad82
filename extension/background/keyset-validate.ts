// Validation of a downloaded or chosen key-set document, before anything is stored: size, strict UTF-8,
// JSON, schema with field paths, supported combinations, unique kids and sane values (the core's parser),
// then every key's test vectors reproduced by the core in a Worker (the caller passes `compile`, i.e.
// the compute host). Each failure is returned as the core's own message, which names the field.
import { decodeJsonDocument } from '../../src/keyset/decode';
import { KeySetError } from '../../src/keyset/errors';
import { isExpired, parseKeySetDocument } from '../../src/keyset/parse';
import { describeTokenizer } from '../../src/keyset/tokenizer-spec';
import type { KeySet } from '../../src/keyset/types';
import { decodeUtf8, sha256Hex } from '../shared/bytes';
import type { HostCompileReply, KeySetPayload, KeySetPreview } from '../shared/messages';
import { shortFingerprint } from './keyset-model';

export type Inspected =
  | { ok: true; keySet: KeySet; document: string; ref: string; preview: KeySetPreview }
  | { ok: false; error: string };

export type Validated = Inspected;

function keyDescription(k: KeySet['keys'][number]): string {
  if (k.scheme === 'unigram') return `unigram ${k.implementation} (fraction ${k.fraction}, vocabulary ${k.vocabSize})`;
  if (k.scheme === 'synthid') return `synthid ${k.implementation} (${k.keys.length} layers, n-gram ${k.ngramLen})`;
  const width = k.implementation === 'hf-transformers' ? `, context ${k.contextWidth}` : '';
  return `${k.scheme} ${k.implementation} ${k.seeding} (γ ${k.gamma}${width})`;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export function previewOf(keySet: KeySet, ref: string, sizeBytes: number, now: number): KeySetPreview {
  return {
    id: keySet.id,
    name: keySet.name,
    publisher: keySet.publisher.name,
    publisherUrl: keySet.publisher.url,
    version: keySet.version,
    issued: keySet.issued,
    expires: keySet.expires,
    expired: isExpired(keySet, new Date(now)),
    numKeys: keySet.keys.length,
    schemes: unique(keySet.keys.map(keyDescription)),
    tokenizers: unique(keySet.keys.map((k) => describeTokenizer(k.tokenizer))),
    sha256: ref,
    fingerprint: shortFingerprint(ref)!,
    sizeBytes,
  };
}

/** Everything but the test vectors: cheap, and done in the background itself. */
export async function inspectBytes(bytes: Uint8Array, now: number): Promise<Inspected> {
  let keySet: KeySet;
  try {
    // The parser checks size and encoding first, before it looks at anything else.
    keySet = parseKeySetDocument(bytes);
  } catch (e) {
    if (e instanceof KeySetError) return { ok: false, error: e.message };
    return { ok: false, error: `the document could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  const ref = await sha256Hex(bytes);
  // Kept with a BOM if it has one, so the stored text encodes back to exactly these bytes.
  const document = decodeUtf8(bytes);
  return { ok: true, keySet, document, ref, preview: previewOf(keySet, ref, bytes.byteLength, now) };
}

/** Text that came back from the popup (a previewed candidate): the same checks on its UTF-8 bytes. */
export async function inspectText(document: string, now: number): Promise<Inspected> {
  try {
    // Size (without encoding a huge string) and lone surrogates, which TextEncoder would silently replace.
    decodeJsonDocument(document);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  return inspectBytes(new TextEncoder().encode(document), now);
}

/** Inspect, then have the core reproduce every key's test vectors. */
export async function validate(
  inspected: Inspected,
  compile: (keySet: KeySetPayload) => Promise<HostCompileReply>,
): Promise<Validated> {
  if (!inspected.ok) return inspected;
  let reply: HostCompileReply;
  try {
    reply = await compile({ ref: inspected.ref, document: inspected.document });
  } catch (e) {
    return { ok: false, error: `the test vectors could not be checked: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!reply.ok) return { ok: false, error: reply.error };
  return inspected;
}
