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

describe('Tag integrity in a real VS Code', function () {
  this.timeout(120_000);
  let article: vscode.Uri;
  const files: string[] = [];

  before(async () => {
    await activateExtension();
    const folder = workspaceFolder('the launcher opens a scratch workspace');
    article = vscode.Uri.joinPath(folder.uri, 'integrity-sample.news');
    const text = '新华社北京电 公司营收增长50%，张伟出席。\n';
    fs.writeFileSync(article.fsPath, text);
    // EVENT is not among the default labels; PER 张伟 and LOC 北京 do not overlap; the file is marked reviewed while
    // the figure 50% is still an unreviewed suggestion
    const at = (s: string) => [...text.slice(0, text.indexOf(s))].length;
    const ann = [`T1\tEVENT ${at('出席')} ${at('出席') + 2}\t出席`, `T2\tPER ${at('张伟')} ${at('张伟') + 2}\t张伟`].join('\n') + '\n';
    fs.writeFileSync(article.fsPath.replace(/\.news$/, '.ann'), ann);
    fs.writeFileSync(article.fsPath.replace(/\.news$/, '.review.json'), JSON.stringify({ version: 1, reviewed: true, reviewedAt: '2026-12-06T00:00:00Z', rejected: [] }));
    files.push(article.fsPath, article.fsPath.replace(/\.news$/, '.ann'), article.fsPath.replace(/\.news$/, '.review.json'));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('newsAnnotator.diagnostics').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of files) fs.rmSync(f, { force: true });
  });

  it('reports a label not in the schema and a suggestion left in a reviewed file; the severity setting applies', async () => {
    const document = await vscode.workspace.openTextDocument(article);
    await vscode.window.showTextDocument(document);
    const all = () => vscode.languages.getDiagnostics(article).filter((d) => d.source === 'News Annotator');
    const list = await until('tag-integrity diagnostics', () => {
      const l = all();
      return l.some((d) => codeOf(d) === 'tag-label-unknown') && l.some((d) => codeOf(d) === 'tag-suggestion-unreviewed') ? l : undefined;
    });
    const unknown = list.find((d) => codeOf(d) === 'tag-label-unknown')!;
    assert.equal(document.getText(unknown.range), '出席');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(list.some((d) => codeOf(d) === 'tag-suggestion-unreviewed' && document.getText(d.range).includes('50%')), 'the figure suggestion is reported');
    assert.ok(!list.some((d) => codeOf(d) === 'tag-overlap'), 'no overlap');
    await vscode.workspace.getConfiguration('newsAnnotator.diagnostics').update('rules', { 'tag-suggestion-unreviewed': 'off', 'tag-label-unknown': 'error' }, vscode.ConfigurationTarget.Workspace);
    await until('the setting applied', () => {
      const l = all();
      const u = l.find((d) => codeOf(d) === 'tag-label-unknown');
      return u?.severity === vscode.DiagnosticSeverity.Error && !l.some((d) => codeOf(d) === 'tag-suggestion-unreviewed') ? true : undefined;
    });
  });
});
