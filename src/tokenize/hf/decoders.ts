import { CHAR_TO_BYTE } from './byte-level';
import { array, bool, int, object, optStr, pattern, str, typeOf, unsupported, UnsupportedTokenizerError } from './config';
import { compilePattern } from './regex';

/** The Rust decoders' decode_chain: token strings in, token strings out; the result is their concatenation. */
export type Decoder = (tokens: string[]) => string[];

const SUPPORTED = ['ByteLevel', 'Replace', 'ByteFallback', 'Fuse', 'Strip', 'Metaspace', 'Sequence'];
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

export function buildDecoder(config: unknown, where = 'decoder'): Decoder | null {
  if (config === null || config === undefined) return null;
  const o = object(config, where);
  const type = typeOf(o, where);
  switch (type) {
    case 'ByteLevel':
      return (tokens) => {
        const bytes: number[] = [];
        for (const t of tokens) {
          const start = bytes.length;
          let ok = true;
          for (const ch of t) {
            const b = CHAR_TO_BYTE.get(ch);
            if (b === undefined) {
              ok = false;
              break;
            }
            bytes.push(b);
          }
          // A token outside the byte alphabet (an added token such as "<|im_start|>" with other
          // characters) contributes its own UTF-8, as in the Rust decoder.
          if (!ok) {
            bytes.length = start;
            for (const b of new TextEncoder().encode(t)) bytes.push(b);
          }
        }
        return [utf8.decode(Uint8Array.from(bytes))];
      };
    case 'Replace': {
      const regex = compilePattern(pattern(o, where), where);
      const content = str(o, 'content', where);
      return (tokens) => tokens.map((t) => t.replace(regex, () => content));
    }
    case 'ByteFallback':
      return (tokens) => {
        const out: string[] = [];
        let pending: number[] = [];
        const flush = () => {
          if (pending.length === 0) return;
          try {
            out.push(utf8Strict.decode(Uint8Array.from(pending)));
          } catch {
            // Invalid UTF-8: one U+FFFD per byte token, as the Rust decoder does.
            for (let i = 0; i < pending.length; i++) out.push('\ufffd');
          }
          pending = [];
        };
        for (const t of tokens) {
          const m = /^<0x([0-9A-F]{2})>$/.exec(t);
          if (m !== null) pending.push(parseInt(m[1], 16));
          else {
            flush();
            out.push(t);
          }
        }
        flush();
        return out;
      };
    case 'Fuse':
      return (tokens) => [tokens.join('')];
    case 'Strip': {
      const content = str(o, 'content', where);
      const start = int(o, 'start', where);
      const stop = int(o, 'stop', where);
      if ([...content].length !== 1) throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.content must be one character`);
      return (tokens) =>
        tokens.map((t) => {
          const chars = [...t];
          let s = 0;
          while (s < start && s < chars.length && chars[s] === content) s++;
          let e = chars.length;
          while (chars.length - e < stop && e > s && chars[e - 1] === content) e--;
          return chars.slice(s, e).join('');
        });
    }
    case 'Metaspace': {
      const replacement = str(o, 'replacement', where);
      const scheme = optStr(o, 'prepend_scheme', where) ?? (bool(o, 'add_prefix_space', where, true) ? 'always' : 'never');
      // As in Rust: in the first token every marker is dropped (the prepended one, and any other).
      return (tokens) => tokens.map((t, i) => t.split(replacement).join(i === 0 && scheme !== 'never' ? '' : ' '));
    }
    case 'Sequence': {
      const parts = array(o, 'decoders', where).map((d, i) => buildDecoder(d, `${where}.decoders[${i}]`));
      return (tokens) => parts.reduce((acc, d) => (d === null ? acc : d(acc)), tokens);
    }
    default:
      throw unsupported(where, type, SUPPORTED);
  }
}
