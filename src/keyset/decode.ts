// Bytes (or text) of a key-set document → a JSON value, refusing oversized, non-UTF-8 and malformed
// documents with a message that says where the problem is.

import { KeySetError } from './errors';
import { findExcessiveNesting, findJsonSyntaxError } from './json-syntax';
import { MAX_DOCUMENT_BYTES, MAX_JSON_DEPTH } from './limits';
import { firstInvalidUtf8Offset } from './utf8';

export { MAX_DOCUMENT_BYTES };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Pass the bytes as fetched or read whenever possible: a string has already been decoded by someone
 * else, who may have replaced invalid bytes without saying so.
 */
export function decodeJsonDocument(input: Uint8Array | string): unknown {
  return parseJsonText(typeof input === 'string' ? checkText(input) : decodeBytes(input));
}

function tooLarge(bytes: number | string): KeySetError {
  return refuse(`document is ${bytes} bytes; a key set may be at most 1 MiB (${MAX_DOCUMENT_BYTES} bytes)`);
}

function decodeBytes(bytes: Uint8Array): string {
  // Checked before anything else touches the bytes, so an oversized document costs nothing to refuse.
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge(bytes.byteLength);
  try {
    // A leading byte-order mark is dropped (RFC 8259 lets parsers ignore it).
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse(`document is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Offset(bytes)})`);
  }
}

function checkText(text: string): string {
  // Every UTF-16 code unit needs at least one UTF-8 byte, so this bound holds without encoding.
  if (text.length > MAX_DOCUMENT_BYTES) throw tooLarge(`more than ${MAX_DOCUMENT_BYTES}`);
  const lone = LONE_SURROGATE.exec(text);
  if (lone !== null) {
    throw refuse(`document is not valid UTF-8: lone surrogate U+${lone[0].charCodeAt(0).toString(16).toUpperCase()} at character offset ${lone.index}`);
  }
  const size = new TextEncoder().encode(text).byteLength;
  if (size > MAX_DOCUMENT_BYTES) throw tooLarge(size);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function parseJsonText(text: string): unknown {
  const deep = findExcessiveNesting(text, MAX_JSON_DEPTH);
  if (deep !== undefined) throw refuse(`document too deeply nested at line ${deep.line}, column ${deep.column}: ${deep.reason}`);
  try {
    return JSON.parse(text);
  } catch (e) {
    const found = findJsonSyntaxError(text);
    if (found === undefined) {
      // The scanner and the engine disagree; the engine's own words are better than nothing.
      throw refuse(`JSON syntax error: ${e instanceof Error ? e.message : String(e)}`);
    }
    throw refuse(`JSON syntax error at line ${found.line}, column ${found.column}: ${found.reason}`);
  }
}

function refuse(message: string): KeySetError {
  return new KeySetError([{ path: '', message }]);
}
