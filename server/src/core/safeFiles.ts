// Writing files without losing anything, for the editor's tag store, import, export and the command line:
// - a write goes to a temporary file with a short name in the same folder, is flushed to disk (fsync) and renamed
//   over the target, so a crash or a full disk never leaves half a file; the temporary file is removed on failure;
// - an existing text file is read with the editor's decoding (core/textDecoding.ts) and written back in its own
//   encoding (GB18030 stays GB18030), or refused with a message when that would change bytes nobody edited;
// - "inside / outside a folder" is decided on real paths (symbolic links resolved), and inside an output folder no
//   symbolic link is ever followed: a link where a folder or file should be is refused.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DecodeError, TextEncoding, decodeFile, iconv } from './textDecoding';

/** A file operation refused to keep data safe (the message names the file and what to do). */
export class UnsafeFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'UnsafeFileError';
  }
}

/** A text file as read for rewriting: its text and how to write it back. */
export interface TextFile {
  /** The decoded text, without a byte-order mark. */
  text: string;
  encoding: TextEncoding;
  bom: boolean;
}

const BOMS: Record<TextEncoding, Buffer> = {
  'utf-8': Buffer.from([0xef, 0xbb, 0xbf]),
  'utf-16le': Buffer.from([0xff, 0xfe]),
  'utf-16be': Buffer.from([0xfe, 0xff]),
  gb18030: Buffer.from([0x84, 0x31, 0x95, 0x33]),
  big5: Buffer.alloc(0),
};

const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', gb18030: 'GB18030', big5: 'Big5',
};

/**
 * The bytes of `text` in `encoding` (with its byte-order mark when `bom`). Throws UnsafeFileError when the encoding
 * cannot hold some character of the text (Big5 has no 𠀀), instead of writing a '?'.
 */
export function encodeText(text: string, encoding: TextEncoding, bom: boolean, file: string): Buffer {
  const body = encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv().encode(text, encoding);
  if (encoding !== 'utf-8' && iconv().decode(body, encoding) !== text) {
    const chars = Array.from(text);
    const bad = chars.find((c) => iconv().decode(iconv().encode(c, encoding), encoding) !== c) ?? '?';
    throw new UnsafeFileError(
      file,
      `is written in ${ENCODING_NAMES[encoding]}, which cannot hold ${JSON.stringify(bad)} (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}); ` +
        'nothing was written: convert the file to UTF-8 first',
    );
  }
  return bom ? Buffer.concat([BOMS[encoding], body]) : body;
}

/**
 * Reads a text file that is going to be rewritten; undefined when it does not exist. Decoded as the editor decodes
 * it; refused (UnsafeFileError) when it is not a regular file, or when writing the same text back in the same
 * encoding would not give the same bytes (a stray byte that the decoding replaced), so that a rewrite never loses
 * what it did not mean to change.
 */
export function readTextForRewrite(file: string): TextFile | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UnsafeFileError(file, `cannot be read: ${describe(err)}`);
  }
  if (st.isSymbolicLink()) throw new UnsafeFileError(file, 'is a symbolic link; it is not followed (replace it with the file itself)');
  if (st.isDirectory()) throw new UnsafeFileError(file, 'is a folder where a file is expected; rename or remove it');
  if (!st.isFile()) throw new UnsafeFileError(file, 'is not a regular file');
  const bytes = fs.readFileSync(file);
  if (bytes.length === 0) return { text: '', encoding: 'utf-8', bom: false };
  let decoded;
  try {
    decoded = decodeFile(bytes, file);
  } catch (err) {
    if (err instanceof DecodeError) throw new UnsafeFileError(file, `${err.message.slice(file.length + 2)}; it is left as it is`);
    throw err;
  }
  const again = encodeText(decoded.text, decoded.encoding, decoded.bom, file);
  if (!again.equals(bytes)) {
    let i = 0;
    while (i < bytes.length && bytes[i] === again[i]) i++;
    throw new UnsafeFileError(
      file,
      `read as ${ENCODING_NAMES[decoded.encoding]} does not give its bytes back (byte 0x${(bytes[i] ?? 0).toString(16).padStart(2, '0')} at offset ${i} ` +
        'would change); it is left as it is: fix or convert the file first',
    );
  }
  return decoded;
}

let tempCounter = 0;

/** A short temporary name (the target's name may already be near the 255-byte limit of a file name). */
function tempPathFor(file: string): string {
  tempCounter = (tempCounter + 1) % 0x10000;
  const tag = `${process.pid.toString(36)}${tempCounter.toString(36)}${crypto.randomBytes(3).toString('hex')}`;
  return path.join(path.dirname(file), `.na${tag}.tmp`);
}

/**
 * Refuses a target that is a symbolic link or a folder (a rename would replace the link or fail obscurely); returns
 * the permission bits of an existing file, which the new one keeps.
 */
function checkTarget(file: string): number | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return undefined; // does not exist yet
  }
  if (st.isSymbolicLink()) throw new UnsafeFileError(file, 'is a symbolic link; it is not followed and not replaced');
  if (st.isDirectory()) throw new UnsafeFileError(file, 'is a folder where a file is to be written; rename or remove it');
  return st.mode & 0o7777;
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENAMETOOLONG') return 'the file name is too long for the file system';
  if (e.code === 'ENOSPC') return 'the disk is full';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EROFS') return 'the file system is read-only';
  return e.message;
}

export interface WriteOptions {
  encoding: TextEncoding;
  bom: boolean;
  /**
   * Flush to disk before the rename (default true): after a crash the file is the old one or the new one, never
   * empty. The export's many small per-document files skip it (2.5 ms per file measured: 140,000 files of a brat
   * export would take six more minutes); they still never appear half-written.
   */
  sync?: boolean;
}

/**
 * Writes `data` to `file` atomically: temporary file in the same folder, fsync, rename. Text is written in
 * `encoding` (UTF-8 by default; see encodeText). The folder must exist. Throws UnsafeFileError with a plain message.
 */
export function writeFileSafely(file: string, data: string | Uint8Array, encoding: WriteOptions = { encoding: 'utf-8', bom: false }): void {
  const mode = checkTarget(file);
  const bytes = typeof data === 'string' ? encodeText(data, encoding.encoding, encoding.bom, file) : data;
  const tmp = tempPathFor(file);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o666);
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    if (encoding.sync !== false) fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    throw new UnsafeFileError(file, `cannot be written: ${describe(err)}`);
  }
}

/** Removes a file; a missing file is fine. */
export function removeFile(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UnsafeFileError(file, `cannot be removed: ${describe(err)}`);
  }
}

/**
 * The real path of `p` (symbolic links resolved) even when its last parts do not exist yet: the nearest existing
 * ancestor is resolved and the rest appended.
 */
export function realPath(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(cur), ...rest.reverse());
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return abs;
      rest.push(path.basename(cur));
      cur = up;
    }
  }
}

/** Whether `child` is `parent` or lies inside it, both compared as real paths. */
export function isInside(parent: string, child: string): boolean {
  const a = realPath(parent);
  const b = realPath(child);
  return b === a || b.startsWith(a.endsWith(path.sep) ? a : a + path.sep);
}

/**
 * Makes sure the folder `root/relative` exists, creating missing folders, without following a symbolic link at any
 * level below `root` (a link there could lead outside). Returns the folder's path. Throws UnsafeFileError.
 */
export function ensureFolderInside(root: string, relativeDir: string, known?: Set<string>): string {
  const parts = relativeDir.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) throw new UnsafeFileError(path.join(root, relativeDir), 'lies outside the folder it is written to');
  let cur = root;
  for (const part of parts) {
    cur = path.join(cur, part);
    if (known?.has(cur)) continue;
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(cur);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UnsafeFileError(cur, `cannot be read: ${describe(err)}`);
    }
    if (!st) {
      try {
        fs.mkdirSync(cur);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new UnsafeFileError(cur, `cannot be created: ${describe(err)}`);
      }
      st = fs.lstatSync(cur);
    }
    if (st.isSymbolicLink()) throw new UnsafeFileError(cur, 'is a symbolic link inside the output folder; it is not followed');
    if (!st.isDirectory()) throw new UnsafeFileError(cur, 'is a file where a folder is needed');
    known?.add(cur);
  }
  return cur;
}

/**
 * Makes sure an output folder exists and is a folder; a clear message when it is a file (or cannot be made).
 * The folder itself may be a symbolic link the user named; what lies inside it is checked by ensureFolderInside.
 */
export function ensureOutputFolder(dir: string): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UnsafeFileError(dir, `cannot be read: ${describe(err)}`);
  }
  if (st && !st.isDirectory()) throw new UnsafeFileError(dir, 'is a file, not a folder; choose a folder for the output');
  if (!st) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UnsafeFileError(dir, code === 'ENOTDIR' || code === 'EEXIST' ? 'cannot be created: a part of its path is a file' : `cannot be created: ${describe(err)}`);
    }
  }
}
