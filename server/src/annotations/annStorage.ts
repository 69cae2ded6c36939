// The files beside an article: `article.txt` → `article.ann` (brat standoff) and `article.review.json` (review
// sidecar). Reads them, writes them atomically (temporary file in the same folder, then rename), and watches them
// for changes made outside (brat, git, another editor), ignoring its own writes.
import * as fs from 'fs';
import * as path from 'path';
import { decodeFile } from '../core/textDecoding';
import { reviewPathFor } from './reviewFile';
import { SCHEMA_FILE } from './labelSchema';

/** `dir/article.txt` → `dir/article.ann` (a name without extension gets `.ann` appended). */
export function annPathFor(articlePath: string): string {
  const ext = path.extname(articlePath);
  return (ext ? articlePath.slice(0, -ext.length) : articlePath) + '.ann';
}

export class StorageError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'StorageError';
  }
}

/** Reads a text file; undefined when it does not exist. The .ann is UTF-8 as brat writes it; other encodings decode. */
export function readTextIfExists(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StorageError(file, `cannot be read: ${(err as Error).message}`);
  }
  if (bytes.length === 0) return '';
  // keep a UTF-8 BOM in the text: parseAnn notes it and writes it back
  const decoded = decodeFile(bytes, file);
  return (decoded.bom && decoded.encoding === 'utf-8' ? '\ufeff' : '') + decoded.text;
}

/**
 * Writes `content` to `file` atomically: a temporary file in the same folder, then a rename over the target, so a
 * reader (brat, a crash, a full disk) never sees half a file. `undefined` removes the file.
 */
export function writeAtomic(file: string, content: string | undefined): void {
  if (content === undefined) {
    try {
      fs.unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new StorageError(file, `cannot be removed: ${(err as Error).message}`);
      }
    }
    return;
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(tmp, content, 'utf8');
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw new StorageError(file, `cannot be written: ${(err as Error).message}`);
  }
}

export type WatchedFile = 'ann' | 'review';

/** The .ann and review sidecar of one article, with what was last read or written, to tell outside changes apart. */
export class ArticleFiles {
  readonly annPath: string;
  readonly reviewPath: string;
  private lastAnn: string | undefined;
  private lastReview: string | undefined;
  private watcher?: fs.FSWatcher;
  private timer?: NodeJS.Timeout;

  constructor(readonly articlePath: string) {
    this.annPath = annPathFor(articlePath);
    this.reviewPath = reviewPathFor(this.annPath);
  }

  /** Reads both files; a file that cannot be read is reported in annError / reviewError (and not taken as absent). */
  read(): { ann?: string; review?: string; annError?: string; reviewError?: string } {
    const out: { ann?: string; review?: string; annError?: string; reviewError?: string } = {};
    try {
      out.ann = this.lastAnn = readTextIfExists(this.annPath);
    } catch (err) {
      out.annError = (err as Error).message;
    }
    try {
      out.review = this.lastReview = readTextIfExists(this.reviewPath);
    } catch (err) {
      out.reviewError = (err as Error).message;
    }
    return out;
  }

  /**
   * Writes what changed. An .ann that would be empty and does not exist yet is not created.
   * Returns which files were written.
   */
  write(ann: string, review: string | undefined): WatchedFile[] {
    const written: WatchedFile[] = [];
    if (ann !== this.lastAnn && !(ann === '' && this.lastAnn === undefined)) {
      writeAtomic(this.annPath, ann);
      this.lastAnn = ann;
      written.push('ann');
    }
    if (review !== this.lastReview) {
      writeAtomic(this.reviewPath, review);
      this.lastReview = review;
      written.push('review');
    }
    return written;
  }

  /**
   * Calls back when the .ann or the sidecar changes on disk other than by `write` (debounced). The callback gets
   * the new contents (undefined: deleted).
   */
  watch(onChange: (changes: { ann?: string | null; review?: string | null }) => void, debounceMs = 100): void {
    if (this.watcher) return;
    const dir = path.dirname(this.annPath);
    const names = new Set([path.basename(this.annPath), path.basename(this.reviewPath)]);
    try {
      this.watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name && !names.has(name.toString())) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.checkOutside(onChange), debounceMs);
      });
      this.watcher.on('error', () => this.dispose());
    } catch {
      // the folder cannot be watched (removed, or a virtual file system): outside changes are picked up on reopen
    }
  }

  /** Compares the files with what was last read or written; reports the ones that differ. */
  checkOutside(onChange: (changes: { ann?: string | null; review?: string | null }) => void): void {
    let ann: string | undefined;
    let review: string | undefined;
    try {
      ann = readTextIfExists(this.annPath);
      review = readTextIfExists(this.reviewPath);
    } catch {
      return; // mid-write by someone else, or unreadable: the next event will tell
    }
    const changes: { ann?: string | null; review?: string | null } = {};
    if (ann !== this.lastAnn) {
      changes.ann = ann ?? null;
      this.lastAnn = ann;
    }
    if (review !== this.lastReview) {
      changes.review = review ?? null;
      this.lastReview = review;
    }
    if ('ann' in changes || 'review' in changes) onChange(changes);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}

/** The schema file that applies to an article: `.news-annotator/schema.json` in its folder or the nearest parent. */
export function findSchemaFile(articlePath: string, stopAt?: string): string | undefined {
  let dir = path.dirname(path.resolve(articlePath));
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const candidate = path.join(dir, SCHEMA_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir || dir === stop) return undefined;
    dir = parent;
  }
}
