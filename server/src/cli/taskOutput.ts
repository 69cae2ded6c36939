// What a corpus command's per-input task writes to stderr, collected instead of written, so the main thread prints
// it in input order (the task may run on a worker thread: see ./parallel.ts).

/** Runs f; what it writes to process.stderr meanwhile is returned, not written. */
export function capturingStderr<T>(f: () => T): { value: T; messages: string[] } {
  const messages: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    messages.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    return { value: f(), messages };
  } finally {
    process.stderr.write = write;
  }
}
