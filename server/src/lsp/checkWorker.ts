// A worker thread of the language server's diagnostics (piscina): runs checkDocument() (../checks) on an article's
// text and analysis, so the whole-article checks (about half a second for 1 M characters) never hold the thread that
// answers keystrokes. The same function as in the thread: the findings are the same.
import { CheckOptions, Finding, checkDocument } from '../checks';
import type { AnalysisResult } from '../core/types';

export interface CheckTask {
  text: string;
  analysis: AnalysisResult;
  options: CheckOptions;
}

export default function check(task: CheckTask): Finding[] {
  return checkDocument(task.text, task.analysis, task.options);
}
