/** What `acceptFileDrops` does with the files dropped on an element. */
export interface FileDropOptions {
  /** Whether drops are taken now. */
  enabled(): boolean;
  /** Files larger than this are refused, bytes. */
  maxBytes: number;
  /** Takes a dropped file's bytes. */
  file(name: string, bytes: ArrayBuffer): void;
  /** Says why a file was not taken (too large, or unreadable). */
  error(message: string): void;
}

/** Takes files dropped on `el` (dragging other things over it is left alone). Returns the function that stops. */
export function acceptFileDrops(el: HTMLElement, options: FileDropOptions): () => void {
  const hasFiles = (e: DragEvent) =>
    !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  const over = (e: DragEvent) => {
    if (!options.enabled() || !hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
  };
  const drop = (e: DragEvent) => {
    if (!options.enabled() || !hasFiles(e)) return;
    e.preventDefault();
    const mb = (n: number) => Math.round(n / 1048576);
    for (const file of [...e.dataTransfer!.files]) {
      if (file.size > options.maxBytes) {
        options.error(`${file.name} is ${mb(file.size)} MB; at most ${mb(options.maxBytes)} MB`);
        continue;
      }
      file
        .arrayBuffer()
        .then((bytes) => options.file(file.name, bytes))
        .catch((err: Error) => options.error(`${file.name}: ${err.message}`));
    }
  };
  el.addEventListener('dragover', over);
  el.addEventListener('drop', drop);
  return () => {
    el.removeEventListener('dragover', over);
    el.removeEventListener('drop', drop);
  };
}
