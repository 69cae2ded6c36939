// The workspace side of online adaptation (annotations/suggestionMemory.ts holds the rule): one SuggestionMemory per
// workspace folder, its rejections read from and written to `.news-annotator/suggestion-memory.json`, its lexicon
// filled from every `.ann` of the folder's articles (read once in the background, then kept current from the open
// articles' tag stores). Listeners hear when what the memory suggests changed, so open articles are re-adapted.
import * as fs from 'fs';
import * as path from 'path';
import { MEMORY_FILE, SuggestionMemory } from '../annotations/suggestionMemory';
import { readTextIfExists, writeAtomic } from '../annotations/annStorage';
import { parseAnn } from '../annotations/annFile';
import { listCorpus } from '../formats/corpus';

export const LEARNING_FOLDER = '.news-annotator';

export interface WorkspaceMemory {
  /** The workspace folder ('' for files outside every folder: kept in memory only). */
  root: string;
  memory: SuggestionMemory;
  /** The memory file ('' outside a workspace folder). */
  file: string;
  /** Resolves when the folder's .ann files have been read into the lexicon. */
  scanned: Promise<void>;
  /** A problem reading or writing the memory file, to report once. */
  problem?: string;
}

export class SuggestionLearning {
  private readonly memories = new Map<string, WorkspaceMemory>();
  private readonly listeners: ((entry: WorkspaceMemory) => void)[] = [];

  constructor(private readonly roots: () => string[]) {}

  private readonly statusListeners: ((entry: WorkspaceMemory) => void)[] = [];

  /** What a memory suggests changed outside the tag service (its .ann files were read): open articles adapt again. */
  onDidChange(listener: (entry: WorkspaceMemory) => void): void {
    this.listeners.push(listener);
  }

  /** A memory's counts changed for any reason (a decision, a scan): for the status item. */
  onDidUpdate(listener: (entry: WorkspaceMemory) => void): void {
    this.statusListeners.push(listener);
  }

  updated(entry: WorkspaceMemory): void {
    for (const listener of this.statusListeners) listener(entry);
  }

  /** The memory of the workspace folder holding a file (created and loaded on first use). */
  forPath(file: string | undefined): WorkspaceMemory {
    const root = file ? this.roots().filter((r) => isInside(file, r)).sort((a, b) => b.length - a.length)[0] ?? '' : '';
    let entry = this.memories.get(root);
    if (!entry) {
      const memory = new SuggestionMemory();
      const memoryFile = root ? path.join(root, LEARNING_FOLDER, MEMORY_FILE) : '';
      entry = { root, memory, file: memoryFile, scanned: Promise.resolve() };
      if (memoryFile) {
        try {
          const { error } = memory.load(readTextIfExists(memoryFile));
          if (error) entry.problem = `${memoryFile}: ${error}`;
        } catch (err) {
          entry.problem = (err as Error).message;
        }
        const created = entry;
        entry.scanned = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.scan(created));
      }
      this.memories.set(root, entry);
    }
    return entry;
  }

  /** All memories created so far. */
  all(): WorkspaceMemory[] {
    return [...this.memories.values()];
  }

  /** Writes the memory's rejections (when it has a file); a failure is kept in `problem`. */
  save(entry: WorkspaceMemory): void {
    if (!entry.file) return;
    try {
      const hasAny = entry.memory.rejected().length > 0;
      if (!hasAny && !fs.existsSync(entry.file)) return;
      fs.mkdirSync(path.dirname(entry.file), { recursive: true });
      writeAtomic(entry.file, entry.memory.serialize());
      entry.problem = undefined;
    } catch (err) {
      entry.problem = (err as Error).message;
    }
  }

  /** Tells the listeners that an entry's suggestions may have changed. */
  changed(entry: WorkspaceMemory): void {
    for (const listener of this.listeners) listener(entry);
    this.updated(entry);
  }

  /** Workspace folders were added or removed: memories of folders no longer open are dropped. */
  rootsChanged(): void {
    const roots = new Set(this.roots());
    for (const root of [...this.memories.keys()]) if (root && !roots.has(root)) this.memories.delete(root);
  }

  /** Reads the folder's .ann files again (tags written outside the editor since the first read, e.g. an import). */
  rescan(entry: WorkspaceMemory): Promise<void> {
    if (!entry.root) return Promise.resolve();
    entry.scanned = entry.scanned.then(() => this.scan(entry));
    return entry.scanned;
  }

  /** Reads the confirmed tags of every article's .ann in the folder into the lexicon (a few at a time). */
  private async scan(entry: WorkspaceMemory): Promise<void> {
    let entries: ReturnType<typeof listCorpus> = [];
    try {
      entries = listCorpus([entry.root]);
    } catch {
      return;
    }
    const before = entry.memory.revision;
    // .ann files gone since the last read (an article deleted or moved) teach nothing any more
    const found = new Set(entries.map((e) => e.annPath));
    for (const id of entry.memory.documentIds()) if (!found.has(id) && !entry.memory.hasDocument(id)) entry.memory.forgetDocument(id);
    let n = 0;
    for (const doc of entries) {
      // articles opened meanwhile are kept current by their tag store: their file is not read over them
      if (entry.memory.hasDocument(doc.annPath)) continue;
      try {
        const text = readTextIfExists(doc.annPath);
        if (text !== undefined) entry.memory.setDocumentTags(doc.annPath, parseAnn(text).tags, false);
      } catch {
        // an unreadable .ann teaches nothing; the editor reports it when the article is opened
      }
      if (++n % 50 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (entry.memory.revision !== before) this.changed(entry);
  }
}

function isInside(file: string, root: string): boolean {
  const r = root.endsWith(path.sep) ? root : root + path.sep;
  return file.startsWith(r);
}
