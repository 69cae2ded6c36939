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

describe('A contradiction and its quick fix in a real VS Code', function () {
  this.timeout(120_000);
  let uri: vscode.Uri;
  const TEXT = '日期：2023-06-18\n公司营收从80万元增至120万元，增长40%。\n三家企业分别投资3000万元、5000万元和4000万元，共计1.1亿元。\n';

  before(async () => {
    await activateExtension();
    const folder = workspaceFolder('the launcher opens a scratch workspace');
    uri = vscode.Uri.joinPath(folder.uri, 'contradiction-sample.news');
    fs.writeFileSync(uri.fsPath, TEXT);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(uri.fsPath, { force: true });
  });

  it('shows the contradiction in Problems, applies its quick fix, and the finding goes', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const rate = await until('the change-rate-mismatch diagnostic', () => ours(uri).find((d) => codeOf(d) === 'change-rate-mismatch'));
    assert.equal(document.getText(rate.range), '40%');
    assert.equal(rate.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(rate.message, /50%/);
    assert.ok(ours(uri).some((d) => codeOf(d) === 'parts-whole-mismatch' && document.getText(d.range) === '1.1亿元'));

    const actions = await until('the quick fix for the rate', async () => {
      const list = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, rate.range, vscode.CodeActionKind.QuickFix.value);
      const fix = list?.find((a) => a.title === 'Change to 50%');
      return fix ? list : undefined;
    });
    const fix = actions.find((a) => a.title === 'Change to 50%')!;
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(fix.edit, 'the fix carries its edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(1).text, '公司营收从80万元增至120万元，增长50%。');
    await until('the change-rate-mismatch diagnostic gone', () => (ours(uri).some((d) => codeOf(d) === 'change-rate-mismatch') ? undefined : true));
    // the other contradiction is still reported until its own fix is applied
    const total = ours(uri).find((d) => codeOf(d) === 'parts-whole-mismatch');
    assert.ok(total, 'the wrong total is still reported');
    const totalFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, total.range, vscode.CodeActionKind.QuickFix.value);
    const totalFix = totalFixes.find((a) => a.title === 'Change the total to 1.2亿元');
    assert.ok(totalFix?.edit, 'the right total is offered');
    assert.ok(await vscode.workspace.applyEdit(totalFix.edit));
    await until('no arithmetic findings left', () => (ours(uri).some((d) => codeOf(d) === 'parts-whole-mismatch' || codeOf(d) === 'change-rate-mismatch') ? undefined : true));
    assert.equal(document.lineAt(2).text, '三家企业分别投资3000万元、5000万元和4000万元，共计1.2亿元。');
  });
});
