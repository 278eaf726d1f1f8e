// Where the tests find Chromium: Debian's package (apt-get install chromium), or CHROMIUM_PATH.
import { existsSync } from 'node:fs';

export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`,
    );
  }
  return path;
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
];
