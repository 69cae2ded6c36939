// Adjudication of two annotators' tags into a third, curated folder: for each disagreement keep mine, keep theirs,
// keep both, or put an edited set of tags; what both agree on is kept as is. Each decision is appended to a log in
// the curated folder and the document's curated .ann is rewritten at once (atomically), so a session can stop at
// any point and a re-run picks up where it stopped: decisions already in the log are applied, the rest still open.
import * as fs from 'fs';
import * as path from 'path';
import { AnnTag, emptyAnn, serializeAnn } from '../annotations/annFile';
import { writeAtomic } from '../annotations/annStorage';
import { AnnotatorTag, ComparedDocument } from './annotationSets';
import { Disagreement, compareTags } from './disagreements';

export type Decision =
  | { choice: 'mine' }
  | { choice: 'theirs' }
  | { choice: 'both' }
  /** Tags the adjudicator wrote instead (offsets in code points; text is taken from the document). */
  | { choice: 'edit'; tags: Array<{ start: number; end: number; label: string }> };

export interface LoggedDecision {
  time: string;
  document: string;
  key: string;
  kind: Disagreement['kind'];
  decision: Decision;
}

/** The decision log inside a curated folder. */
export const ADJUDICATION_LOG = path.join('.news-annotator', 'adjudication.jsonl');

/** Decisions logged in a curated folder, by document id and disagreement key (a later line wins). */
export function readDecisions(curatedFolder: string): Map<string, Map<string, Decision>> {
  const out = new Map<string, Map<string, Decision>>();
  const file = path.join(curatedFolder, ADJUDICATION_LOG);
  if (!fs.existsSync(file)) return out;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let entry: LoggedDecision;
    try {
      entry = JSON.parse(line);
    } catch {
      // a line cut short by a crash while it was appended: the decision was not taken; say so and go on
      if (i < lines.length - 1 || line.length > 0) process.emitWarning(`${file}:${i + 1}: not a JSON line (ignored)`);
      return;
    }
    const doc = out.get(entry.document) ?? new Map<string, Decision>();
    doc.set(entry.key, entry.decision);
    out.set(entry.document, doc);
  });
  return out;
}

export interface AdjudicatedDocument {
  id: string;
  disagreements: Disagreement[];
  /** Disagreements with a decision, by key. */
  decided: Map<string, Decision>;
  /** The curated tags: agreed ones plus those chosen so far. */
  tags: AnnotatorTag[];
  /** How many tags both annotators gave. */
  agreed: number;
}

/** The curated state of one document: `mine` and `theirs` are annotator indexes into doc.tags. */
export function adjudicate(doc: ComparedDocument, mine: number, theirs: number, decisions: Map<string, Decision> = new Map()): AdjudicatedDocument {
  const { agreed, disagreements } = compareTags(doc.tags[mine], doc.tags[theirs]);
  const tags = [...agreed];
  const decided = new Map<string, Decision>();
  const chars = [...doc.text];
  for (const d of disagreements) {
    const decision = decisions.get(d.key);
    if (!decision) continue;
    decided.set(d.key, decision);
    if (decision.choice === 'mine' || decision.choice === 'both') tags.push(...d.mine);
    if (decision.choice === 'theirs' || decision.choice === 'both') tags.push(...d.theirs);
    if (decision.choice === 'edit') {
      for (const t of decision.tags) {
        tags.push({ id: '', label: t.label, start: t.start, end: t.end, text: chars.slice(t.start, t.end).join('') });
      }
    }
  }
  tags.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : 1));
  return { id: doc.id, disagreements, decided, tags, agreed: agreed.length };
}

/** Checks an edited tag set against the document: offsets inside the text, start before end, a label. */
export function validateEdit(doc: ComparedDocument, decision: Decision): string | undefined {
  if (decision.choice !== 'edit') return undefined;
  for (const t of decision.tags) {
    if (!Number.isInteger(t.start) || !Number.isInteger(t.end) || t.start < 0 || t.end > doc.length || t.start >= t.end) {
      return `tag [${t.start}, ${t.end}) is not inside the text (0–${doc.length})`;
    }
    if (!/^[A-Za-z][\w-]*$/.test(t.label)) return `'${t.label}' is not a label name`;
  }
  return undefined;
}

/** Writes the curated article (text copied byte for byte) and its .ann into the curated folder. */
export function writeCurated(curatedFolder: string, doc: ComparedDocument, state: AdjudicatedDocument): { textPath: string; annPath: string } {
  const base = path.join(curatedFolder, ...doc.id.split('/'));
  const textPath = base + path.extname(doc.textPath);
  const annPath = base + '.ann';
  fs.mkdirSync(path.dirname(base), { recursive: true });
  if (!fs.existsSync(textPath)) fs.copyFileSync(doc.textPath, textPath);
  const file = emptyAnn();
  state.tags.forEach((t, i) => {
    const tag: AnnTag = { id: `T${i + 1}`, label: t.label, start: t.start, end: t.end, text: t.text, ...(t.values ?? {}) };
    file.tags.push(tag);
  });
  writeAtomic(annPath, serializeAnn(file));
  return { textPath, annPath };
}

/**
 * Takes one decision: logs it (appended, one JSON line) and rewrites the document's curated files. Returns the new
 * state of the document.
 */
export function decide(
  curatedFolder: string,
  doc: ComparedDocument,
  mine: number,
  theirs: number,
  disagreement: Disagreement,
  decision: Decision,
): AdjudicatedDocument {
  const problem = validateEdit(doc, decision);
  if (problem) throw new Error(`${doc.id}: ${problem}`);
  const log = path.join(curatedFolder, ADJUDICATION_LOG);
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const entry: LoggedDecision = { time: new Date().toISOString(), document: doc.id, key: disagreement.key, kind: disagreement.kind, decision };
  fs.appendFileSync(log, JSON.stringify(entry) + '\n');
  const decisions = readDecisions(curatedFolder).get(doc.id) ?? new Map();
  const state = adjudicate(doc, mine, theirs, decisions);
  writeCurated(curatedFolder, doc, state);
  return state;
}
