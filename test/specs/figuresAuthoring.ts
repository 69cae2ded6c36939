// What the authors of our figure test sets share (test/specs/figuresWide/author.ts, figuresGaps/author.ts): writing
// a case by its expected span texts (offsets in code points), and the fixed split into dev and test.
import { writeSplitByClass } from './splitByClass';

export type Label = 'MONEY' | 'PERCENT' | 'QUANTITY' | 'CARDINAL' | 'ORDINAL';
export interface Opt {
  max?: number;
  unit?: string;
  mod?: 'approx' | 'less_than' | 'more_than' | 'equal_or_less';
  /** Which occurrence of the span's text in the sentence (0 = first). */
  occ?: number;
}
export type Span = [text: string, label: Label, value: number, opt?: Opt];
export interface Case {
  id: string;
  class: string;
  text: string;
  spans: { text: string; start: number; label: Label; value: number; valueMax?: number; unit?: string; mod?: string }[];
}

const cp = (s: string) => [...s].length;

/** A set being written: `cls` names the class of the cases added next. */
export class FigureCaseSet {
  readonly cases: Case[] = [];
  cls = '';
  /** A case: its text and expected spans (each found by its text). */
  add(text: string, ...spans: Span[]): void {
    const out: Case['spans'] = [];
    for (const [t, label, value, o = {}] of spans) {
      let at = -1;
      for (let k = 0; k <= (o.occ ?? 0); k++) at = text.indexOf(t, at + 1);
      if (at < 0) throw new Error(`"${t}" not in "${text}"`);
      out.push({
        text: t,
        start: cp(text.slice(0, at)),
        label,
        value,
        ...(o.max !== undefined ? { valueMax: o.max } : {}),
        ...(o.unit ? { unit: o.unit } : {}),
        ...(o.mod ? { mod: o.mod } : {}),
      });
    }
    out.sort((a, b) => a.start - b.start);
    const cls = this.cls;
    this.cases.push({ id: `${cls}-${this.cases.filter((x) => x.class === cls).length + 1}`, class: cls, text, spans: out });
  }
  /** Splits within each class by a seeded shuffle, the first half (rounded up) to dev; writes dev.jsonl and test.jsonl. */
  write(dir: string, seed: number): void {
    writeSplitByClass(this.cases, dir, seed);
  }
}

export const CNY: Opt = { unit: 'CNY' };
export const cny = (o: Opt = {}): Opt => ({ unit: 'CNY', ...o });
