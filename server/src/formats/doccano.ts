// doccano JSONL (sequence labelling import/export format): one object a line,
//   {"text": "...", "label": [[start, end, "LABEL"], ...], "document": id, "values": [...], "suggestions": [...]}
// doccano keeps every key other than "text" and "label" as the example's metadata, so the document id, the
// normalised values ({start, end, label, value?, valueMax?, unit?, mod?, timex?}) and the list of spans that are
// unreviewed suggestions travel with the example. Offsets are code points.
import { compareSpans } from './document';
import { fallbackId, DatasetFormat, DocumentWriter, ImportedDocument, ReportProblem, jsonLinesFiles, readJsonLines } from './datasetFormat';
import { OutputFolder } from './output';
import { readRecordSpans, triple, valueEntries } from './spanJson';

function createWriter(out: OutputFolder): DocumentWriter {
  return {
    write(doc, split) {
      const suggestions = doc.suggestions ?? [];
      const all = [...doc.spans, ...suggestions].sort(compareSpans);
      const line: Record<string, unknown> = { text: doc.text, label: all.map(triple), document: doc.id };
      const values = valueEntries(all);
      if (values.length) line.values = values;
      if (suggestions.length) line.suggestions = [...suggestions].sort(compareSpans).map(triple);
      out.file(`${split}.jsonl`).write(JSON.stringify(line) + '\n');
    },
    finish() {
      out.closeAll();
    },
  };
}

async function* read(file: string, report: ReportProblem): AsyncIterable<ImportedDocument> {
  for await (const { value: obj, number } of readJsonLines(file, report)) {
    if (!obj || typeof obj !== 'object' || typeof obj.text !== 'string') {
      report({ file, line: number, message: 'expected an object with a "text" string; line skipped' });
      continue;
    }
    // doccano writes "label" on export; older versions and some tools use "labels" or "entities"
    const field = obj.label !== undefined ? 'label' : obj.labels !== undefined ? 'labels' : 'entities';
    const split = readRecordSpans(
      obj.text,
      { spans: obj[field], spansField: field, values: obj.values, suggestions: obj.suggestions, suggestionsField: 'suggestions' },
      file,
      number,
      report,
    );
    const id = typeof obj.document === 'string' ? obj.document : fallbackId(file, obj.id ?? number);
    yield { id, text: obj.text, ...split, where: `${file}:${number}` };
  }
}

export const doccano: DatasetFormat = {
  name: 'doccano',
  description: 'doccano JSONL ({"text", "label": [[start, end, label]]} + metadata)',
  canOverlap: true,
  createWriter,
  inputFiles: jsonLinesFiles,
  read,
};
