/** Bits 0 … n − 1 set: every id of a vocabulary of n green (the other bits of the last word clear). */
export function fillVocabulary(bits: Uint32Array, n: number): void {
  bits.fill(0xffffffff);
  if (n & 31) bits[bits.length - 1] = (1 << (n & 31)) - 1;
}
