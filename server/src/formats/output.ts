// Output files for the writers: buffered synchronous appends (documents are written one at a time, so memory stays
// bounded by the buffer, not the corpus), directories created on demand, every path recorded for the summary.
import * as fs from 'fs';
import * as path from 'path';

const FLUSH_AT = 1 << 20;

export class OutputFile {
  private fd: number;
  private chunks: string[] = [];
  private size = 0;
  private closed = false;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'w');
  }

  write(s: string): void {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    fs.writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    fs.closeSync(this.fd);
    this.closed = true;
  }
}

/** Opens files lazily under one output folder and remembers what it wrote. */
export class OutputFolder {
  private readonly open = new Map<string, OutputFile>();
  readonly written: string[] = [];

  constructor(readonly root: string) {}

  /** The file at a path relative to the root, opened (truncated) on first use. */
  file(relative: string, onOpen?: (f: OutputFile) => void): OutputFile {
    let f = this.open.get(relative);
    if (!f) {
      f = new OutputFile(path.join(this.root, relative));
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
    const p = path.join(this.root, relative);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    this.written.push(p);
  }

  closeAll(beforeClose?: (relative: string, f: OutputFile) => void): void {
    for (const [rel, f] of this.open) {
      beforeClose?.(rel, f);
      f.close();
    }
    this.open.clear();
  }
}
