// How a received JSON value is quoted in "got …" messages: short, and never the whole of a large value.

const MAX_QUOTED = 60;

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length <= MAX_QUOTED ? quoted : `${quoted.slice(0, MAX_QUOTED - 2)}…"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}
