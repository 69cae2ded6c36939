// Compare Annotations with… in a real VS Code: the sample article tagged by me (annotator-a's tags) compared with
// another annotator's folder (test/fixtures/agreement/annotator-b, known differences), disagreements in the Problems
// list, jumping between them, three of them adjudicated, and the curated .ann on disk.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ComparisonState } from '../../server/src/lsp/comparisonProtocol';
import type { TaggingState } from '../../server/src/annotations/taggingProtocol';
import { activateExtension, poller, workspaceFolder } from './extensionHarness';

const until = poller(100);
const AGREEMENT = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'agreement');
const ARTICLE = '2023-06-18-wenzhou-investment';

describe('Compare annotations and adjudicate in a real VS Code', () => {
  let dir: string;
  let curated: string;

  before(async () => {
    await activateExtension();
    const folder = workspaceFolder('the test workspace is open');
    dir = path.join(folder.uri.fsPath, 'comparison');
    fs.mkdirSync(dir, { recursive: true });
    for (const ext of ['.txt', '.ann']) fs.copyFileSync(path.join(AGREEMENT, 'annotator-a', ARTICLE + ext), path.join(dir, ARTICLE + ext));
    curated = fs.mkdtempSync(path.join(os.tmpdir(), 'na-curated-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('newsAnnotator.stopComparing');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(curated, { recursive: true, force: true });
  });

  it('shows the disagreements, jumps between them and writes three decisions to the curated folder', async () => {
    const uri = vscode.Uri.file(path.join(dir, ARTICLE + '.txt'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await until('my 42 tags loaded', async () => {
      const s = await vscode.commands.executeCommand<TaggingState | undefined>('newsAnnotator.taggingState', { uri: uri.toString() });
      return s && s.tags.length === 42;
    });
    // the other annotator is a folder laid out like the workspace folder "comparison"
    const theirs = fs.mkdtempSync(path.join(os.tmpdir(), 'na-theirs-'));
    fs.mkdirSync(path.join(theirs, 'comparison'));
    fs.copyFileSync(path.join(AGREEMENT, 'annotator-b', ARTICLE + '.ann'), path.join(theirs, 'comparison', ARTICLE + '.ann'));
    try {
      const state = await vscode.commands.executeCommand<ComparisonState>('newsAnnotator.compareAnnotations', { folder: theirs, curated });
      assert.ok(state, 'a comparison state');
      assert.deepStrictEqual(state.disagreements.map((d) => d.kind), ['missing', 'extra', 'extra', 'label', 'boundary']);
      assert.strictEqual(state.agreed, 38);
      assert.strictEqual(state.theirs.length, 41);
      // the Problems list
      const problems = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'News Annotator (comparison)');
      assert.strictEqual(problems.length, 5);
      assert.ok(problems.some((p) => p.code === 'label' && /450亿元/.test(p.message)), problems.map((p) => p.message).join('\n'));

      // jump: from the start of the text, Next selects the disagreements after the cursor in order, then wraps
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const seen: string[] = [];
      for (let i = 0; i < 5; i++) {
        await vscode.commands.executeCommand('newsAnnotator.nextDisagreement');
        seen.push(editor.document.getText(editor.selection));
      }
      assert.deepStrictEqual(seen, ['超450亿元', '近日', '450亿元', '超10亿元', '温州']);
      await vscode.commands.executeCommand('newsAnnotator.previousDisagreement');
      assert.strictEqual(editor.document.getText(editor.selection), '超10亿元');

      // adjudicate three: the selected boundary by editing, the label keeping mine, the missing keeping theirs
      let next = await vscode.commands.executeCommand<ComparisonState>('newsAnnotator.resolveDisagreement', 'edit', undefined, 'MONEY');
      assert.ok(next?.curatedAnn, 'the curated .ann path');
      const label = state.disagreements.find((d) => d.kind === 'label')!;
      next = await vscode.commands.executeCommand<ComparisonState>('newsAnnotator.resolveDisagreement', 'mine', label.key);
      const missing = state.disagreements.find((d) => d.kind === 'missing')!;
      next = await vscode.commands.executeCommand<ComparisonState>('newsAnnotator.resolveDisagreement', 'theirs', missing.key);
      assert.strictEqual(next.disagreements.filter((d) => d.decided).length, 3);

      const ann = fs.readFileSync(path.join(curated, 'comparison', ARTICLE + '.ann'), 'utf8');
      const tags = ann.split('\n').filter((l) => /^T\d+\t/.test(l)).map((l) => l.split('\t').slice(1).join(' '));
      assert.strictEqual(tags.length, 41, ann);
      assert.ok(tags.includes('LOC 0 2 温州'), 'theirs kept');
      assert.ok(tags.some((t) => /^MONEY \d+ \d+ 450亿元$/.test(t)), 'mine kept');
      assert.ok(tags.some((t) => /^MONEY \d+ \d+ 超10亿元$/.test(t)), 'edited');
      assert.ok(!tags.some((t) => t.endsWith(' 近日')), 'an undecided extra tag is not in the curated set');
      assert.strictEqual(fs.readFileSync(path.join(curated, 'comparison', ARTICLE + '.txt'), 'utf8'), editor.document.getText());
      const log = fs.readFileSync(path.join(curated, '.news-annotator', 'adjudication.jsonl'), 'utf8').trim().split('\n');
      assert.strictEqual(log.length, 3);

      // decided ones are left out when jumping; the Problems entries say what was decided
      const remaining = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'News Annotator (comparison)' && d.severity !== vscode.DiagnosticSeverity.Hint);
      assert.strictEqual(remaining.length, 2);
    } finally {
      fs.rmSync(theirs, { recursive: true, force: true });
    }
  });
});
