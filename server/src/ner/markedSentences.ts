// Hand-written test sentences with inline entity marks: CLASS<TAB>text with {LABEL:name} marks, `\n` for a line
// break, `#` comment lines. Used for the per-class test sets of modern news (test/fixtures/ner/modern-news-*.txt).
import * as fs from 'fs';
import { Example } from './trainingData';

export interface MarkedSentence extends Example {
  /** The failure class the sentence was written for. */
  cls: string;
  line: number;
}

const MARK = /\{(PER|LOC|ORG):([^{}]+)\}/g;

/** Parses one marked line into plain text and code-point entity ranges. */
export function parseMarked(marked: string): Example {
  const source = marked.replace(/\\n/g, '\n');
  let text = '';
  let cps = 0;
  const entities: [number, number, string][] = [];
  let last = 0;
  for (let m; (m = MARK.exec(source)); ) {
    const before = source.slice(last, m.index);
    text += before;
    cps += [...before].length;
    const n = [...m[2]].length;
    entities.push([cps, cps + n, m[1]]);
    text += m[2];
    cps += n;
    last = m.index + m[0].length;
  }
  MARK.lastIndex = 0;
  text += source.slice(last);
  if (/[{}]/.test(text)) throw new Error(`unbalanced or unknown entity mark in: ${marked}`);
  return { text, entities };
}

export function readMarkedSentences(file: string): MarkedSentence[] {
  const out: MarkedSentence[] = [];
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim() || line.startsWith('#')) return;
      const tab = line.indexOf('\t');
      if (tab < 0) throw new Error(`${file}:${i + 1}: expected CLASS<TAB>sentence`);
      try {
        out.push({ cls: line.slice(0, tab), line: i + 1, ...parseMarked(line.slice(tab + 1)) });
      } catch (e) {
        throw new Error(`${file}:${i + 1}: ${(e as Error).message}`);
      }
    });
  return out;
}
