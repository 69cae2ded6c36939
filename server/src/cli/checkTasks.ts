// The work of `news-annotator check` for one file, as plain data in and out so it runs the same in this thread or on
// a worker thread (./parallel.ts); what it would write to stdout and stderr is returned for the main thread to print
// in input order.
import * as path from 'path';
import { analyze } from '../analysis/analyze';
import { CheckOptions, Finding, checkDocument } from '../checks';
import { applyFixes, compatibleFixes } from '../checks/fixes';
import { readTextForRewrite, writeFileSafely } from '../core/safeFiles';
import { readArticle, storedDocumentDate } from './commandLine';
import { capturingStderr } from './taskOutput';

export interface CheckSettings {
  dct?: string;
  format: 'text' | 'json';
  zh: boolean;
  fix: boolean;
  options: CheckOptions;
}

export interface CheckFileResult {
  out: string;
  messages: string[];
  failed: boolean;
  totals: { error: number; warning: number; info: number };
  fixable: number;
}

export function checkFileTask(task: { file: string; settings: CheckSettings }): CheckFileResult {
  const { value, messages } = capturingStderr(() => checkFile(task.file, task.settings));
  return { ...value, messages };
}

function checkFile(file: string, settings: CheckSettings): Omit<CheckFileResult, 'messages'> {
  let failed = false;
  const totals = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  let text = readArticle(file);
  if (text === undefined) return { out: '', failed: true, totals, fixable };
  const analysisOptions = { storedDct: storedDocumentDate(file), dct: settings.dct, fileName: path.basename(file) };
  let analysis = analyze(text, analysisOptions);
  let findings = checkDocument(text, analysis, settings.options);
  if (settings.fix) {
    const original = text;
    let applied = 0;
    // fixes that overlap one already taken wait for the next pass; three passes settle every case we have
    for (let pass = 0; pass < 3; pass++) {
      const fixes = compatibleFixes(findings.flatMap((f) => (f.fixes?.length ? [f.fixes[0]] : [])));
      const next = applyFixes(text, fixes);
      if (next === text) break;
      applied += fixes.length;
      text = next;
      analysis = analyze(text, analysisOptions);
      findings = checkDocument(text, analysis, settings.options);
    }
    if (text !== original) {
      try {
        // read again as a file to rewrite: refused when its bytes would not survive being written back
        const onDisk = readTextForRewrite(file);
        if (!onDisk || onDisk.text !== original) throw new Error(`${file}: changed on disk while it was checked; nothing was written`);
        writeFileSafely(file, text, onDisk);
        process.stderr.write(`${file}: ${applied} problem${applied === 1 ? '' : 's'} fixed\n`);
      } catch (err) {
        process.stderr.write(`news-annotator: ${(err as Error).message}\n`);
        failed = true;
        text = original;
        analysis = analyze(text, analysisOptions);
        findings = checkDocument(text, analysis, settings.options);
      }
    }
  }
  for (const f of findings) {
    totals[f.severity]++;
    if (f.fixes?.length) fixable++;
  }
  const lines = new LineIndex(text);
  let out = '';
  if (settings.format === 'json') {
    const found = findings.map((f) => ({ ...pick(f), ...lines.position(f.start) }));
    out = JSON.stringify({ file, dct: analysis.dct.date ?? null, findings: found }) + '\n';
  } else {
    for (const f of findings) {
      const { line, column } = lines.position(f.start);
      out += `${file}:${line}:${column}: ${f.severity} [${f.rule}] ${settings.zh ? f.messageZh : f.message}\n`;
      for (const r of f.related ?? []) {
        const p = lines.position(r.start);
        out += `    ${file}:${p.line}:${p.column}: ${settings.zh ? r.messageZh : r.message}\n`;
      }
    }
  }
  return { out, failed, totals, fixable };
}

/** The finding fields the CLI prints, in a stable order. */
function pick(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = { rule: f.rule, severity: f.severity, start: f.start, end: f.end, message: f.message, messageZh: f.messageZh };
  if (f.related) o.related = f.related;
  if (f.fixes) o.fixes = f.fixes;
  return o;
}

/** 1-based line and column (in code points) of a code-point offset. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    let cp = 0;
    for (const ch of text) {
      cp++;
      if (ch === '\n') this.starts.push(cp);
    }
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
