// Gzip sizes of the built files (run `npm run build` first). Prints a Markdown table.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface SizeRow {
  file: string;
  bytes: number;
  gzip: number;
}

/** Raw and gzip (level 9) sizes of the kit's entry files. */
export function measureSizes(): SizeRow[] {
  const list = (dir: string) =>
    existsSync(`${root}/${dir}`)
      ? readdirSync(`${root}/${dir}`)
          .filter((f) => f.endsWith('.js'))
          .map((f) => `${dir}/${f}`)
      : [];
  const files = [
    'dist/core.js',
    'dist/envmap.iife.js',
    'dist/index.js',
    ...list('dist/chunks'),
    // The script tag's parts, each loaded on first use from beside envmap.iife.js.
    ...list('dist/envmap-parts'),
  ];
  return files.map((file) => {
    const path = `${root}/${file}`;
    if (!existsSync(path)) throw new Error(`${file} is missing: run "npm run build" first`);
    const data = readFileSync(path);
    return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
  });
}

export function sizeReport(): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const lines = ['| file | size | gzip |', '|---|---:|---:|'];
  for (const row of measureSizes())
    lines.push(
      `| ${row.file.replace(/-[A-Za-z0-9_-]{8}\.js$/, '-*.js')} | ${kb(row.bytes)} | ${kb(row.gzip)} |`,
    );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(sizeReport());
