// spaCy training JSONL: {"text", "entities": [[start, end, "LABEL"], ...], "meta": {document, values?, suggestions?}}.
// Offsets are code points, i.e. Python string indices, which is what spaCy's Doc.char_span takes. A script,
// make_docbin.py, is written beside the files: it turns each .jsonl into a .spacy DocBin (the file `spacy train`
// reads), with doc.ents (flat) and every span, overlapping or not, in doc.spans["sc"].
import { compareSpans } from './document';
import { fallbackId, DatasetFormat, DocumentWriter, ImportedDocument, ReportProblem, jsonLinesFiles, readJsonLines } from './datasetFormat';
import { OutputFolder } from './output';
import { readRecordSpans, triple, valueEntries } from './spanJson';

export const DOCBIN_SCRIPT = `"""Convert News Annotator spaCy JSONL exports to .spacy DocBin files.

usage: python make_docbin.py train.jsonl [dev.jsonl ...]   (writes train.spacy, ...)
Characters are tokens (spacy.blank("zh") with the default character segmenter); entity offsets are
code points, exactly Python's string indices. Overlapping spans cannot all be doc.ents: the longest
are kept there (spacy.util.filter_spans) and the number left out is printed; all spans are in doc.spans["sc"].
"""
import json
import sys

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans

nlp = spacy.blank("zh")
for path in sys.argv[1:]:
    db = DocBin(store_user_data=True)
    left_out = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            ex = json.loads(line)
            doc = nlp.make_doc(ex["text"])
            spans = []
            for start, end, label in ex["entities"]:
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            ents = filter_spans(spans)
            left_out += len(spans) - len(ents)
            doc.ents = ents
            doc.spans["sc"] = spans
            doc.user_data["meta"] = ex.get("meta", {})
            db.add(doc)
    out = path.rsplit(".", 1)[0] + ".spacy"
    db.to_disk(out)
    print(f"{out}: {len(db)} docs; {left_out} overlapping spans only in doc.spans['sc']")
`;

function createWriter(out: OutputFolder): DocumentWriter {
  return {
    write(doc, split) {
      const suggestions = [...(doc.suggestions ?? [])].sort(compareSpans);
      const all = [...doc.spans, ...suggestions].sort(compareSpans);
      const meta: Record<string, unknown> = { document: doc.id };
      const values = valueEntries(all);
      if (values.length) meta.values = values;
      if (suggestions.length) meta.suggestions = suggestions.map(triple);
      out.file(`${split}.jsonl`).write(JSON.stringify({ text: doc.text, entities: all.map(triple), meta }) + '\n');
    },
    finish() {
      out.closeAll();
      out.writeWhole('make_docbin.py', DOCBIN_SCRIPT);
    },
  };
}

async function* read(file: string, report: ReportProblem): AsyncIterable<ImportedDocument> {
  for await (const { value, number } of readJsonLines(file, report)) {
    let obj = value;
    // also accept spaCy v2's tuple form ["text", {"entities": [...]}]
    if (Array.isArray(obj) && typeof obj[0] === 'string' && obj[1] && typeof obj[1] === 'object') {
      obj = { text: obj[0], entities: obj[1].entities };
    }
    if (!obj || typeof obj.text !== 'string') {
      report({ file, line: number, message: 'expected an object with a "text" string; line skipped' });
      continue;
    }
    const meta = obj.meta && typeof obj.meta === 'object' ? obj.meta : {};
    const split = readRecordSpans(
      obj.text,
      { spans: obj.entities, spansField: 'entities', values: meta.values, suggestions: meta.suggestions, suggestionsField: 'meta.suggestions' },
      file,
      number,
      report,
    );
    const id = typeof meta.document === 'string' ? meta.document : fallbackId(file, number);
    yield { id, text: obj.text, ...split, where: `${file}:${number}` };
  }
}

export const spacy: DatasetFormat = {
  name: 'spacy',
  description: 'spaCy JSONL ({"text", "entities": [[start, end, label]]}) and make_docbin.py for .spacy files',
  canOverlap: true,
  createWriter,
  inputFiles: jsonLinesFiles,
  read,
};
