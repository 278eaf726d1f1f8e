// proj4, the library behind every CRS the kit knows by definition. The core (and the ESM build)
// provides it as it loads (proj4-static.ts), so the synchronous functions of src/crs work at once.
// The script-tag build leaves that module out and loads proj4 on first use from a file beside the
// script: there `await loadProj4()` comes before the first transform (the kit's own elements do it).
import type proj4Module from 'proj4';

export type Proj4 = typeof proj4Module;

let lib: Proj4 | undefined;
let loading: Promise<Proj4> | undefined;
const waiting = new Set<(lib: Proj4) => void>();

/** Makes a proj4 the kit's (the core does it with its own copy). */
export function provideProj4(value: Proj4): void {
  if (lib) return;
  lib = value;
  for (const callback of [...waiting]) callback(value);
  waiting.clear();
}

/** Whether proj4 is there for the synchronous functions. */
export function proj4Loaded(): boolean {
  return lib !== undefined;
}

/**
 * proj4, for synchronous use.
 * @throws Error when it has not been loaded yet (the script-tag build: `await loadProj4()` first)
 */
export function useProj4(): Proj4 {
  if (!lib)
    throw new Error(
      'proj4 is not loaded yet: the script-tag build loads it on first use, so await EnvMap.loadProj4() before transforming coordinates',
    );
  return lib;
}

/** Loads proj4 when it is not there yet; resolves with it. */
export function loadProj4(): Promise<Proj4> {
  if (lib) return Promise.resolve(lib);
  loading ??= import('proj4').then(
    (m) => {
      provideProj4((m as { default?: Proj4 }).default ?? (m as unknown as Proj4));
      return lib!;
    },
    (e: unknown) => {
      loading = undefined; // a failed download may be tried again
      throw new Error(`proj4 could not be loaded: ${(e as Error).message}`);
    },
  );
  return loading;
}

/** Calls `callback` with proj4 once it is there (at once when it is); returns a cancel function. */
export function whenProj4(callback: (lib: Proj4) => void): () => void {
  if (lib) {
    callback(lib);
    return () => {};
  }
  waiting.add(callback);
  return () => waiting.delete(callback);
}
