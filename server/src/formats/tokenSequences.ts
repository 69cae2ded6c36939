// Shared by the token-per-line formats (CoNLL, Hugging Face): cutting a document into sentences of tokens
// (characters, or jieba words cut further so no tag boundary falls inside a word), tagging them, and the
// per-document side file that carries what a tag column cannot: the document id, normalised values and which
// tags are unreviewed suggestions.
import * as fs from 'fs';
import { Span } from '../core/types';
import { LabelledDocument, compareSpans } from './document';
import { ReportProblem, WriterOptions, readLines } from './datasetFormat';
import { splitSentences } from './sentences';
import { TagScheme, droppedMessage, encodeTags, flattenForTokens, schemePrefixes } from './tagScheme';
import { Triple, readTriples, readValueEntries, separateSuggestions, spansFromTriples, triple, valueEntries } from './spanJson';
import { wordEndsSync } from './wordSegmenter';

export type Tokens = 'char' | 'word';

export interface TokenSentence {
  /** Code-point boundaries of the tokens: token k is [bounds[k], bounds[k+1]). */
  bounds: number[];
  tags: string[];
}


/**
 * The document's spans reduced to what a token format can hold (flat), with a warning for each one left out.
 * Returns the kept spans, split back into tags and suggestions.
 */
export function flatSpans(doc: LabelledDocument, options: WriterOptions): FlatSpans {
  let flat = FLAT.get(doc);
  if (!flat) {
    const sugg = new Set(doc.suggestions ?? []);
    const { kept, dropped } = flattenForTokens([...doc.spans, ...(doc.suggestions ?? [])]);
    flat = { all: kept, tags: kept.filter((s) => !sugg.has(s)), suggestions: kept.filter((s) => sugg.has(s)), dropped };
    FLAT.set(doc, flat);
  }
  for (const d of flat.dropped) {
    options.warn(droppedMessage(doc.source ?? doc.id, d, flat.all));
    options.drop?.(d);
  }
  return flat;
}

interface FlatSpans {
  all: Span[];
  tags: Span[];
  suggestions: Span[];
  dropped: Span[];
}

// Per-document results shared by the token writers of a multi-format export (dropped with the document).
const FLAT = new WeakMap<LabelledDocument, FlatSpans>();
const SENTENCES = new WeakMap<LabelledDocument, { spans: readonly Span[]; options: unknown; ranges: Array<[number, number]> }>();

/** Sentence ranges of a document, computed once per document, spans and options. */
export function documentSentences(doc: LabelledDocument, chars: readonly string[], spans: readonly Span[], options: WriterOptions): Array<[number, number]> {
  const memo = SENTENCES.get(doc);
  if (memo && memo.spans === spans && memo.options === options.sentences) return memo.ranges;
  const ranges = splitSentences(chars, spans, options.sentences);
  SENTENCES.set(doc, { spans, options: options.sentences, ranges });
  return ranges;
}

/** One tag per character of the document (flat spans), and the sentence ranges: the character-level fast path. */
export function charSentences(
  doc: LabelledDocument,
  chars: readonly string[],
  spans: readonly Span[],
  scheme: TagScheme,
  options: WriterOptions,
): { ranges: Array<[number, number]>; codes: Uint16Array; names: string[] } {
  // tags as small codes into `names` (per document), so writers map each code once, not each character
  const codes = new Uint16Array(chars.length);
  const names = ['O'];
  const prefixes = schemePrefixes(scheme);
  const base = new Map<string, number>();
  const bioes = scheme === 'BIOES';
  for (const s of spans) {
    let b = base.get(s.label);
    if (b === undefined) {
      base.set(s.label, (b = names.length));
      for (const p of prefixes) names.push(`${p}-${s.label}`);
    }
    // b = B-, b+1 = I-, b+2 = E-, b+3 = S- (BIOES)
    const last = s.end - 1;
    if (bioes && last === s.start) {
      codes[s.start] = b + 3;
      continue;
    }
    codes[s.start] = b;
    codes.fill(b + 1, s.start + 1, last);
    if (last > s.start) codes[last] = bioes ? b + 2 : b + 1;
  }
  return { ranges: documentSentences(doc, chars, spans, options), codes, names };
}

/**
 * Sentences of tagged tokens covering the whole text; `spans` must be flat. Words come from one jieba cut of the
 * whole document (formats/wordSegmenter.ts), then are cut again at every sentence and tag boundary, so no tag starts or ends inside a word.
 */
export function tokenSentences(
  doc: LabelledDocument,
  chars: readonly string[],
  spans: readonly Span[],
  scheme: TagScheme,
  tokens: Tokens,
  options: WriterOptions,
): TokenSentence[] {
  const n = chars.length;
  const cut = new Uint8Array(n + 1);
  if (tokens === 'char') cut.fill(1);
  else {
    const ends = wordEndsSync(chars.join(''));
    if (ends && (ends.length === 0 ? n === 0 : ends[ends.length - 1] === n)) for (const e of ends) cut[e] = 1;
    else cut.fill(1); // the segmenter changed the text: fall back to characters
  }
  for (const s of spans) cut[s.start] = cut[s.end] = 1;
  const out: TokenSentence[] = [];
  let si = 0;
  for (const [a, b] of documentSentences(doc, chars, spans, options)) {
    const bounds = [a];
    for (let i = a + 1; i < b; i++) if (cut[i]) bounds.push(i);
    bounds.push(b);
    const first = si;
    while (si < spans.length && spans[si].start < b) si++;
    out.push({ bounds, tags: encodeTags(bounds, spans.slice(first, si), scheme) });
  }
  return out;
}

/** One line of the side file `<split>.values.jsonl`, one per document in file order. */
export interface SidecarLine {
  document: string;
  values?: ReturnType<typeof valueEntries>;
  suggestions?: Triple[];
}

export function sidecarLine(doc: LabelledDocument, tags: Span[], suggestions: Span[]): string {
  const line: SidecarLine = { document: doc.id };
  const values = valueEntries([...tags, ...suggestions].sort(compareSpans));
  if (values.length) line.values = values;
  if (suggestions.length) line.suggestions = suggestions.map(triple);
  return JSON.stringify(line) + '\n';
}

/** Applies a side-file line to decoded spans: values attached, suggestions separated. */
export function applySidecar(
  chars: readonly string[],
  decoded: Array<{ start: number; end: number; label: string }>,
  side: any,
  problems: string[],
): { spans: Span[]; suggestions: Span[] } {
  const values = readValueEntries(side?.values, problems);
  const spans = spansFromTriples(chars, decoded.map((d) => [d.start, d.end, d.label] as Triple), values, problems);
  for (const k of values.keys()) {
    if (!spans.some((s) => `${s.start}:${s.end}:${s.label}` === k)) problems.push(`values for ${k} match no tag in the data`);
  }
  return separateSuggestions(spans, readTriples(side?.suggestions, 'suggestions', problems));
}

/** Reads a side file fully (one small JSON line per document); missing file → undefined. */
export async function readSidecar(file: string, report: ReportProblem): Promise<any[] | undefined> {
  if (!fs.existsSync(file)) return undefined;
  const out: any[] = [];
  for await (const { line, number } of readLines(file)) {
    if (line.trim() === '') continue;
    try {
      const obj = JSON.parse(line);
      if (!obj || typeof obj.document !== 'string') throw new Error('no "document" string');
      out.push(obj);
    } catch (e) {
      report({ file, line: number, message: `${(e as Error).message}; line skipped` });
      out.push(undefined);
    }
  }
  return out;
}

export function sidecarPath(dataFile: string): string {
  return dataFile.replace(/\.(conll|jsonl)$/, '') + '.values.jsonl';
}
