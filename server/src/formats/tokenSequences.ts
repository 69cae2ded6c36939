// Shared by the token-per-line formats (CoNLL, Hugging Face): cutting a document into sentences of tokens
// (characters, or nodejieba words cut further so no tag boundary falls inside a word), tagging them, and the
// per-document side file that carries what a tag column cannot: the document id, normalised values and which
// tags are unreviewed suggestions.
import { Span } from '../core/types';
import { LabelledDocument, compareSpans } from './document';
import { WriterOptions, ReportProblem } from './datasetFormat';
import { splitSentences } from './sentences';
import { TagScheme, droppedMessage, encodeTags, flattenForTokens } from './tagScheme';
import { Triple, readTriples, readValueEntries, separateSuggestions, spansFromTriples, triple, valueEntries } from './spanJson';
import { codePointLength } from '../core/offsets';

export type Tokens = 'char' | 'word';

export interface TokenSentence {
  /** Code-point boundaries of the tokens: token k is [bounds[k], bounds[k+1]). */
  bounds: number[];
  tags: string[];
}

let jieba: { cut(s: string, strict?: boolean): string[] } | undefined;
function cutWords(s: string): string[] {
  jieba ??= require('nodejieba') as { cut(s: string, strict?: boolean): string[] };
  return jieba.cut(s);
}

/**
 * The document's spans reduced to what a token format can hold (flat), with a warning for each one left out.
 * Returns the kept spans, split back into tags and suggestions.
 */
export function flatSpans(doc: LabelledDocument, options: WriterOptions): { all: Span[]; tags: Span[]; suggestions: Span[] } {
  const sugg = new Set(doc.suggestions ?? []);
  const { kept, dropped } = flattenForTokens([...doc.spans, ...(doc.suggestions ?? [])]);
  for (const d of dropped) options.warn(droppedMessage(doc.source ?? doc.id, d, kept));
  return { all: kept, tags: kept.filter((s) => !sugg.has(s)), suggestions: kept.filter((s) => sugg.has(s)) };
}

/** One tag per character of the document (flat spans), and the sentence ranges: the character-level fast path. */
export function charSentences(
  chars: readonly string[],
  spans: readonly Span[],
  scheme: TagScheme,
  options: WriterOptions,
): { ranges: Array<[number, number]>; tags: string[] } {
  const tags = new Array<string>(chars.length).fill('O');
  const bioes = scheme === 'BIOES';
  for (const s of spans) {
    const last = s.end - 1;
    if (bioes && last === s.start) {
      tags[s.start] = 'S-' + s.label;
      continue;
    }
    tags[s.start] = 'B-' + s.label;
    const inside = 'I-' + s.label;
    for (let i = s.start + 1; i < last; i++) tags[i] = inside;
    if (last > s.start) tags[last] = bioes ? 'E-' + s.label : inside;
  }
  return { ranges: splitSentences(chars, spans, options.sentences), tags };
}

/**
 * Sentences of tagged tokens covering the whole text; `spans` must be flat. Words come from one nodejieba cut of
 * the whole document, then are cut again at every sentence and tag boundary, so no tag starts or ends inside a word.
 */
export function tokenSentences(
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
    const text = chars.join('');
    const words = n ? cutWords(text) : [];
    if (words.join('') === text) {
      let p = 0;
      for (const w of words) cut[(p += w.length === 1 ? 1 : codePointLength(w))] = 1;
    } else cut.fill(1); // the segmenter changed the text: fall back to characters
  }
  for (const s of spans) cut[s.start] = cut[s.end] = 1;
  const out: TokenSentence[] = [];
  let si = 0;
  for (const [a, b] of splitSentences(chars, spans, options.sentences)) {
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
  const fs = await import('fs');
  if (!fs.existsSync(file)) return undefined;
  const { readLines } = await import('./datasetFormat');
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
