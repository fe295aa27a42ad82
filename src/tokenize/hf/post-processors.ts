import { array, isObject, object, str, typeOf, unsupported, UnsupportedTokenizerError, type JsonObject } from './config';

/** What the post-processor adds around a single sequence when special tokens are requested. */
export interface SpecialTokenFrame {
  before: number[];
  after: number[];
}

const SUPPORTED = ['TemplateProcessing', 'ByteLevel', 'RobertaProcessing', 'BertProcessing', 'Sequence'];

export function buildPostProcessor(config: unknown, where = 'post_processor'): SpecialTokenFrame {
  const frame: SpecialTokenFrame = { before: [], after: [] };
  if (config === null || config === undefined) return frame;
  const o = object(config, where);
  const type = typeOf(o, where);
  switch (type) {
    case 'ByteLevel':
      // Only trims offsets; the ids are unchanged.
      return frame;
    case 'TemplateProcessing':
      return template(o, where);
    case 'RobertaProcessing':
    case 'BertProcessing': {
      const cls = array(o, 'cls', where);
      const sep = array(o, 'sep', where);
      if (typeof cls[1] !== 'number' || typeof sep[1] !== 'number') {
        throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.cls and .sep must be [token, id]`);
      }
      return { before: [cls[1]], after: [sep[1]] };
    }
    case 'Sequence': {
      for (const [i, p] of array(o, 'processors', where).entries()) {
        const inner = buildPostProcessor(p, `${where}.processors[${i}]`);
        frame.before.push(...inner.before);
        frame.after.push(...inner.after);
      }
      return frame;
    }
    default:
      throw unsupported(where, type, SUPPORTED);
  }
}

function template(o: JsonObject, where: string): SpecialTokenFrame {
  const specials = object(o.special_tokens, `${where}.special_tokens`);
  const frame: SpecialTokenFrame = { before: [], after: [] };
  let seenSequence = false;
  for (const [i, piece] of array(o, 'single', where).entries()) {
    const p = object(piece, `${where}.single[${i}]`);
    if (isObject(p.Sequence)) {
      if (str(p.Sequence, 'id', `${where}.single[${i}].Sequence`) !== 'A') {
        throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.single[${i}] must use sequence A`);
      }
      seenSequence = true;
    } else if (isObject(p.SpecialToken)) {
      const name = str(p.SpecialToken, 'id', `${where}.single[${i}].SpecialToken`);
      const special = specials[name];
      if (!isObject(special) || !Array.isArray(special.ids) || !special.ids.every((x) => typeof x === 'number')) {
        throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.special_tokens has no ids for ${JSON.stringify(name)}`);
      }
      (seenSequence ? frame.after : frame.before).push(...(special.ids as number[]));
    } else {
      throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.single[${i}] must be a Sequence or a SpecialToken`);
    }
  }
  return frame;
}
