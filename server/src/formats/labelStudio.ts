// Label Studio JSON: a list of tasks {data: {text, document}, annotations: [{result}], predictions: [{result}]}.
// Each result region is {id, from_name: "label", to_name: "text", type: "labels",
// value: {start, end, text, labels: [LABEL]}}, offsets in code points; normalised values go in the region's "meta"
// (shown in Label Studio's region meta box as meta.text). Confirmed tags are one annotation, unreviewed suggestions
// one prediction (model_version "news-annotator"). A labelling config (labeling-config.xml) is written beside.
import * as fs from 'fs';
import { Span } from '../core/types';
import { compareSpans, isLabel, labelOrder, makeSpan, parseValues, sliceChars, valuesOf, VALUE_KEYS } from './document';
import { fallbackId, DatasetFormat, DocumentWriter, ImportedDocument, ReportProblem, filesWithExtensions } from './datasetFormat';
import { OutputFolder } from './output';
import { labelRow } from '../core/labels';
import { UNKNOWN_LABEL_COLOUR } from '../annotations/labelSchema';

export const FROM_NAME = 'label';
export const TO_NAME = 'text';
export const MODEL_VERSION = 'news-annotator';

/** The labelling config for the guidelines' labels plus any others used; colours as in the editor (label table). */
export function labelingConfig(seen: Iterable<string> = []): string {
  const colour = (l: string) => labelRow(l)?.colour ?? UNKNOWN_LABEL_COLOUR;
  const labels = labelOrder(seen).map((l) => `    <Label value="${l}" background="${colour(l)}"/>`).join('\n');
  return `<View>\n  <Labels name="${FROM_NAME}" toName="${TO_NAME}">\n${labels}\n  </Labels>\n` +
    `  <Text name="${TO_NAME}" value="$text"/>\n</View>\n`;
}

function region(s: Span, id: string): Record<string, unknown> {
  const r: Record<string, unknown> = {
    id,
    from_name: FROM_NAME,
    to_name: TO_NAME,
    type: 'labels',
    value: { start: s.start, end: s.end, text: s.text, labels: [s.label] },
  };
  const v = valuesOf(s);
  if (v) r.meta = { text: [VALUE_KEYS.filter((k) => v[k] !== undefined).map((k) => `${k}=${v[k]}`).join('; ')], ...v };
  if (s.confidence !== undefined) r.score = s.confidence;
  return r;
}

function createWriter(out: OutputFolder): DocumentWriter {
  let taskId = 0;
  const started = new Set<string>();
  const seen = new Set<string>();
  return {
    write(doc, split) {
      const f = out.file(`${split}.json`, (f) => f.write('['));
      const task: Record<string, unknown> = { id: ++taskId, data: { text: doc.text, document: doc.id } };
      for (const s of doc.spans) seen.add(s.label);
      for (const s of doc.suggestions ?? []) seen.add(s.label);
      const tags = [...doc.spans].sort(compareSpans);
      task.annotations = tags.length ? [{ result: tags.map((s, i) => region(s, `t${i + 1}`)) }] : [];
      const sugg = [...(doc.suggestions ?? [])].sort(compareSpans);
      if (sugg.length) task.predictions = [{ model_version: MODEL_VERSION, result: sugg.map((s, i) => region(s, `s${i + 1}`)) }];
      f.write((started.has(split) ? ',\n' : '\n') + JSON.stringify(task));
      started.add(split);
    },
    finish() {
      out.closeAll((_rel, f) => f.write('\n]\n'));
      out.writeWhole('labeling-config.xml', labelingConfig(seen));
    },
  };
}

function readRegions(
  results: unknown,
  chars: readonly string[],
  where: string,
  problems: string[],
): Span[] {
  const out: Span[] = [];
  if (!Array.isArray(results)) {
    problems.push(`${where}: "result" must be a list`);
    return out;
  }
  results.forEach((r: any, i: number) => {
    const at = `${where} result ${i + 1}`;
    if (!r || typeof r !== 'object' || r.type !== 'labels' || !r.value || typeof r.value !== 'object') {
      if (r?.type !== undefined && r.type !== 'labels') problems.push(`${at}: type ${JSON.stringify(r.type)} is not "labels"; skipped`);
      else problems.push(`${at}: not a labels region; skipped`);
      return;
    }
    const { start, end, labels, text } = r.value;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > chars.length) {
      problems.push(`${at}: offsets [${start}, ${end}) are not inside the text (${chars.length} characters); skipped`);
      return;
    }
    if (!Array.isArray(labels) || labels.length === 0) {
      problems.push(`${at}: value.labels is empty; skipped`);
      return;
    }
    const actual = sliceChars(chars, start, end);
    if (typeof text === 'string' && text !== actual) {
      problems.push(`${at}: value.text ${JSON.stringify(text)} differs from the text at [${start}, ${end}) ${JSON.stringify(actual)}; skipped`);
      return;
    }
    let values;
    if (r.meta && typeof r.meta === 'object') {
      const { text: _display, ...rest } = r.meta;
      const parsed = parseValues(rest);
      values = parsed.values;
      for (const m of parsed.problems) problems.push(`${at}: ${m}`);
    }
    for (const label of labels) {
      if (!isLabel(label)) problems.push(`${at}: invalid label name ${JSON.stringify(label)}; skipped`);
      else out.push(makeSpan(chars, start, end, label, values));
    }
  });
  return out;
}

async function* read(file: string, report: ReportProblem): AsyncIterable<ImportedDocument> {
  let tasks: unknown;
  try {
    let content = fs.readFileSync(file, 'utf8');
    if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
    tasks = JSON.parse(content);
  } catch (e) {
    report({ file, message: `not a valid JSON file (${(e as Error).message}); file skipped` });
    return;
  }
  if (!Array.isArray(tasks)) tasks = [tasks];
  let n = 0;
  for (const task of tasks as any[]) {
    n++;
    const where = `${file} task ${n}`;
    const text = task?.data?.text;
    if (typeof text !== 'string') {
      report({ file, message: `task ${n}: no data.text string; task skipped` });
      continue;
    }
    const chars = Array.from(text);
    const problems: string[] = [];
    const spans: Span[] = [];
    const suggestions: Span[] = [];
    for (const a of Array.isArray(task.annotations) ? task.annotations : []) {
      if (a?.was_cancelled) continue;
      for (const item of readRegions(a?.result, chars, `task ${n} annotation`, problems)) spans.push(item);
    }
    for (const p of Array.isArray(task.predictions) ? task.predictions : []) {
      for (const item of readRegions(p?.result, chars, `task ${n} prediction`, problems)) suggestions.push(item);
    }
    for (const m of problems) report({ file, message: m });
    const id = typeof task.data.document === 'string' ? task.data.document : fallbackId(file, task.id ?? n);
    yield { id, text, spans, suggestions, where };
  }
}

export const labelStudio: DatasetFormat = {
  name: 'label-studio',
  description: 'Label Studio JSON tasks (annotations + predictions) and labeling-config.xml',
  canOverlap: true,
  createWriter,
  inputFiles: (p) => filesWithExtensions(p, ['.json']).filter((f) => !f.endsWith('features.json') && !f.endsWith('label_names.json')),
  read,
};
