// Per-file document dates chosen with "Set Document Date for This File", kept in the workspace so they travel with the
// corpus and any tool (the CLI too) can read them:
//   <workspace folder>/.news-annotator/document-dates.json
//   { "version": 1, "dates": { "news/2023-06-18-economy.txt": "2023-06-18", "news/flash.txt": "2023-06-18T09:30" } }
// Keys are paths relative to the folder holding `.news-annotator/`, with forward slashes. A file outside every
// workspace folder uses the `.news-annotator/` folder beside it. Plain Node: the language server and the CLI share it.
import * as fs from 'fs';
import * as path from 'path';
import { writeFileSafely } from './safeFiles';
import { DOCUMENT_DATE_FORM, checkDocumentDate } from './documentDateFormat';

export const DOCUMENT_DATES_FILE = path.join('.news-annotator', 'document-dates.json');

export interface DocumentDatesFile {
  version: 1;
  dates: Record<string, string>;
}

export class DocumentDateStoreError extends Error {}

/** Reads and writes per-file document dates; re-reads a store file when it changes on disk. */
export class DocumentDateStore {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; data: DocumentDatesFile }>();

  /** @param roots workspace folder paths; the deepest one holding a file owns its entry. */
  private roots: string[] = [];

  constructor(roots: string[] = []) {
    this.setRoots(roots);
  }

  setRoots(roots: string[]): void {
    this.roots = roots.map((r) => path.resolve(r));
  }

  /** The store file and the key for a document path. */
  locate(filePath: string): { storeFile: string; key: string } {
    const abs = path.resolve(filePath);
    const root =
      this.roots
        .filter((r) => abs === r || abs.startsWith(r.endsWith(path.sep) ? r : r + path.sep))
        .sort((a, b) => b.length - a.length)[0] ?? path.dirname(abs);
    return { storeFile: path.join(root, DOCUMENT_DATES_FILE), key: path.relative(root, abs).split(path.sep).join('/') };
  }

  /** The per-file date of a document, if one was chosen. Throws DocumentDateStoreError if the store is unreadable. */
  get(filePath: string): string | undefined {
    const { storeFile, key } = this.locate(filePath);
    return this.read(storeFile).dates[key];
  }

  /**
   * The per-file date of a document for a reader: from the deepest root holding it, or with no such root (the CLI)
   * from the nearest `.news-annotator/document-dates.json` above it. Throws DocumentDateStoreError as get() does.
   */
  lookup(filePath: string): string | undefined {
    const abs = path.resolve(filePath);
    if (this.roots.some((r) => abs.startsWith(r.endsWith(path.sep) ? r : r + path.sep))) return this.get(abs);
    for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
      const storeFile = path.join(dir, DOCUMENT_DATES_FILE);
      if (fs.existsSync(storeFile)) return this.read(storeFile).dates[path.relative(dir, abs).split(path.sep).join('/')];
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  /** Stores (or with null, forgets) the date of a document. Never overwrites a store file it cannot parse. */
  set(filePath: string, date: string | null): string {
    if (date !== null) {
      const check = checkDocumentDate(date);
      if (!check.ok) throw new DocumentDateStoreError(check.message);
      date = check.value;
    }
    const { storeFile, key } = this.locate(filePath);
    const data = this.read(storeFile);
    const dates = { ...data.dates };
    if (date === null) delete dates[key];
    else dates[key] = date;
    const sorted = Object.fromEntries(Object.entries(dates).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const next: DocumentDatesFile = { version: 1, dates: sorted };
    fs.mkdirSync(path.dirname(storeFile), { recursive: true });
    writeFileSafely(storeFile, JSON.stringify(next, null, 2) + '\n');
    this.cache.delete(storeFile);
    return storeFile;
  }

  private read(storeFile: string): DocumentDatesFile {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(storeFile);
    } catch {
      return { version: 1, dates: {} };
    }
    const cached = this.cache.get(storeFile);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.data;
    const data = parseDocumentDates(fs.readFileSync(storeFile, 'utf8'), storeFile);
    this.cache.set(storeFile, { mtimeMs: stat.mtimeMs, size: stat.size, data });
    return data;
  }
}

/** Parses a store file, with a message naming the file and the entry at fault. */
export function parseDocumentDates(text: string, fileName: string): DocumentDatesFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new DocumentDateStoreError(`${fileName}: not valid JSON (${(err as Error).message})`);
  }
  const dates = (json as { dates?: unknown } | null)?.dates;
  if (typeof json !== 'object' || json === null || typeof dates !== 'object' || dates === null || Array.isArray(dates)) {
    throw new DocumentDateStoreError(`${fileName}: expected {"version": 1, "dates": {"path": "${DOCUMENT_DATE_FORM}", ...}}`);
  }
  for (const [key, value] of Object.entries(dates)) {
    const check = typeof value === 'string' ? checkDocumentDate(value) : undefined;
    if (!check?.ok) {
      throw new DocumentDateStoreError(
        `${fileName}: the date of "${key}" is ${JSON.stringify(value)}: ${check ? check.message : `not a string of the form ${DOCUMENT_DATE_FORM}`}`,
      );
    }
  }
  return { version: 1, dates: dates as Record<string, string> };
}
