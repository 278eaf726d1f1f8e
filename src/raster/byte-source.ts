// Where a GeoTIFF's bytes come from when they are not one ArrayBuffer in memory: a Blob (a file
// the user picked) or a ByteSource the caller implements (a file read on demand in Node), so that
// a large DEM's cells can be read straight into the raster without holding the file twice.

/** Bytes read on demand. In Node, a file: `{ size, readInto: (o, t) => fs.readSync(fd, t, 0, t.length, o) }`. */
export interface ByteSource {
  /** Size in bytes. */
  size: number;
  /** Copies bytes from `offset` into `target` (as many as fit, fewer at the end); returns how many. */
  readInto(offset: number, target: Uint8Array): number | Promise<number>;
}

export function isByteSource(value: unknown): value is ByteSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ByteSource).readInto === 'function' &&
    Number.isFinite((value as ByteSource).size)
  );
}

/** Copies bytes out of an ArrayBuffer, a Blob or a ByteSource. */
export interface ByteReader {
  size: number;
  /** Fills `target` from `offset`. @throws Error when the bytes end first */
  copy(offset: number, target: Uint8Array): Promise<void>;
  /** The bytes themselves when they are one ArrayBuffer (views on it need no copy). */
  buffer?: ArrayBuffer;
}

const CHUNK = 8 << 20;

export function byteReader(source: ArrayBuffer | Blob | ByteSource): ByteReader {
  const short = (offset: number, length: number, size: number) =>
    new Error(`the file ends before byte ${offset + length} (${size} bytes)`);
  if (source instanceof ArrayBuffer)
    return {
      size: source.byteLength,
      buffer: source,
      copy: async (offset, target) => {
        if (offset + target.length > source.byteLength)
          throw short(offset, target.length, source.byteLength);
        target.set(new Uint8Array(source, offset, target.length));
      },
    };
  if (isByteSource(source))
    return {
      size: source.size,
      copy: async (offset, target) => {
        for (let done = 0; done < target.length;) {
          const n = await source.readInto(offset + done, target.subarray(done));
          if (!(n > 0)) throw short(offset, target.length, source.size);
          done += n;
        }
      },
    };
  return byteReader(blobSource(source));
}

/** A Blob read in slices of at most 8 MB (geotiff's own Blob source needs FileReader). */
export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    readInto: async (offset, target) => {
      const end = Math.min(blob.size, offset + Math.min(target.length, CHUNK));
      const part = new Uint8Array(await blob.slice(offset, end).arrayBuffer());
      target.set(part);
      return part.length;
    },
  };
}

/** Reads into `target` until it is full or the source ends; returns the bytes read. */
async function fill(source: ByteSource, offset: number, target: Uint8Array): Promise<number> {
  let done = 0;
  while (done < target.length) {
    const n = await source.readInto(offset + done, target.subarray(done));
    if (!(n > 0)) break;
    done += n;
  }
  return done;
}

/** A ByteSource as geotiff's source interface (`fetch` of byte ranges). */
export function geotiffSource(source: ByteSource) {
  return {
    fileSize: source.size,
    async fetch(slices: Array<{ offset: number; length: number }>): Promise<ArrayBuffer[]> {
      return Promise.all(
        slices.map(async ({ offset, length }) => {
          const target = new Uint8Array(Math.max(0, Math.min(length, source.size - offset)));
          return target.buffer.slice(0, await fill(source, offset, target));
        }),
      );
    },
    async close(): Promise<void> {},
  };
}
