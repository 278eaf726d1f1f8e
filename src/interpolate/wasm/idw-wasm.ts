// The WebAssembly IDW row kernel (idw-kernel.wat), instantiated on first use. Where WebAssembly
// or its SIMD is unavailable, or a Content-Security-Policy forbids compiling it, `idwKernel()`
// returns null and idwGrid runs its JavaScript loop instead.

import { WASM_BASE64 } from './idw-kernel.js';

export interface IdwKernel {
  /** Sets the stations (x and value); an odd count is padded with a far station of value 0. */
  setStations(xs: Float64Array, vs: Float64Array): void;
  /** The squared y distances of each station to the next row, to fill in place. */
  e2(): Float64Array;
  /** Sets the cells' x (the first multiple of 8 of them are computed). */
  setCells(cx: Float64Array): void;
  /** IDW (power 2) of the row's cells; a view into the kernel's memory, valid until the next run. */
  run(): Float32Array;
}

type Exports = {
  memory: WebAssembly.Memory;
  row(np: number, wn: number, cx: number, xs: number, e2: number, vs: number, out: number): void;
};

let failed = false;
let exports: Exports | null = null;

function decode(base64: string): Uint8Array {
  if (typeof atob === 'function') return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const B = (globalThis as { Buffer?: { from(s: string, e: string): Uint8Array } }).Buffer;
  if (!B) throw new Error('no base64 decoder');
  return new Uint8Array(B.from(base64, 'base64'));
}

function instance(): Exports | null {
  if (exports || failed) return exports;
  try {
    const module = new WebAssembly.Module(decode(WASM_BASE64) as BufferSource);
    exports = new WebAssembly.Instance(module, {}).exports as unknown as Exports;
  } catch {
    failed = true; // no WebAssembly, no SIMD, or compiling forbidden
  }
  return exports;
}

/** A far station of value 0 that pads an odd count: its weight is below 1e-150 of any other. */
const PAD_X = 1e100;

/** A kernel for `n` stations and `width` cells, or null when WebAssembly cannot be used. */
export function idwKernel(n: number, width: number): IdwKernel | null {
  const wasm = instance();
  if (!wasm) return null;
  const np = n + (n % 2);
  const wn = width - (width % 8);
  const bytes = np * 8 * 3 + wn * 8 + wn * 4 + 64;
  const have = wasm.memory.buffer.byteLength;
  if (bytes > have) wasm.memory.grow(Math.ceil((bytes - have) / 65536));
  const buffer = wasm.memory.buffer;
  const xsAt = 0;
  const e2At = xsAt + np * 8;
  const vsAt = e2At + np * 8;
  const cxAt = vsAt + np * 8;
  const outAt = cxAt + wn * 8;
  const e2 = new Float64Array(buffer, e2At, np);
  const out = new Float32Array(buffer, outAt, wn);
  return {
    setStations(xs, vs) {
      const x = new Float64Array(buffer, xsAt, np);
      x.set(xs);
      new Float64Array(buffer, vsAt, np).set(vs);
      if (np > n) {
        x[n] = PAD_X;
        new Float64Array(buffer, vsAt, np)[n] = 0;
        e2[n] = 0;
      }
    },
    e2: () => e2,
    setCells(cx) {
      new Float64Array(buffer, cxAt, wn).set(cx.subarray(0, wn));
    },
    run() {
      wasm.row(np, wn, cxAt, xsAt, e2At, vsAt, outAt);
      return out;
    },
  };
}
