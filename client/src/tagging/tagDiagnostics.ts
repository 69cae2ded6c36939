// Diagnostics from the tagging state: tags that no longer match the article's text (in the article), malformed
// lines of the .ann (in the .ann) and problems of the label schema (in the schema file).
import * as vscode from 'vscode';
import type { TaggingState } from '../../../server/src/annotations/taggingProtocol';
import type { TaggingClient } from './taggingClient';
import { toRange } from './decorations';

export class TaggingDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('news-annotator-tagging');
  private readonly disposables: vscode.Disposable[] = [];
  /** Files other than articles that we put diagnostics on, per article (to clear them). */
  private readonly extra = new Map<string, string[]>();

  constructor(tagging: TaggingClient) {
    this.disposables.push(this.collection, tagging.onDidChangeState((s) => this.update(s)));
  }

  update(state: TaggingState): void {
    const article = vscode.Uri.parse(state.uri);
    this.collection.set(
      article,
      state.mismatches.map((m) => {
        const d = new vscode.Diagnostic(toRange(m.range), m.message, vscode.DiagnosticSeverity.Warning);
        d.source = 'News Annotator';
        d.code = 'tag-mismatch';
        return d;
      }),
    );
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
