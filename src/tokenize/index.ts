export { ENCODING_NAMES, isEncodingName, loadedEncodings } from './encodings';
export type { EncodingName } from './encodings';
export { mapRangeToSource, mapTokenRangesToSource } from './offsets';
export type { CharRange } from './offsets';
export { loadTokenizer } from './tokenizer';
export type { TokenizedText, Tokenizer } from './tokenizer';
export { HfTokenizer, loadHfTokenizer, UnsupportedTokenizerError } from './hf/index';
export type { HfTokenizerOptions } from './hf/index';
