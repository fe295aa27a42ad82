// From a PRF value to the 32-bit word that actually seeds torch's CPU MT19937 (spec §2.1).
//
// The references call `generator.manual_seed(prf_key % (2**64 - 1))` (Python floor-mod, so the
// argument is in [0, 2^64-2] even for a negative key). manual_seed unpacks a uint64 (negatives in
// [-2^63, -1] by two's complement, anything else "Overflow when unpacking long"), and the CPU engine
// keeps only the low 32 bits.

const U64_MAX = (1n << 64n) - 1n; // also the modulus the references use
const I64_MIN = -(1n << 63n);

/** Python `prf_key % (2**64 - 1)`: the result is in [0, 2^64 - 2] for every sign of prf_key. */
export function manualSeedArgFromPrf(prfKey: bigint): bigint {
  const m = prfKey % U64_MAX;
  return m < 0n ? m + U64_MAX : m;
}

/** torch.Generator('cpu').manual_seed(arg) followed by the engine's `seed & 0xFFFFFFFF`. */
export function cpuSeed32(manualSeedArg: bigint): number {
  if (manualSeedArg < I64_MIN || manualSeedArg > U64_MAX) {
    throw new RangeError('Overflow when unpacking long');
  }
  return Number(BigInt.asUintN(32, manualSeedArg));
}

export function prfKeyToCpuSeed32(prfKey: bigint): number {
  return cpuSeed32(manualSeedArgFromPrf(prfKey));
}

/**
 * The same as prfKeyToCpuSeed32(BigInt(prfKey)) for an integer 0 <= prfKey <= 2^53 - 1, without
 * allocating: such a key is below 2^64 - 1, so the floor-mod leaves it unchanged, and ToUint32 of an
 * integral double is exactly its value mod 2^32. Callers guarantee the precondition (checked ranges);
 * this is the lefthash hot path.
 */
export function safeNonNegativePrfKeyToCpuSeed32(prfKey: number): number {
  return prfKey >>> 0;
}
