// torch int64 tensor arithmetic, modelled with BigInt: every tensor operation wraps to signed 64 bits.

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/** Two's-complement wrap to int64, as a tensor op's result. */
export function w64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/**
 * A Python int entering a tensor op (e.g. `salt_key * tensor`) is converted to int64 first; torch
 * refuses values outside that range with this message.
 */
export function toInt64Scalar(v: bigint, what: string): bigint {
  if (v < I64_MIN || v > I64_MAX) {
    throw new RangeError(`Overflow when unpacking long: ${what} ${v} does not fit in int64`);
  }
  return v;
}

/** A token id as an int64 tensor element. */
export function idToInt64(x: number | bigint): bigint {
  if (typeof x === 'number' && !Number.isSafeInteger(x)) {
    throw new RangeError(`token id ${x} is not a safe integer`);
  }
  return toInt64Scalar(BigInt(x), 'token id');
}
