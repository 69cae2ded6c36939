// A worker thread of the language server's diagnostics (piscina): runs checkDocument() (../checks) on an article's
// text and analysis, so the whole-article checks (about half a second for 1 M characters) never hold the thread that
// answers keystrokes. The same function as in the thread: the findings are the same.
import { CheckOptions, Finding, checkDocument } from '../checks';
import { PackedAnalysis, unpackAnalysis } from './packedAnalysis';

export interface CheckTask {
  text: string;
  /** The analysis as packAnalysis() packs it (its arrays transferred). */
  packed: Omit<PackedAnalysis, 'transfer'>;
  options: CheckOptions;
}

export default function check(task: CheckTask): Finding[] {
  return checkDocument(task.text, unpackAnalysis(task.text, task.packed), task.options);
}
