// Compare Annotations with…: an open article's tags (mine: the live tag store) against another annotator's .ann for
// the same article (a folder laid out like the workspace, or a git branch), and adjudication into a curated folder.
// The comparison and the decisions are computed by the agreement core (server/src/agreement); this file converts.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnnTag, parseAnn } from '../annotations/annFile';
import { AnnotatorTag, ComparedDocument, tagsFromAnn } from '../agreement/annotationSets';
import { Decision, adjudicate, decide, readDecisions } from '../agreement/adjudication';
import { OffsetMap } from '../core/offsets';
import { decodeFile } from '../core/textDecoding';
import {
  AdjudicateParams,
  AdjudicateRequest,
  ComparedTag,
  CompareAnnotationsRequest,
  ComparisonParams,
  ComparisonState,
  OtherAnnotator,
} from './comparisonProtocol';
import { filePathOf } from './documentAnalysis';
import type { ServerContext } from './serverContext';
import type { TaggingService } from './tagging';

/** The workspace folder holding a file (the longest match), else the file's own folder. */
function rootOf(file: string, roots: readonly string[]): string {
  const inside = roots.filter((r) => file.startsWith(r.endsWith(path.sep) ? r : r + path.sep)).sort((a, b) => b.length - a.length);
  return inside[0] ?? path.dirname(file);
}

const stripExtension = (p: string) => p.replace(/\.[^./\\]*$/, '');

/** The other annotator's .ann content for an article, or undefined with the reason in `problems`. */
function otherAnn(articlePath: string, root: string, other: OtherAnnotator, text: string, problems: string[]): { content?: string; name: string; source: string } {
  const rel = path.relative(root, articlePath);
  if ('folder' in other) {
    const name = other.folder;
    const annPath = path.join(other.folder, stripExtension(rel) + '.ann');
    const theirText = path.join(other.folder, rel);
    if (fs.existsSync(theirText)) {
      const theirs = decodeFile(fs.readFileSync(theirText), theirText).text;
      if (theirs !== text) {
        problems.push(`${theirText} is not the same text as this article: its tags cannot be compared`);
        return { name, source: annPath };
      }
    }
    if (!fs.existsSync(annPath)) {
      problems.push(`${annPath} does not exist: the other annotator has no tags on this article`);
      return { content: '', name, source: annPath };
    }
    return { content: decodeFile(fs.readFileSync(annPath), annPath).text, name, source: annPath };
  }
  const name = `branch ${other.branch}`;
  let top: string;
  try {
    top = execFileSync('git', ['-C', path.dirname(articlePath), 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  } catch {
    problems.push(`${articlePath} is not in a git repository: there is no branch ${other.branch} to compare with`);
    return { name, source: name };
  }
  const spec = `${other.branch}:${stripExtension(path.relative(top, articlePath)).split(path.sep).join('/')}.ann`;
  try {
    const bytes = execFileSync('git', ['-C', top, 'show', spec], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    return { content: decodeFile(bytes, spec).text, name, source: spec };
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message).trim().split('\n')[0];
    problems.push(`git show ${spec}: ${stderr}; the other annotator has no tags on this article there`);
    return { content: '', name, source: spec };
  }
}

export class ComparisonService {
  constructor(
    private readonly context: ServerContext,
    private readonly tagging: TaggingService,
  ) {}

  /** The article as a two-annotator document: mine from the tag store (or its .ann), theirs from the other. */
  private load(params: ComparisonParams): { doc?: ComparedDocument; document: TextDocument; name: string; problems: string[] } {
    const document = this.context.documents.get(params.uri);
    if (!document) throw new Error(`${params.uri} is not open`);
    const articlePath = filePathOf(params.uri);
    if (!articlePath) throw new Error(`${params.uri} is not a file on disk: there is nothing to compare it with`);
    const text = document.getText();
    const map = new OffsetMap(text);
    const root = rootOf(articlePath, this.context.workspaceRoots());
    const problems: string[] = [];
    const other = otherAnn(articlePath, root, params.other, text, problems);
    if (other.content === undefined) return { document, name: other.name, problems };
    const theirs = tagsFromAnn(other.content, map, other.source, (m) => problems.push(m));
    const stored: AnnTag[] = this.tagging.storedTags(params.uri) ?? readOwnAnn(articlePath);
    const mine: AnnotatorTag[] = stored
      .map((t) => ({ id: t.id, label: t.label, start: t.start, end: t.end, text: t.text }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const doc: ComparedDocument = {
      id: stripExtension(path.relative(root, articlePath)).split(path.sep).join('/'),
      text,
      length: map.codePointLength,
      textPath: articlePath,
      tags: [mine, theirs],
    };
    return { doc, document, name: other.name, problems };
  }

  compare(params: ComparisonParams): ComparisonState {
    const { doc, document, name, problems } = this.load(params);
    const empty: ComparisonState = { uri: params.uri, otherName: name, theirs: [], disagreements: [], agreed: 0, problems, curated: params.curated };
    if (!doc) return empty;
    const decisions = params.curated ? readDecisions(params.curated).get(doc.id) : undefined;
    return this.state(params, doc, document, name, problems, decisions);
  }

  adjudicate(params: AdjudicateParams): ComparisonState {
    const { doc, document, name, problems } = this.load(params);
    if (!doc) throw new Error(problems.join('; '));
    const current = adjudicate(doc, 0, 1, readDecisions(params.curated).get(doc.id));
    const disagreement = current.disagreements.find((d) => d.key === params.key);
    if (!disagreement) throw new Error('that disagreement is no longer there (the tags changed): compare again');
    decide(params.curated, doc, 0, 1, disagreement, params.decision);
    const state = this.state(params, doc, document, name, problems, readDecisions(params.curated).get(doc.id));
    state.curatedAnn = path.join(params.curated, ...doc.id.split('/')) + '.ann';
    return state;
  }

  private state(
    params: ComparisonParams,
    doc: ComparedDocument,
    document: TextDocument,
    name: string,
    problems: string[],
    decisions: Map<string, Decision> | undefined,
  ): ComparisonState {
    const map = new OffsetMap(doc.text);
    const range = (start: number, end: number) => ({
      start: document.positionAt(map.toUtf16(start)),
      end: document.positionAt(map.toUtf16(end)),
    });
    const wire = (t: AnnotatorTag): ComparedTag => ({ label: t.label, text: t.text, range: range(t.start, t.end) });
    const result = adjudicate(doc, 0, 1, decisions);
    return {
      uri: params.uri,
      otherName: name,
      theirs: doc.tags[1].map(wire),
      agreed: result.agreed,
      disagreements: result.disagreements.map((d) => ({
        key: d.key,
        kind: d.kind,
        range: range(d.start, d.end),
        mine: d.mine.map(wire),
        theirs: d.theirs.map(wire),
        decided: result.decided.get(d.key)?.choice,
      })),
      problems,
      curated: params.curated,
    };
  }
}

function readOwnAnn(articlePath: string): AnnTag[] {
  const annPath = stripExtension(articlePath) + '.ann';
  if (!fs.existsSync(annPath)) return [];
  return parseAnn(decodeFile(fs.readFileSync(annPath), annPath).text).tags;
}

export function registerComparison(context: ServerContext, tagging: TaggingService): ComparisonService {
  const service = new ComparisonService(context, tagging);
  context.connection.onRequest(CompareAnnotationsRequest, (params: ComparisonParams) => service.compare(params));
  context.connection.onRequest(AdjudicateRequest, (params: AdjudicateParams) => service.adjudicate(params));
  return service;
}
