// Builds beijing-prsa-2013-2017.csv.gz from the twelve PRSA CSVs of the UCI Beijing Multi-Site
// Air-Quality data set: the date, hour, pollutant and station columns, stations one after the
// other, gzip level 9. Usage: node demo/data/build-prsa.mjs <folder with PRSA_Data_*.csv>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const KEEP = ['year', 'month', 'day', 'hour', 'PM2.5', 'PM10', 'SO2', 'NO2', 'CO', 'O3', 'station'];
const folder = process.argv[2];
if (!folder) {
  console.error('usage: node demo/data/build-prsa.mjs <folder with PRSA_Data_*.csv>');
  process.exit(2);
}
const out = [KEEP.join(',')];
for (const name of readdirSync(folder)
  .filter((n) => /^PRSA_Data_.*\.csv$/.test(n))
  .sort()) {
  const lines = readFileSync(join(folder, name), 'utf8').split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/^"|"$/g, ''));
  const index = KEEP.map((k) => header.indexOf(k));
  if (index.includes(-1)) throw new Error(`${name}: header lacks one of ${KEEP.join(', ')}`);
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const f = line.split(',');
    out.push(index.map((i) => f[i].replace(/^"|"$/g, '')).join(','));
  }
}
const target = new URL('./beijing-prsa-2013-2017.csv.gz', import.meta.url);
writeFileSync(target, gzipSync(out.join('\n') + '\n', { level: 9 }));
console.log(`${out.length - 1} rows written`);
