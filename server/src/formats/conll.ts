// CoNLL column files: one token a line, "TOKEN TAG" separated by a space, a blank line after each sentence, and
// "-DOCSTART- -X- O O" plus a blank line before each document (CoNLL-2003's line, which spaCy's `convert -c ner`
// splits documents on; readers that take the last column as the tag read it as O).
// Three variants: characters with BIO (IOB2) tags, characters with BIOES tags, and jieba words (cut at every tag
// boundary) with BIO tags. Whitespace in tokens is escaped (see tokenEscape.ts) so the text is rebuilt exactly.
// The side file <split>.values.jsonl holds, per document in order, its id, normalised values and suggestions.
// Overlapping tags cannot be represented: the longer one is kept and each dropped tag is reported as a warning.
import { charsOf } from './document';
import { DatasetFormat, DocumentWriter, FormatName, ImportedDocument, ReportProblem, WriterOptions, filesWithExtensions, readLines } from './datasetFormat';
import { OutputFolder } from './output';
import { TagScheme, decodeTags } from './tagScheme';
import { escapeToken, unescapeToken } from './tokenEscape';
import { Tokens, applySidecar, charSentences, flatSpans, readSidecar, sidecarLine, sidecarPath, tokenSentences } from './tokenSequences';
import * as path from 'path';

export const DOCSTART = '-DOCSTART-';
/** The CoNLL-2003 document line, exactly as spaCy's converter splits documents on it (the last column is the tag O). */
export const DOCSTART_LINE = '-DOCSTART- -X- O O';

const LINE_ENDS = new Map<string, string>();
/** " TAG\n", one string per tag (appending it is much faster than building it per line). */
function lineEnd(tag: string): string {
  let e = LINE_ENDS.get(tag);
  if (e === undefined) LINE_ENDS.set(tag, (e = ` ${tag}\n`));
  return e;
}

function createWriter(scheme: TagScheme, tokens: Tokens) {
  return (out: OutputFolder, options: WriterOptions): DocumentWriter => {
    return {
      write(doc, split) {
        const chars = charsOf(doc);
        const flat = flatSpans(doc, options);
        const f = out.file(`${split}.conll`);
        // parts joined once per document: a flat string (appending to one string builds a deep rope that
        // survives into the old generation and costs more in garbage collection than the writing itself)
        const parts: string[] = [`${DOCSTART_LINE}\n\n`];
        if (tokens === 'char') {
          const { ranges, codes, names } = charSentences(doc, chars, flat.all, scheme, options);
          const ends = names.map(lineEnd);
          for (const [a, b] of ranges) {
            for (let i = a; i < b; i++) parts.push(escapeToken(chars[i]), ends[codes[i]]);
            parts.push('\n');
          }
        } else {
          const bmp = chars.length === doc.text.length;
          for (const { bounds, tags } of tokenSentences(doc, chars, flat.all, scheme, tokens, options)) {
            for (let k = 0; k < tags.length; k++) {
            // without astral characters, code-point offsets are string offsets
            const word = bmp ? doc.text.slice(bounds[k], bounds[k + 1]) : chars.slice(bounds[k], bounds[k + 1]).join('');
            parts.push(escapeToken(word), lineEnd(tags[k]));
          }
            parts.push('\n');
          }
        }
        f.write(parts.join(''));
        out.file(`${split}.values.jsonl`).write(sidecarLine(doc, flat.tags, flat.suggestions));
      },
      finish() {
        out.closeAll();
      },
    };
  };
}

interface PendingDoc {
  line: number;
  tokens: string[];
  tags: string[];
  /** token indexes where sentences start */
  sentenceStarts: number[];
  tokenLines: number[];
}

function readConll(scheme: TagScheme | 'any') {
  return async function* read(file: string, report: ReportProblem): AsyncIterable<ImportedDocument> {
    const side = await readSidecar(sidecarPath(file), report);
    let docIndex = 0;
    let sawDocstart = false;
    let cur: PendingDoc | undefined;
    const base = path.basename(file).replace(/\.[^.]*$/, '');

    const finish = (d: PendingDoc): ImportedDocument => {
      const sideLine = side?.[docIndex];
      docIndex++;
      const text = d.tokens.join('');
      const chars = Array.from(text);
      // absolute code-point bounds of every token
      const bounds = new Array<number>(d.tokens.length + 1);
      bounds[0] = 0;
      for (let k = 0; k < d.tokens.length; k++) bounds[k + 1] = bounds[k] + Array.from(d.tokens[k]).length;
      const decoded: Array<{ start: number; end: number; label: string }> = [];
      const starts = [...d.sentenceStarts, d.tokens.length];
      for (let i = 0; i + 1 < starts.length; i++) {
        const [a, b] = [starts[i], starts[i + 1]];
        if (a === b) continue;
        const r = decodeTags(d.tags.slice(a, b), bounds.slice(a, b + 1), scheme);
        for (const item of r.spans) decoded.push(item);
        for (const p of r.problems) report({ file, line: d.tokenLines[a + p.token], message: p.message });
      }
      const problems: string[] = [];
      const { spans, suggestions } = applySidecar(chars, decoded, sideLine, problems);
      for (const m of problems) report({ file: sidecarPath(file), line: docIndex, message: m });
      const id = typeof sideLine?.document === 'string' ? sideLine.document : `${base}-${docIndex}`;
      return { id, text, spans, suggestions, where: `${file}:${d.line}` };
    };
    const fresh = (line: number): PendingDoc => ({ line, tokens: [], tags: [], sentenceStarts: [0], tokenLines: [] });

    for await (const { line, number } of readLines(file)) {
      if (line.startsWith(DOCSTART)) {
        if (cur && (sawDocstart || cur.tokens.length)) yield finish(cur);
        sawDocstart = true;
        cur = fresh(number);
        continue;
      }
      if (line.trim() === '') {
        if (!cur) continue;
        if (!sawDocstart) {
          // files without -DOCSTART-: each sentence is a document
          if (cur.tokens.length) yield finish(cur);
          cur = undefined;
        } else if (cur.sentenceStarts[cur.sentenceStarts.length - 1] !== cur.tokens.length) {
          cur.sentenceStarts.push(cur.tokens.length);
        }
        continue;
      }
      const fields = line.split(/[ \t]+/);
      if (fields.length < 2 || fields[0] === '') {
        report({ file, line: number, message: `expected "TOKEN TAG", got ${JSON.stringify(line)}; line skipped` });
        continue;
      }
      cur ??= fresh(number);
      cur.tokens.push(unescapeToken(fields[0]));
      cur.tags.push(fields[fields.length - 1]);
      cur.tokenLines.push(number);
    }
    if (cur && (sawDocstart || cur.tokens.length)) yield finish(cur);
    if (side && side.length !== docIndex) {
      report({ file: sidecarPath(file), message: `has ${side.length} documents but ${file} has ${docIndex}; ids and values may be misassigned` });
    }
  };
}

function conllFormat(name: FormatName, description: string, scheme: TagScheme, tokens: Tokens): DatasetFormat {
  return {
    name,
    description,
    canOverlap: false,
    createWriter: createWriter(scheme, tokens),
    inputFiles: (p) => filesWithExtensions(p, ['.conll', '.bio', '.bioes', '.iob', '.txt']),
    read: readConll(name === 'conll-bioes' ? 'BIOES' : 'any'),
  };
}

export const conllBio = conllFormat('conll-bio', 'CoNLL, one character a line, BIO tags', 'BIO', 'char');
export const conllBioes = conllFormat('conll-bioes', 'CoNLL, one character a line, BIOES tags', 'BIOES', 'char');
export const conllWord = conllFormat('conll-word', 'CoNLL, one jieba word a line (cut at tag edges), BIO tags', 'BIO', 'word');

