// Compiles src/interpolate/wasm/*.wat into TypeScript modules that export the binary as base64, so that
// the core stays plain modules with no asset loading. Run `npm run build:wasm` after editing a
// .wat file; test/src/interpolate/wasm.test.ts checks that the two agree.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const folder = fileURLToPath(new URL('../src/interpolate/wasm/', import.meta.url));

/** The base64 of a .wat file's binary. */
export async function compileWat(text, name = 'module.wat') {
  const wabt = await wabtInit();
  const module = wabt.parseWat(name, text, { simd: true });
  module.validate();
  const { buffer } = module.toBinary({});
  module.destroy();
  return Buffer.from(buffer).toString('base64');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.wat'))) {
    const base64 = await compileWat(readFileSync(folder + name, 'utf8'), name);
    const target = folder + name.replace(/\.wat$/, '.ts');
    writeFileSync(
      target,
      `// Generated from ${name} by scripts/build-wasm.mjs: do not edit.\nexport const WASM_BASE64 =\n  '${base64}';\n`,
    );
    console.log(`${target}: ${Buffer.from(base64, 'base64').length} bytes`);
  }
}
