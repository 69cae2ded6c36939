// The brat standoff (.ann) reader and writer. Keeps every line it does not manage byte for byte, so a file written
// by brat (relations, events, attributes, normalisations, discontinuous spans, free-text notes) survives a rewrite.
//
// Managed lines:
//   T3\tMONEY 12 18\t3.5亿元                                   text-bound tag, offsets in code points, end exclusive
//   #2\tAnnotatorNotes T3\tvalue=350000000 unit=CNY mod=approx  the tag's normalised values (see formatNote)
// Everything else (including malformed lines, which are also reported in `errors`) is kept verbatim, in order.
import { SPAN_VALUE_KEYS, type Mod, type Span, type SpanValueKey } from '../core/types';

/** Normalised values of a tag: the value fields of a Span (server/src/core/types.ts). */
export type NormalisedValues = Pick<Span, SpanValueKey>;

/** A continuous text-bound annotation (`T` line). Offsets are code points, end exclusive. */
export interface AnnTag extends NormalisedValues {
  id: string;
  /** Labels are free strings: brat files may use labels outside our schema, and they are kept. */
  label: string;
  start: number;
  end: number;
  text: string;
}

/** One line of the file, in order. Tags and their notes refer to `AnnFile.tags` by id; other lines are verbatim. */
export type AnnLine =
  | { kind: 'tag'; id: string; raw: string }
  | { kind: 'note'; id: string; target: string; raw: string }
  | { kind: 'verbatim'; raw: string };

export interface AnnError {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface AnnFile {
  /** Continuous text-bound tags, in file order. Edit this array; serializeAnn writes what it holds. */
  tags: AnnTag[];
  /** The original lines (without line terminators) in order; foreign and malformed lines are kept here verbatim. */
  lines: AnnLine[];
  /** Malformed lines (kept verbatim in `lines`). */
  errors: AnnError[];
  /** Line terminator used when writing: the file's own ("\n" for new files, as brat writes). */
  eol: '\n' | '\r\n';
  /** Whether the file started with a UTF-8 byte order mark (kept on write). */
  bom: boolean;
  /** Whether the last line ended with a terminator (kept on write; new files end with one). */
  finalNewline: boolean;
  /**
   * The tag and note lines as parsed, by tag id, so that an unchanged tag is written back byte for byte
   * even if brat formatted it differently from us. Internal to this module; safe to ignore.
   */
  original: Map<string, { tag: AnnTag; tagRaw: string; noteId?: string; noteRaw?: string }>;
}

const NOTE_KEYS = SPAN_VALUE_KEYS;
type NoteKey = (typeof NOTE_KEYS)[number];
const NUMERIC_KEYS: ReadonlySet<NoteKey> = new Set(['value', 'valueMax', 'confidence']);
/** Modifier values are TIMEX3-style identifiers (approx, more_than, since_start, on_or_before, ...). */
const MOD_RE = /^[a-z][a-z_]*$/;

/** An empty file (what a new .ann starts as). */
export function emptyAnn(): AnnFile {
  return { tags: [], lines: [], errors: [], eol: '\n', bom: false, finalNewline: true, original: new Map() };
}

/** Parses a .ann file. Never throws: malformed lines are reported in `errors` and kept verbatim. */
export function parseAnn(content: string): AnnFile {
  const file = emptyAnn();
  if (content.charCodeAt(0) === 0xfeff) {
    file.bom = true;
    content = content.slice(1);
  }
  if (content === '') return file;
  const rawLines = content.split('\n');
  file.finalNewline = content.endsWith('\n');
  if (file.finalNewline) rawLines.pop();
  const crlf = rawLines.filter((l) => l.endsWith('\r')).length;
  file.eol = crlf > 0 && crlf >= rawLines.length / 2 ? '\r\n' : '\n';

  const tagIds = new Set<string>();
  const tagLineIndex = new Map<string, number>();
  const pendingNotes: { index: number; lineNo: number; id: string; target: string; body: string }[] = [];

  rawLines.forEach((raw, i) => {
    const lineNo = i + 1;
    // A line terminated by \r\n: the \r belongs to the terminator (raw keeps it, so the line is written back as read).
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const index = file.lines.length;
    const fail = (message: string) => {
      file.errors.push({ line: lineNo, message });
      file.lines.push({ kind: 'verbatim', raw });
    };
    if (line.trim() === '') {
      file.lines.push({ kind: 'verbatim', raw });
      return;
    }
    const first = line[0];
    if (first === 'T') {
      const parts = splitFields(line, 3);
      if (parts.length < 3) return fail(`text-bound annotation needs three tab-separated fields: "${clip(line)}"`);
      const [id, spec, text] = parts;
      if (!/^T\d+$/.test(id)) return fail(`bad annotation id "${id}" (expected T followed by digits)`);
      if (tagIds.has(id)) return fail(`duplicate annotation id ${id}`);
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(spec);
      if (!m) return fail(`${id}: bad type and offsets "${spec}" (expected "LABEL start end")`);
      const fragments = m[2].split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      if (fragments.some(([s, e]) => !(e >= s))) return fail(`${id}: an end offset is before its start`);
      tagIds.add(id);
      if (fragments.length > 1) {
        // Discontinuous span (brat): kept verbatim; its id stays reserved.
        file.lines.push({ kind: 'verbatim', raw });
        return;
      }
      const [start, end] = fragments[0];
      const tag: AnnTag = { id, label: m[1], start, end, text };
      file.tags.push(tag);
      tagLineIndex.set(id, index);
      file.lines.push({ kind: 'tag', id, raw });
      file.original.set(id, { tag: { ...tag }, tagRaw: raw });
      return;
    }
    if (first === '#') {
      const parts = splitFields(line, 3);
      const m = parts.length >= 2 ? /^(\S+) (\S+)$/.exec(parts[1]) : null;
      if (!m || !/^#\S*$/.test(parts[0])) {
        return fail(`note needs "#ID<TAB>TYPE TARGET<TAB>text": "${clip(line)}"`);
      }
      if (m[1] === 'AnnotatorNotes' && parts.length === 3) {
        pendingNotes.push({ index, lineNo, id: parts[0], target: m[2], body: parts[2] });
      }
      file.lines.push({ kind: 'verbatim', raw });
      return;
    }
    if (/^[REAMN*]/.test(first)) {
      const parts = splitFields(line, 3);
      if (parts.length < 2 || parts[1].trim() === '' || !/^(\*|[REAMN]\d+)$/.test(parts[0])) {
        return fail(`malformed ${first} line: "${clip(line)}"`);
      }
      file.lines.push({ kind: 'verbatim', raw });
      return;
    }
    fail(`unknown annotation type "${first}": "${clip(line)}"`);
  });

  // Notes carrying our normalised values become part of their tag; free-text notes stay verbatim.
  const managedTargets = new Set<string>();
  for (const note of pendingNotes) {
    if (!tagLineIndex.has(note.target) || managedTargets.has(note.target)) continue;
    const values = parseNote(note.body);
    if (!values) continue;
    const tag = file.tags.find((t) => t.id === note.target)!;
    Object.assign(tag, values);
    const orig = file.original.get(note.target)!;
    Object.assign(orig.tag, values);
    const raw = (file.lines[note.index] as { raw: string }).raw;
    orig.noteId = note.id;
    orig.noteRaw = raw;
    file.lines[note.index] = { kind: 'note', id: note.id, target: note.target, raw };
    managedTargets.add(note.target);
  }
  return file;
}

/**
 * Writes a file: tags as they are now in `file.tags` (unchanged ones byte for byte), one AnnotatorNotes line per tag
 * with normalised values, and every other line verbatim in its place. Removed tags lose their line and their note;
 * new tags go after the last existing tag (or note) line, in offset order.
 */
export function serializeAnn(file: AnnFile): string {
  const byId = new Map(file.tags.map((t) => [t.id, t]));
  const onTagLine = new Set<string>();
  for (const l of file.lines) if (l.kind === 'tag') onTagLine.add(l.id);
  const written = new Set<string>();
  const noteIds = new NoteIdAllocator(file);
  // Lines are joined with \n; verbatim lines keep their own \r, generated ones get one in a CRLF file.
  const cr = file.eol === '\r\n' ? '\r' : '';

  const out: string[] = [];
  const noteFor = (tag: AnnTag, keepId?: string, keepRaw?: string): string | undefined => {
    const body = formatNote(tag);
    if (!body) return undefined;
    const orig = file.original.get(tag.id);
    if (keepRaw !== undefined && orig && sameValues(orig.tag, tag)) return keepRaw;
    return `${keepId ?? noteIds.next()}\tAnnotatorNotes ${tag.id}\t${body}${cr}`;
  };
  const tagLine = (tag: AnnTag): string => {
    const orig = file.original.get(tag.id);
    if (orig && orig.tag.label === tag.label && orig.tag.start === tag.start && orig.tag.end === tag.end &&
        orig.tag.text === tag.text) {
      return orig.tagRaw;
    }
    return formatTag(tag) + cr;
  };

  let insertAt = -1;
  file.lines.forEach((l, i) => {
    if (l.kind === 'tag' || l.kind === 'note') insertAt = i;
  });
  const notesPending: AnnTag[] = [];
  const emitNew = () => {
    const fresh = file.tags.filter((t) => !onTagLine.has(t.id));
    fresh.sort((a, b) => a.start - b.start || a.end - b.end || idNumber(a.id) - idNumber(b.id));
    for (const t of fresh) {
      if (written.has(t.id)) continue;
      out.push(formatTag(t) + cr);
      written.add(t.id);
      const note = noteFor(t);
      if (note) out.push(note);
    }
    // Existing tags that gained values but had no note line.
    for (const t of notesPending) {
      const note = noteFor(t);
      if (note) out.push(note);
    }
    notesPending.length = 0;
  };
  if (insertAt === -1) emitNew();

  file.lines.forEach((l, i) => {
    if (l.kind === 'verbatim') {
      out.push(l.raw);
    } else if (l.kind === 'tag') {
      const tag = byId.get(l.id);
      if (tag && !written.has(tag.id)) {
        out.push(tagLine(tag));
        written.add(tag.id);
        if (!file.original.get(tag.id)?.noteId && formatNote(tag)) notesPending.push(tag);
      }
    } else {
      const tag = byId.get(l.target);
      if (tag) {
        const note = noteFor(tag, l.id, l.raw);
        if (note) out.push(note);
      }
    }
    if (i === insertAt) emitNew();
  });

  const bom = file.bom ? '\ufeff' : '';
  if (out.length === 0) return bom;
  return bom + out.join('\n') + (file.finalNewline ? '\n' : '');
}

/**
 * Ids of annotations whose verbatim lines refer to a tag (relations, events, attributes, normalisations, free-text
 * notes). Removing such a tag would leave brat a dangling reference.
 */
export function referencesTo(file: AnnFile, tagId: string): string[] {
  const re = new RegExp(`(^|[\\s:])${tagId}(?=$|[\\s\\r])`);
  const out: string[] = [];
  for (const l of file.lines) {
    if (l.kind !== 'verbatim') continue;
    const [id, spec] = l.raw.split('\t', 3);
    if (spec !== undefined && id !== tagId && re.test(spec)) out.push(id);
  }
  return out;
}

/** `T3\tMONEY 12 18\t3.5亿元` */
export function formatTag(tag: AnnTag): string {
  return `${tag.id}\t${tag.label} ${tag.start} ${tag.end}\t${tag.text}`;
}

/**
 * The AnnotatorNotes body for a tag's normalised values: space-separated `key=value` pairs in a fixed order
 * (value, valueMax, unit, mod, timex, confidence); in values, `%`, space, tab, `=` and line breaks are %-escaped.
 * Undefined when the tag has no normalised value.
 */
export function formatNote(v: NormalisedValues): string | undefined {
  const parts: string[] = [];
  for (const k of NOTE_KEYS) {
    const x = v[k];
    if (x === undefined || (typeof x === 'number' && !Number.isFinite(x))) continue;
    parts.push(`${k}=${escapeValue(String(x))}`);
  }
  return parts.length ? parts.join(' ') : undefined;
}

/** Parses an AnnotatorNotes body written by formatNote; undefined when it is free text (kept verbatim then). */
export function parseNote(body: string): NormalisedValues | undefined {
  const tokens = body.trim().split(/ +/);
  if (tokens.length === 0 || tokens[0] === '') return undefined;
  const out: NormalisedValues = {};
  for (const tok of tokens) {
    const eq = tok.indexOf('=');
    if (eq <= 0) return undefined;
    const key = tok.slice(0, eq) as NoteKey;
    if (!(NOTE_KEYS as readonly string[]).includes(key) || key in out) return undefined;
    let value: string;
    try {
      value = decodeURIComponent(tok.slice(eq + 1));
    } catch {
      return undefined;
    }
    if (NUMERIC_KEYS.has(key)) {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n)) return undefined;
      (out as any)[key] = n;
    } else if (key === 'mod') {
      if (!MOD_RE.test(value)) return undefined;
      out.mod = value as Mod;
    } else {
      (out as any)[key] = value;
    }
  }
  return out;
}

/** The next free id with a prefix ('T', 'R', '#', ...), counting every line of the file (also verbatim ones). */
export function nextId(file: AnnFile, prefix: string, alsoUsed: Iterable<string> = []): string {
  let max = 0;
  const consider = (id: string) => {
    if (id.startsWith(prefix)) {
      const n = Number(id.slice(prefix.length));
      if (Number.isInteger(n) && n > max) max = n;
    }
  };
  for (const t of file.tags) consider(t.id);
  for (const l of file.lines) consider(l.kind === 'verbatim' ? l.raw.split('\t', 1)[0] : l.id);
  for (const id of alsoUsed) consider(id);
  return `${prefix}${max + 1}`;
}

/** Normalised values copied off a span-like object (only the defined ones). */
export function valuesOf(v: NormalisedValues): NormalisedValues {
  const out: NormalisedValues = {};
  for (const k of NOTE_KEYS) if (v[k] !== undefined) (out as any)[k] = v[k];
  return out;
}

class NoteIdAllocator {
  private n: number;
  constructor(file: AnnFile) {
    this.n = Number(nextId(file, '#').slice(1)) - 1;
  }
  next(): string {
    this.n++;
    return `#${this.n}`;
  }
}

function sameValues(a: NormalisedValues, b: NormalisedValues): boolean {
  return NOTE_KEYS.every((k) => a[k] === b[k]);
}

function idNumber(id: string): number {
  const n = Number(id.replace(/^\D+/, ''));
  return Number.isFinite(n) ? n : 0;
}

function escapeValue(s: string): string {
  return s.replace(/[% \t=\r\n]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** Splits on the first n-1 tabs (the last field may itself contain tabs). */
function splitFields(line: string, n: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (out.length < n - 1) {
    const i = rest.indexOf('\t');
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
