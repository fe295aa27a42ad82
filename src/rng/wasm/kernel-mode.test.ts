import { describe, expect, it } from 'vitest';
import { GreenListSampler } from '../green-list';
import { greenKernelAvailable } from './kernel';

// Runs in both vitest projects: proves which loops the parity tests of each project exercised.
describe('green-list loops in use', () => {
  it('WebAssembly unless WMLENS_WASM=0, when the plain-JavaScript loops run', () => {
    const wasm = process.env.WMLENS_WASM !== '0';
    expect(greenKernelAvailable()).toBe(wasm);
    expect(new GreenListSampler(50257, 0.25).usesWasm).toBe(wasm);
  });
});
