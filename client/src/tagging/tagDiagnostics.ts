// Diagnostics from the tagging state: tag integrity in the article (tags that no longer match the text, labels not
// in the schema, suggestions left in a reviewed file, overlaps the schema forbids — computed by the server with
// server/src/checks/tagIntegrity.ts; severities from newsAnnotator.diagnostics.rules), malformed lines of the .ann
// (in the .ann) and problems of the label schema (in the schema file).
import * as vscode from 'vscode';
import type { TaggingState } from '../../../server/src/lsp/protocol';
import type { TaggingClient } from './taggingClient';
import { toRange } from './decorations';

export class TaggingDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('news-annotator-tagging');
  private readonly disposables: vscode.Disposable[] = [];
  /** Files other than articles that we put diagnostics on, per article (to clear them). */
  private readonly extra = new Map<string, string[]>();

  /** The last state of each article, to re-derive its diagnostics when the rule settings change. */
  private readonly states = new Map<string, TaggingState>();

  constructor(tagging: TaggingClient) {
    this.disposables.push(
      this.collection,
      tagging.onDidChangeState((s) => this.update(s)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('newsAnnotator.diagnostics.rules')) return;
        for (const state of this.states.values()) this.update(state);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.states.delete(d.uri.toString())),
    );
  }

  update(state: TaggingState): void {
    this.states.set(state.uri, state);
    const article = vscode.Uri.parse(state.uri);
    const rules = vscode.workspace.getConfiguration('newsAnnotator.diagnostics', article).get<Record<string, string>>('rules') ?? {};
    const chinese = /^zh(?:[-_]|$)/i.test(vscode.env.language);
    const diagnostics: vscode.Diagnostic[] = [];
    for (const f of state.integrity ?? []) {
      const setting = rules[f.rule];
      if (setting === 'off') continue;
      const severity = setting === 'error' || setting === 'warning' || setting === 'info' ? setting : f.severity;
      diagnostics.push(toDiagnostic({ ...f, severity }, article, chinese));
    }
    this.collection.set(article, diagnostics);
    for (const uri of this.extra.get(state.uri) ?? []) this.collection.delete(vscode.Uri.parse(uri));
    const extra: string[] = [];
    if (state.annPath) {
      const ann = vscode.Uri.file(state.annPath);
      const diags = [...state.annErrors].map((e) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(e.line - 1, 0, e.line - 1, 1000),
          vscode.l10n.t('Line {0}: {1} (the line is kept as it is)', e.line, e.message),
          vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'News Annotator';
        return d;
      });
      if (diags.length) {
        this.collection.set(ann, diags);
        extra.push(ann.toString());
      }
    }
    if (state.schemaPath && state.schemaProblems.length) {
      const schema = vscode.Uri.file(state.schemaPath);
      this.collection.set(
        schema,
        state.schemaProblems.map((p) => {
          const d = new vscode.Diagnostic(toRange(p.range), p.message, vscode.DiagnosticSeverity.Error);
          d.source = 'News Annotator';
          return d;
        }),
      );
      extra.push(schema.toString());
    }
    this.extra.set(state.uri, extra);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

function toDiagnostic(f: TaggingState['integrity'][number], article: vscode.Uri, chinese: boolean): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), chinese ? f.messageZh : f.message, SEVERITY[f.severity]);
  d.source = 'News Annotator';
  d.code = f.rule;
  if (f.related) d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(article, toRange(f.related.range)), chinese ? f.related.messageZh : f.related.message)];
  return d;
}
