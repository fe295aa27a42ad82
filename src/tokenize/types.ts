/**
 * Token ids of a text and, per token, the [start, end) it covers in that text in UTF-16 code units.
 * A token holding only some bytes of a character (byte-level BPE splits emoji and CJK) is given the
 * whole character, so neighbouring ranges can overlap; starts and ends are non-decreasing and the
 * ranges together cover every character that produced bytes.
 */
export interface TokenizedText {
  ids: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

export interface Tokenizer {
  /**
   * Identifies the tokenizer (its vocabulary and rules) in caches and messages: the js-tiktoken
   * encoding name, or for a Hugging Face tokenizer.json the name it was loaded under.
   */
  readonly name: string;
  /**
   * js-tiktoken encodings: ordinary text only, special-token strings such as `<|endoftext|>` are
   * encoded as plain text. Hugging Face tokenizers: as the Rust library's `encode`, so added tokens
   * written in the text are recognised, and special tokens are added only if asked for at load.
   */
  encode(text: string): TokenizedText;
  /** UTF-8 decode of the tokens' bytes (invalid sequences become U+FFFD); special tokens decode to their text. */
  decode(ids: ArrayLike<number>): string;
}
