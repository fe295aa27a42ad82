// Reading the parts of a tokenizer.json this engine uses, with errors that name the component and the
// field, so an unsupported or malformed file is refused with a specific reason rather than mis-tokenized.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export class UnsupportedTokenizerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedTokenizerError';
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new UnsupportedTokenizerError(`tokenizer.json: ${where} must be an object`);
  return value;
}

export function str(o: JsonObject, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.${key} must be a string`);
  return v;
}

export function optStr(o: JsonObject, key: string, where: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.${key} must be a string`);
  return v;
}

export function bool(o: JsonObject, key: string, where: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.${key} must be true or false`);
  return v;
}

export function int(o: JsonObject, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.${key} must be an integer`);
  return v;
}

export function array(o: JsonObject, key: string, where: string): Json[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.${key} must be an array`);
  return v;
}

export function typeOf(o: JsonObject, where: string): string {
  return str(o, 'type', where);
}

export function unsupported(where: string, type: string, supported: readonly string[]): UnsupportedTokenizerError {
  return new UnsupportedTokenizerError(
    `tokenizer.json: ${where} of type ${JSON.stringify(type)} is not supported (supported: ${supported.join(', ')})`,
  );
}

/** A `pattern` field: {"String": s} (literal) or {"Regex": r}. */
export type Pattern = { kind: 'string'; value: string } | { kind: 'regex'; value: string };

export function pattern(o: JsonObject, where: string): Pattern {
  const p = object(o.pattern, `${where}.pattern`);
  if (typeof p.String === 'string') return { kind: 'string', value: p.String };
  if (typeof p.Regex === 'string') return { kind: 'regex', value: p.Regex };
  throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.pattern must be {"String": …} or {"Regex": …}`);
}
