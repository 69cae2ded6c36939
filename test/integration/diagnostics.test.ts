// Diagnose in a real VS Code: a fixture article with malformed figures, an impossible date, a wrong weekday, a
// reversed range and a company name written with two bracket styles gets diagnostics from the language server
// (source "News Annotator", code = rule id, related information for the other spelling), and
// newsAnnotator.diagnostics.rules turns a rule off without reopening the file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, poller, workspaceFolder } from './extensionHarness';

const until = poller(200, 45_000);
const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'diagnostics', 'diagnose-sample.news');

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'News Annotator');
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('Diagnose diagnostics in a real VS Code', function () {
  this.timeout(120_000);
  let uri: vscode.Uri;

  before(async () => {
    await activateExtension();
    const folder = workspaceFolder('the launcher opens a scratch workspace');
    uri = vscode.Uri.joinPath(folder.uri, 'diagnose-sample.news');
    fs.copyFileSync(FIXTURE, uri.fsPath);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('newsAnnotator.diagnostics').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(uri.fsPath, { force: true });
  });

  it('reports each rule with its code, severity, range and the other spelling as related information', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const expected = ['date-invalid', 'date-weekday-mismatch', 'entity-bracket-variant', 'figure-malformed', 'range-reversed'];
    const diagnostics = await until('the Diagnose diagnostics', () => {
      const list = ours(uri);
      return expected.every((code) => list.some((d) => codeOf(d) === code)) ? list : undefined;
    });
    const byCode = (code: string) => diagnostics.find((d) => codeOf(d) === code)!;
    assert.equal(document.getText(byCode('figure-malformed').range), '3.5.2');
    assert.equal(byCode('figure-malformed').severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(byCode('date-invalid').range), '2月30日');
    assert.equal(document.getText(byCode('range-reversed').range), '30%—20%');
    assert.equal(byCode('range-reversed').severity, vscode.DiagnosticSeverity.Warning);
    const bracket = byCode('entity-bracket-variant');
    assert.equal(document.getText(bracket.range), '杭州海康威视数字技术(苏州)有限公司');
    const related = bracket.relatedInformation?.[0];
    assert.ok(related, 'related information points at the house spelling');
    assert.equal(document.getText(related.location.range), '杭州海康威视数字技术（苏州）有限公司');
    // the byline (记者 李 明) is allowed by the guidelines
    assert.ok(!diagnostics.some((d) => codeOf(d) === 'entity-space-variant'));
  });

  it('turns a rule off through newsAnnotator.diagnostics.rules', async () => {
    await vscode.workspace
      .getConfiguration('newsAnnotator.diagnostics')
      .update('rules', { 'figure-malformed': 'off', 'range-reversed': 'error' }, vscode.ConfigurationTarget.Workspace);
    await until('figure-malformed gone and range-reversed an error', () => {
      const list = ours(uri);
      const range = list.find((d) => codeOf(d) === 'range-reversed');
      return !list.some((d) => codeOf(d) === 'figure-malformed') && range?.severity === vscode.DiagnosticSeverity.Error ? true : undefined;
    });
  });
});
