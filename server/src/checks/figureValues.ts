// The figures of a document as the arithmetic rules read them: the recognisers' spans (value, unit, modifier) in
// UTF-16 offsets of the text, with the precision the text shows (80万 is 79.5万–80.5万; 28.1% is 28.05%–28.15%),
// and the sentences they sit in. Computed once per document and shared by the rules.
import type { Span } from '../core/types';
import type { CheckContext, TextEdit } from './types';

export interface Figure {
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
  label: Span['label'];
  value: number;
  unit?: string;
  mod?: Span['mod'];
  text: string;
  /** Half a unit of the last written digit, in the value's units: the rounding the text allows. */
  halfUnit: number;
  /** Where the last Arabic number of the text sits (UTF-16, absolute) and its decimals; undefined for Chinese numerals. */
  number?: { start: number; end: number; decimals: number; scale: number };
  sentence: number;
}

/** Sentence ends: 。！？；, line breaks (and their ASCII forms). */
const SENTENCE_ENDS = /[。！？；!?;\n]/g;

const SCALE: Record<string, number> = { 百: 1e2, 千: 1e3, 万: 1e4, 亿: 1e8 };

/** Figures with a single value (no ranges), in text order; sentences numbered from 0. */
export function figures(context: CheckContext): Figure[] {
  return context.shared('figures', () => {
    const { text, map } = context;
    const out: Figure[] = [];
    const sentenceStarts: number[] = [0];
    for (const m of text.matchAll(SENTENCE_ENDS)) sentenceStarts.push(m.index + 1);
    let s = 0;
    for (const span of context.analysis.spans) {
      if (span.value === undefined || span.valueMax !== undefined) continue;
      if (span.label !== 'MONEY' && span.label !== 'PERCENT' && span.label !== 'QUANTITY' && span.label !== 'CARDINAL') continue;
      const start = map.toUtf16(span.start);
      const end = map.toUtf16(span.end);
      while (s + 1 < sentenceStarts.length && sentenceStarts[s + 1] <= start) s++;
      const figureText = text.slice(start, end);
      out.push({ start, end, label: span.label, value: span.value, unit: span.unit, mod: span.mod, text: figureText, ...precision(figureText, span.value, start), sentence: s });
    }
    return out.sort((a, b) => a.start - b.start);
  });
}

/** Precision from the written number: the last Arabic number and its decimals; Chinese numerals get 0.5%. */
function precision(figureText: string, value: number, offset: number): Pick<Figure, 'halfUnit' | 'number'> {
  const half = figureText.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const numbers = [...half.matchAll(/[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?/g)];
  if (numbers.length === 1) {
    const m = numbers[0];
    const written = Number(m[0].replace(/,/g, ''));
    if (written > 0) {
      const decimals = m[0].includes('.') ? m[0].length - m[0].indexOf('.') - 1 : 0;
      const scale = value / written;
      return { halfUnit: 0.5 * 10 ** -decimals * scale, number: { start: offset + m.index, end: offset + m.index + m[0].length, decimals, scale } };
    }
  }
  return { halfUnit: Math.abs(value) * 0.005 };
}

/** The figure's value bounds under the rounding the text shows. */
export const low = (f: Figure) => f.value - f.halfUnit;
export const high = (f: Figure) => f.value + f.halfUnit;

/**
 * Same kind of quantity: the same unit (CNY and CNY, 吨 and 吨) and label — QUANTITY and CARDINAL count as one label,
 * as the recognisers may call 513万辆 one and 852万辆 the other.
 */
export function sameKind(a: Figure, b: Figure): boolean {
  const label = (f: Figure) => (f.label === 'CARDINAL' ? 'QUANTITY' : f.label);
  return label(a) === label(b) && (a.unit ?? '') === (b.unit ?? '');
}

/** A figure's scale word for output: 万/亿 as written after its number, so 1.2 is written 1.2亿 again. */
export function formatLike(f: Figure, value: number): string | undefined {
  if (!f.number) return undefined;
  const n = value / f.number.scale;
  const s = n.toFixed(f.number.decimals);
  return Number(s) === 0 && value !== 0 ? undefined : s;
}

/** The edit rewriting a figure's written Arabic number to another value at the same scale and decimals. */
export function numberEdit(f: Figure, value: number): TextEdit | undefined {
  const s = formatLike(f, value);
  if (!f.number || s === undefined) return undefined;
  return { start: f.number.start, end: f.number.end, newText: s };
}

export { SCALE };
