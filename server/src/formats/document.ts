// The in-memory document every format reads and writes: one text, its confirmed tags and (optionally) unreviewed
// machine suggestions. Offsets are Unicode code points, end exclusive, as everywhere outside the editor.
import { ALL_LABELS, Label, Mod, Span } from '../core/types';
import { OffsetMap, codePointLength } from '../core/offsets';

export interface LabelledDocument {
  /** Stable name: the path relative to the corpus root, without extension, with '/' separators. */
  id: string;
  text: string;
  /** Confirmed tags. */
  spans: Span[];
  /** Unreviewed machine suggestions (only when the export asks for them). */
  suggestions?: Span[];
  /** Where the document came from (file path), for messages. */
  source?: string;
}

const CHARS = new WeakMap<LabelledDocument, { text: string; chars: string[] }>();

/** The document's text as an array of code points (what the token formats work on), computed once per document. */
export function charsOf(doc: LabelledDocument): string[] {
  const memo = CHARS.get(doc);
  if (memo && memo.text === doc.text) return memo.chars;
  const chars = Array.from(doc.text);
  CHARS.set(doc, { text: doc.text, chars });
  return chars;
}

/** The normalised-value fields a span may carry, in the order formats write them. */
export const VALUE_KEYS = ['value', 'valueMax', 'unit', 'mod', 'timex'] as const;
export type ValueKey = (typeof VALUE_KEYS)[number];
export type SpanValues = Partial<Pick<Span, ValueKey>>;

/** Modifiers are TIMEX3-style identifiers (approx, more_than, since_start, on_or_before, ...), as in the .ann store. */
const MOD_RE = /^[a-z][a-z_]*$/;
/** Label names: the guidelines' labels and any a project schema adds (same rule as the schema file). */
const LABEL_RE = /^[A-Za-z_][A-Za-z0-9_\-]*$/;

/** Whether a string can be a label: a schema-style name (PER, MONEY, PRODUCT, ...). */
export function isLabel(s: unknown): s is Label {
  return typeof s === 'string' && LABEL_RE.test(s);
}

/** The guidelines' labels first (stable order), then any other labels seen, in order of appearance. */
export function labelOrder(seen: Iterable<string>): string[] {
  const out: string[] = [...ALL_LABELS];
  for (const l of seen) if (!out.includes(l)) out.push(l);
  return out;
}

/** The normalised values of a span (only the fields that are set), or undefined when it has none. */
export function valuesOf(span: Span): SpanValues | undefined {
  let out: SpanValues | undefined;
  for (const k of VALUE_KEYS) {
    if (span[k] !== undefined) (out ??= {} as any)[k] = span[k];
  }
  return out;
}

/**
 * Reads normalised values back from an untrusted object (an import). Returns the valid fields and a list of
 * problems for the invalid ones (which are dropped).
 */
export function parseValues(raw: unknown): { values: SpanValues; problems: string[] } {
  const values: SpanValues = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { values, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { values, problems: ['values must be an object'] };
  const r = raw as Record<string, unknown>;
  for (const k of ['value', 'valueMax'] as const) {
    if (r[k] === undefined) continue;
    if (typeof r[k] === 'number' && Number.isFinite(r[k])) values[k] = r[k] as number;
    else problems.push(`${k} must be a finite number, got ${JSON.stringify(r[k])}`);
  }
  for (const k of ['unit', 'timex'] as const) {
    if (r[k] === undefined) continue;
    if (typeof r[k] === 'string') values[k] = r[k] as string;
    else problems.push(`${k} must be a string, got ${JSON.stringify(r[k])}`);
  }
  if (r.mod !== undefined) {
    if (typeof r.mod === 'string' && MOD_RE.test(r.mod)) values.mod = r.mod as Mod;
    else problems.push(`mod must be an identifier such as approx or more_than, got ${JSON.stringify(r.mod)}`);
  }
  return { values, problems };
}

/** An export or import stopped by bad data; the message names the file and the tag. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

/** Thrown when the caller cancels (AbortSignal). */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function describeSpan(s: Pick<Span, 'start' | 'end' | 'label' | 'text'>): string {
  return `${s.label} [${s.start}, ${s.end}) ${JSON.stringify(s.text)}`;
}

/**
 * Checks that every span lies inside the text and that its `text` equals the text at its code-point offsets.
 * Throws a FormatError naming the document and the tag on the first mismatch.
 */
export function checkDocument(doc: LabelledDocument): void {
  const where = doc.source ?? doc.id;
  const map = new OffsetMap(doc.text);
  const length = map.codePointLength;
  for (const [kind, list] of [['tag', doc.spans], ['suggestion', doc.suggestions ?? []]] as const) {
    for (const s of list) {
      if (!isLabel(s.label)) throw new FormatError(`${where}: ${kind} ${describeSpan(s)} has an invalid label name`);
      if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end <= s.start || s.end > length) {
        throw new FormatError(`${where}: ${kind} ${describeSpan(s)} lies outside the text (${length} characters)`);
      }
      const actual = map.slice(s.start, s.end);
      if (actual !== s.text) {
        throw new FormatError(
          `${where}: ${kind} ${describeSpan(s)} does not match the text, which has ${JSON.stringify(actual)} there`,
        );
      }
    }
  }
}

export function sliceChars(chars: readonly string[], start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += chars[i];
  return s;
}

/** Orders spans by start, then longer first, then label: the order every writer uses. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

export function sameSpan(a: Pick<Span, 'start' | 'end' | 'label'>, b: Pick<Span, 'start' | 'end' | 'label'>): boolean {
  return a.start === b.start && a.end === b.end && a.label === b.label;
}

export function overlaps(a: Pick<Span, 'start' | 'end'>, b: Pick<Span, 'start' | 'end'>): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Builds a span from code-point offsets, copying the text from `chars` and the given values. */
export function makeSpan(chars: readonly string[], start: number, end: number, label: Label, values?: SpanValues): Span {
  const span: Span = { start, end, label, text: sliceChars(chars, start, end) };
  if (values) for (const k of VALUE_KEYS) if (values[k] !== undefined) (span as any)[k] = values[k];
  return span;
}

export { codePointLength };
