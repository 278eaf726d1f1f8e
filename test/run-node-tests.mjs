// Runs the node:test files (*.test.ts) under the given folders (or the files given) with TypeScript through tsx.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
};
// Folders are searched; a file named on its own runs as it is.
for (const arg of process.argv.slice(2)) {
  if (statSync(arg).isDirectory()) walk(arg);
  else files.push(arg);
}
if (files.length === 0) {
  console.error(`no test files under ${process.argv.slice(2).join(', ')}`);
  process.exit(1);
}
// Safety nets, so that a test that hangs fails instead of holding the run: a test file whose
// tests are done exits even when something it started (a server, a client, a child process) is
// still open, and every test file and test ends within 20 minutes unless it sets its own timeout
// (node:test applies the limit to each file as a whole too; a soak run by hand for
// ENVMAP_SOAK_MINUTES gets that much more).
const soakMinutes = Number(process.env.ENVMAP_SOAK_MINUTES ?? 0) || 0;
const timeoutMs = (20 + soakMinutes) * 60_000;
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-force-exit',
    `--test-timeout=${timeoutMs}`,
    ...files,
  ],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
