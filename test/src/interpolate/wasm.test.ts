import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { idwGrid, type GridPoint } from '../../../src/index.js';
import { WASM_BASE64 } from '../../../src/interpolate/wasm/idw-kernel.js';
import { seededRandom } from '../../../demo/server/simulator/random.js';

describe('IDW WebAssembly kernel', () => {
  it('the shipped binary is the compiled .wat (npm run build:wasm after editing it)', async () => {
    const script = new URL('../../../scripts/build-wasm.mjs', import.meta.url);
    const { compileWat } = (await import(script.href)) as {
      compileWat(text: string): Promise<string>;
    };
    const wat = readFileSync(
      new URL('../../../src/interpolate/wasm/idw-kernel.wat', import.meta.url),
      'utf8',
    );
    assert.equal(await compileWat(wat), WASM_BASE64);
  });

  it('gives what the JavaScript loop gives: odd counts, cells on stations, any width', () => {
    const rnd = seededRandom(7);
    for (const [count, width, height] of [
      [1, 8, 3],
      [7, 19, 5],
      [200, 64, 17],
      [201, 37, 9],
    ] as const) {
      const points: GridPoint[] = Array.from({ length: count }, () => ({
        x: rnd() * 1000,
        y: rnd() * 500,
        value: rnd() * 300,
      }));
      // One station on the centre of cell (row 1, column 2).
      points[0] = { x: (2.5 * 1000) / width, y: 500 - (1.5 * 500) / height, value: 42 };
      const grid = { width, height, extent: [0, 0, 1000, 500] as const };
      const fast = idwGrid(points, grid);
      const plain = idwGrid(points, grid, { wasm: false });
      assert.equal(fast[width + 2], 42);
      for (let i = 0; i < fast.length; i++)
        assert.ok(
          Math.abs(fast[i]! - plain[i]!) <= 2e-7 * Math.abs(plain[i]!),
          `${count} stations, ${width} x ${height}, cell ${i}: ${fast[i]} vs ${plain[i]}`,
        );
    }
  });
});
