/** Path of the Chromium binary the tests launch (Debian's, or CHROMIUM_PATH). */
export function chromiumPath(): string;
/** Launch flags for a headless Chromium on a machine without outside network. */
export const chromiumArgs: string[];
