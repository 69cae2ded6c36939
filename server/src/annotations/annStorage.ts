// The files beside an article: `article.txt` → `article.ann` (brat standoff) and `article.review.json` (review
// sidecar). Reads them, writes them through core/safeFiles.ts (temporary file with a short name in the same folder,
// fsync, rename; back in the encoding the file had, or not at all), and watches them for changes made outside (brat,
// git, another editor), ignoring its own writes.
import * as fs from 'fs';
import * as path from 'path';
import { TextEncoding, decodeFile } from '../core/textDecoding';
import { UnsafeFileError, readTextForRewrite, removeFile, writeFileSafely } from '../core/safeFiles';
import { annPathFor, reviewPathFor } from './articleRules';
import { SCHEMA_FILE } from './labelSchema';

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

/** How a file is written back: the encoding it was read in (UTF-8 for a new file). */
export interface FileFormat {
  encoding: TextEncoding;
  bom: boolean;
}

const NEW_FILE: FileFormat = { encoding: 'utf-8', bom: false };

/**
 * Writes `content` to `file` atomically (core/safeFiles.ts: temporary file in the same folder, fsync, rename), so a
 * reader (brat, a crash, a full disk) never sees half a file; in `format` (UTF-8 by default: a UTF-8 byte-order mark
 * is the text's own leading U+FEFF). `undefined` removes the file.
 */
export function writeAtomic(file: string, content: string | undefined, format: FileFormat = NEW_FILE): void {
  try {
    if (content === undefined) removeFile(file);
    else writeFileSafely(file, content, format);
  } catch (err) {
    if (err instanceof UnsafeFileError) throw new StorageError(file, err.message.slice(err.file.length + 2));
    throw err;
  }
}

/**
 * Reads a file the store will write back: the text (a UTF-8 byte-order mark kept as a leading U+FEFF, which parseAnn
 * notes) and the format to write it in; refused (StorageError) when writing it back could change bytes.
 */
function readForStore(file: string): { text: string | undefined; format: FileFormat } {
  let f;
  try {
    f = readTextForRewrite(file);
  } catch (err) {
    if (err instanceof UnsafeFileError) throw new StorageError(file, err.message.slice(err.file.length + 2));
    throw new StorageError(file, `cannot be read: ${(err as Error).message}`);
  }
  if (!f) return { text: undefined, format: NEW_FILE };
  if (f.encoding === 'utf-8') return { text: (f.bom ? '\ufeff' : '') + f.text, format: NEW_FILE };
  return { text: f.text, format: { encoding: f.encoding, bom: f.bom } };
}

export type WatchedFile = 'ann' | 'review';

/** The .ann and review sidecar of one article, with what was last read or written, to tell outside changes apart. */
export class ArticleFiles {
  readonly annPath: string;
  readonly reviewPath: string;
  private lastAnn: string | undefined;
  private lastReview: string | undefined;
  /** The encodings the files were read in, to write them back in (a GB18030 .ann stays GB18030). */
  private annFormat: FileFormat = NEW_FILE;
  private reviewFormat: FileFormat = NEW_FILE;
  /** Why the files must not be written now (changed outside into something that cannot be written back safely). */
  private unwritable: string | undefined;
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
      const r = readForStore(this.annPath);
      out.ann = this.lastAnn = r.text;
      this.annFormat = r.format;
    } catch (err) {
      out.annError = (err as Error).message;
    }
    try {
      const r = readForStore(this.reviewPath);
      out.review = this.lastReview = r.text;
      this.reviewFormat = r.format;
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
    if (this.unwritable) throw new Error(this.unwritable);
    if (ann !== this.lastAnn && !(ann === '' && this.lastAnn === undefined)) {
      writeAtomic(this.annPath, ann, this.annFormat);
      this.lastAnn = ann;
      written.push('ann');
    }
    if (review !== this.lastReview) {
      writeAtomic(this.reviewPath, review, this.reviewFormat);
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
    let annFormat: FileFormat;
    let reviewFormat: FileFormat;
    try {
      ({ text: ann, format: annFormat } = readForStore(this.annPath));
      ({ text: review, format: reviewFormat } = readForStore(this.reviewPath));
    } catch (err) {
      // mid-write by someone else (the next event will tell), or changed into a file that cannot be written back
      // safely: until it can be read again, nothing is written over it
      this.unwritable = (err as Error).message;
      return;
    }
    this.unwritable = undefined;
    const changes: { ann?: string | null; review?: string | null } = {};
    if (ann !== this.lastAnn) {
      changes.ann = ann ?? null;
      this.lastAnn = ann;
      this.annFormat = annFormat;
    }
    if (review !== this.lastReview) {
      changes.review = review ?? null;
      this.lastReview = review;
      this.reviewFormat = reviewFormat;
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
