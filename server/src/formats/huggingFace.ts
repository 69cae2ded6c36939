// Hugging Face token classification JSONL, for datasets.load_dataset("json", data_files=...): one row a sentence,
//   {"id": "<document>#<n>", "document": "<document>", "start": <code point of the first token>,
//    "tokens": [characters], "ner_tags": [tag ids]}
// with BIO (IOB2) tag ids into label_names.json ("O" = 0), and features.json, the dataset features
// (datasets.Features.from_dict) declaring ner_tags a Sequence of ClassLabel with those names. Empty documents are
// one row with no tokens. Tokens are characters as written (whitespace included), so the text is rebuilt exactly.
// The side file <split>.values.jsonl carries normalised values and suggestions per document. Overlapping tags
// cannot be represented: the longer one is kept and each dropped tag is reported as a warning.
import * as fs from 'fs';
import * as path from 'path';
import { charsOf } from './document';
import { DatasetFormat, DocumentWriter, ImportedDocument, ReportProblem, WriterOptions, jsonLinesFiles, readJsonLines } from './datasetFormat';
import { OutputFolder } from './output';
import { decodeTags, tagNames } from './tagScheme';
import { applySidecar, charSentences, flatSpans, readSidecar, sidecarLine, sidecarPath } from './tokenSequences';

/** Tag names for the guidelines' labels; other labels get ids after these, in order of first use. */
export const HF_TAGS = tagNames('BIO');

export function hfFeatures(names: readonly string[] = HF_TAGS): unknown {
  return {
    id: { dtype: 'string', _type: 'Value' },
    document: { dtype: 'string', _type: 'Value' },
    start: { dtype: 'int64', _type: 'Value' },
    tokens: { feature: { dtype: 'string', _type: 'Value' }, _type: 'Sequence' },
    ner_tags: { feature: { names, _type: 'ClassLabel' }, _type: 'Sequence' },
  };
}

function createWriter(out: OutputFolder, options: WriterOptions): DocumentWriter {
  const names = [...HF_TAGS];
  const ids = new Map(names.map((t, i) => [t, i]));
  const idOf = (tag: string): number => {
    let id = ids.get(tag);
    if (id === undefined) {
      // a label outside the guidelines: its B- and I- tags get the next ids
      const label = tag.slice(2);
      for (const p of ['B', 'I']) {
        ids.set(`${p}-${label}`, names.length);
        names.push(`${p}-${label}`);
      }
      id = ids.get(tag)!;
    }
    return id;
  };
  return {
    write(doc, split) {
      const chars = charsOf(doc);
      const flat = flatSpans(doc, options);
      const f = out.file(`${split}.jsonl`);
      const { ranges, codes, names: tagNamesOfDoc } = charSentences(doc, chars, flat.all, 'BIO', options);
      const idByCode = tagNamesOfDoc.map(idOf);
      if (ranges.length === 0) {
        f.write(JSON.stringify({ id: `${doc.id}#0`, document: doc.id, start: 0, tokens: [], ner_tags: [] }) + '\n');
      }
      const docJson = JSON.stringify(doc.id);
      const rows: string[] = [];
      ranges.forEach(([a, b], n) => {
        const ids = new Array<number>(b - a);
        for (let i = a; i < b; i++) ids[i - a] = idByCode[codes[i]];
        rows.push(
          `{"id":${JSON.stringify(`${doc.id}#${n}`)},"document":${docJson},"start":${a},` +
            `"tokens":${JSON.stringify(chars.slice(a, b))},"ner_tags":[${ids.join(',')}]}\n`,
        );
      });
      f.write(rows.join(''));
      out.file(`${split}.values.jsonl`).write(sidecarLine(doc, flat.tags, flat.suggestions));
    },
    finish() {
      out.closeAll();
      out.writeWhole('label_names.json', JSON.stringify(names, null, 1) + '\n');
      out.writeWhole('features.json', JSON.stringify(hfFeatures(names), null, 1) + '\n');
    },
  };
}

/** label_names.json beside a data file (the ids' names), or the default list when there is none. */
function readLabelNames(file: string, report: ReportProblem): string[] {
  const p = path.join(path.dirname(file), 'label_names.json');
  if (!fs.existsSync(p)) return HF_TAGS;
  try {
    const names = JSON.parse(fs.readFileSync(p, 'utf8'));
    if (Array.isArray(names) && names.every((n) => typeof n === 'string')) return names;
    report({ file: p, message: 'expected a JSON list of tag names; the default names are used' });
  } catch (e) {
    report({ file: p, message: `not valid JSON (${(e as Error).message}); the default names are used` });
  }
  return HF_TAGS;
}

async function* read(file: string, report: ReportProblem): AsyncIterable<ImportedDocument> {
  const names = readLabelNames(file, report);
  const side = await readSidecar(sidecarPath(file), report);
  let docIndex = 0;
  const sideById = new Map<string, any>();
  for (const l of side ?? []) if (l && !sideById.has(l.document)) sideById.set(l.document, l);
  let cur:
    | { id: string; tokens: string[]; tags: string[]; sentenceStarts: number[]; lines: number[]; line: number; length: number }
    | undefined;

  const finish = (d: NonNullable<typeof cur>): ImportedDocument => {
    const sideLine = sideById.get(d.id) ?? side?.[docIndex];
    docIndex++;
    const text = d.tokens.join('');
    const chars = Array.from(text);
    const bounds = [0];
    for (const t of d.tokens) bounds.push(bounds[bounds.length - 1] + Array.from(t).length);
    const decoded: Array<{ start: number; end: number; label: string }> = [];
    const starts = [...d.sentenceStarts, d.tokens.length];
    for (let i = 0; i + 1 < starts.length; i++) {
      const r = decodeTags(d.tags.slice(starts[i], starts[i + 1]), bounds.slice(starts[i], starts[i + 1] + 1), 'BIO');
      for (const item of r.spans) decoded.push(item);
      for (const p of r.problems) report({ file, line: d.lines[i], message: `token ${p.token}: ${p.message}` });
    }
    const problems: string[] = [];
    const { spans, suggestions } = applySidecar(chars, decoded, sideLine, problems);
    for (const m of problems) report({ file: sidecarPath(file), message: `document ${d.id}: ${m}` });
    return { id: d.id, text, spans, suggestions, where: `${file}:${d.line}` };
  };

  for await (const { value: row, number } of readJsonLines(file, report)) {
    if (!row || !Array.isArray(row.tokens) || !Array.isArray(row.ner_tags) || row.tokens.length !== row.ner_tags.length ||
        !row.tokens.every((t: unknown) => typeof t === 'string')) {
      report({ file, line: number, message: 'expected "tokens" (strings) and "ner_tags" of the same length; line skipped' });
      continue;
    }
    const tags: string[] = [];
    for (const t of row.ner_tags) {
      const name = typeof t === 'number' ? names[t] : typeof t === 'string' ? t : undefined;
      if (name === undefined) report({ file, line: number, message: `tag ${JSON.stringify(t)} is not a known id (read as O)` });
      tags.push(name ?? 'O');
    }
    const id = typeof row.document === 'string' ? row.document : typeof row.id === 'string' ? row.id : `row-${number}`;
    if (cur && cur.id !== id) {
      yield finish(cur);
      cur = undefined;
    }
    cur ??= { id, tokens: [], tags: [], sentenceStarts: [], lines: [], line: number, length: 0 };
    if (Number.isInteger(row.start) && row.start !== cur.length) {
      report({ file, line: number, message: `row starts at ${row.start} but the document's earlier rows end at ${cur.length}` });
    }
    for (const t of row.tokens as string[]) cur.length += Array.from(t).length;
    cur.sentenceStarts.push(cur.tokens.length);
    cur.lines.push(number);
    for (const item of row.tokens) cur.tokens.push(item);
    for (const item of tags) cur.tags.push(item);
  }
  if (cur) yield finish(cur);
}

export const huggingFace: DatasetFormat = {
  name: 'hf',
  description: 'Hugging Face JSONL (tokens = characters, ner_tags ids), label_names.json and features.json',
  canOverlap: false,
  createWriter,
  inputFiles: jsonLinesFiles,
  read,
};
