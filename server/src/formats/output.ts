// Output files for the writers: buffered synchronous appends (documents are written one at a time, so memory stays
// bounded by the buffer, not the corpus), folders created on demand, every path recorded for the summary.
// Through core/safeFiles.ts: each file is written under a short temporary name in its folder and renamed into place
// when complete (after fsync), so an interrupted export never leaves half a file over a previous one; no symbolic
// link inside the output folder is followed (a link where a folder or file should be is refused).
import * as fs from 'fs';
import * as path from 'path';
import { UnsafeFileError, ensureFolderInside, writeFileSafely } from '../core/safeFiles';

const FLUSH_AT = 1 << 20;

let tempCounter = 0;

export class OutputFile {
  private fd: number;
  private readonly temp: string;
  private chunks: string[] = [];
  private size = 0;
  private closed = false;

  /** Opens a temporary file beside `file`; the folder must exist (OutputFolder makes it). */
  constructor(readonly file: string) {
    tempCounter = (tempCounter + 1) % 0x100000;
    this.temp = path.join(path.dirname(file), `.na${process.pid.toString(36)}o${tempCounter.toString(36)}.tmp`);
    try {
      this.fd = fs.openSync(this.temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | (fs.constants.O_NOFOLLOW ?? 0));
    } catch (err) {
      throw new UnsafeFileError(file, `cannot be written: ${(err as Error).message}`);
    }
  }

  write(s: string): void {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    const bytes = Buffer.from(this.chunks.join(''), 'utf8');
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(this.fd, bytes, off, bytes.length - off);
    this.chunks = [];
    this.size = 0;
  }

  /** Flushes, syncs and renames the file into place (refused when the target is a symbolic link or a folder). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      const st = lstatOrUndefined(this.file);
      if (st?.isSymbolicLink()) throw new UnsafeFileError(this.file, 'is a symbolic link inside the output folder; it is not followed and not replaced');
      if (st?.isDirectory()) throw new UnsafeFileError(this.file, 'is a folder where an output file is to be written');
      fs.renameSync(this.temp, this.file);
    } catch (err) {
      removeQuietly(this.temp);
      if (err instanceof UnsafeFileError) throw err;
      throw new UnsafeFileError(this.file, `cannot be written: ${(err as Error).message}`);
    }
  }

  /** Discards what was written (the target, if any, is left as it was). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    removeQuietly(this.temp);
  }
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

function removeQuietly(p: string): void {
  try {
    fs.unlinkSync(p);
  } catch {
    // not there
  }
}

/** Opens files lazily under one output folder and remembers what it wrote. */
export class OutputFolder {
  private readonly open = new Map<string, OutputFile>();
  /** Folders already checked (and created) below the root. */
  private readonly folders = new Set<string>();
  readonly written: string[] = [];

  constructor(readonly root: string) {}

  /** The folder of a relative path, created below the root without following symbolic links. */
  private folderOf(relative: string): string {
    fs.mkdirSync(this.root, { recursive: true });
    return ensureFolderInside(this.root, path.dirname(relative), this.folders);
  }

  /** The file at a path relative to the root, opened (under a temporary name) on first use. */
  file(relative: string, onOpen?: (f: OutputFile) => void): OutputFile {
    let f = this.open.get(relative);
    if (!f) {
      f = new OutputFile(path.join(this.folderOf(relative), path.basename(relative)));
      this.open.set(relative, f);
      this.written.push(f.file);
      onOpen?.(f);
    }
    return f;
  }

  has(relative: string): boolean {
    return this.open.has(relative);
  }

  /** Writes a whole small file at once (configs, label lists, one brat document). */
  writeWhole(relative: string, content: string): void {
    const p = path.join(this.folderOf(relative), path.basename(relative));
    writeFileSafely(p, content, { encoding: 'utf-8', bom: false, sync: false });
    this.written.push(p);
  }

  /** Completes every open file (renamed into place). */
  closeAll(beforeClose?: (relative: string, f: OutputFile) => void): void {
    let first: unknown;
    for (const [rel, f] of this.open) {
      try {
        beforeClose?.(rel, f);
        f.close();
      } catch (err) {
        first ??= err;
      }
    }
    this.open.clear();
    if (first) throw first;
  }

  /** Discards every open file (after an error or a cancellation): no half file replaces an earlier one. */
  abortAll(): void {
    const discarded = new Set<string>();
    for (const f of this.open.values()) {
      f.abort();
      discarded.add(f.file);
    }
    const kept = this.written.filter((f) => !discarded.has(f));
    this.written.length = 0;
    for (const f of kept) this.written.push(f);
    this.open.clear();
  }
}
