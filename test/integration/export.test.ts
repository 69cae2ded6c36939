// Export and import from the editor, in a real VS Code: the commands newsAnnotator.exportDataset / importDataset
// driven with options objects (no pickers), the files written and the summary they return; unsaved edits saved
// before the export so offsets match what the user sees (and refused by the server when not saved); the output
// folder inside the exported workspace left out of the input; a re-import adding nothing; the same seed giving the
// same split; and cancelling an export of many documents. Prints the export time of the sample corpus.
// Articles are written into a fresh folder of the test workspace (a copy of test/fixtures/corpus), removed afterwards.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { NewsAnnotatorApi } from '../../client/src/extension';
import type { ExportCommandOptions, ExportCommandResult, ImportCommandOptions, ImportCommandResult } from '../../client/src/export';
import { ExportRequest, ExportResult } from '../../server/src/lsp/exportProtocol';
import { activateExtension, poller, workspaceFolder } from './extensionHarness';

const until = poller(50);

let api: NewsAnnotatorApi;
let workspace: string;
let run: string;
let articles: string;

function exportDataset(options: ExportCommandOptions): Thenable<ExportCommandResult> {
  return vscode.commands.executeCommand<ExportCommandResult>('newsAnnotator.exportDataset', { quiet: true, saveUnsaved: true, ...options });
}

function importDataset(options: ImportCommandOptions): Thenable<ImportCommandResult> {
  return vscode.commands.executeCommand<ImportCommandResult>('newsAnnotator.importDataset', { quiet: true, ...options });
}

/** Code-point slice, as the exported offsets count. */
function slice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** A brat line with code-point offsets for the first occurrence of `needle` in `text`. */
function tag(id: string, label: string, text: string, needle: string): string {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const start = Array.from(text.slice(0, at)).length;
  return `${id}\t${label} ${start} ${start + Array.from(needle).length}\t${needle}\n`;
}

function readJsonl(file: string): { text: string; label: [number, number, string][] }[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

// an astral character before the tags and CRLF line ends: code points, not UTF-16 units, and no line-end shift
const A_TEXT = '𠀀温州市财政局局长王建国表示，今年投资增长12%。\r\n第二段：苏州工业园区出口增长。\r\n';
const B_TEXT = '杭州市统计局发布数据，上半年工业产值达到3000亿元。\n';

describe('Export and import from the editor', function () {
  this.timeout(300_000);

  before(async () => {
    api = await activateExtension();
    workspace = workspaceFolder('a workspace folder is open').uri.fsPath;
    run = path.join(workspace, `export-run-${Date.now()}`);
    articles = path.join(run, 'articles');
    fs.mkdirSync(path.join(articles, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(articles, 'a.txt'), A_TEXT);
    fs.writeFileSync(path.join(articles, 'a.ann'), tag('T1', 'ORG', A_TEXT, '温州市财政局') + tag('T2', 'PER', A_TEXT, '王建国') + tag('T3', 'PERCENT', A_TEXT, '12%'));
    fs.writeFileSync(path.join(articles, 'sub', 'b.news'), B_TEXT);
    fs.writeFileSync(path.join(articles, 'sub', 'b.ann'), tag('T1', 'ORG', B_TEXT, '杭州市统计局') + tag('T2', 'MONEY', B_TEXT, '3000亿元'));
    // an empty article (a .news file is always one) is a document with no entities; an English .txt is no article
    fs.writeFileSync(path.join(articles, 'empty.news'), '');
    fs.writeFileSync(path.join(articles, 'README.txt'), 'This folder holds two test articles.\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(run, { recursive: true, force: true });
  });

  it('exports the sample corpus from the command (timing printed, not asserted)', async () => {
    const samples = ['2023-06-18-wenzhou-investment.txt', 'hangzhou-industry.news', 'suzhou-park-exports.txt'].map((f) => path.join(workspace, f));
    for (const round of [1, 2]) {
      const out = path.join(run, `out-samples-${round}`);
      const started = Date.now();
      const r = await exportDataset({ formats: 'all', paths: samples, outDir: out, includeSuggestions: true, split: 'none' });
      const wall = Date.now() - started;
      assert.strictEqual(r.status, 'exported', r.message);
      assert.strictEqual(r.summary!.documents, 3);
      const suggestions = Object.values(r.summary!.suggestionsPerLabel).reduce((x, y) => x + y, 0);
      console.log(`      sample corpus, round ${round}: 3 articles, ${suggestions} suggestions, 8 formats, ${r.summary!.filesWritten.length} files: command ${wall} ms, server ${r.elapsedMs!.toFixed(0)} ms`);
    }
  });

  it('exports a folder to doccano and brat with code-point offsets, and reports documents, tags per label and files', async () => {
    const out = path.join(run, 'out-folder');
    const r = await exportDataset({ formats: ['doccano', 'brat'], paths: [articles], outDir: out, includeSuggestions: false, split: 'none' });
    assert.strictEqual(r.status, 'exported', r.message);
    const s = r.summary!;
    assert.strictEqual(s.documents, 3);
    assert.deepStrictEqual(s.tagsPerLabel, { ORG: 2, PER: 1, PERCENT: 1, MONEY: 1 });
    assert.deepStrictEqual(s.documentsPerSplit, { all: 3 });
    assert.deepStrictEqual(s.leftOut.map((f) => path.basename(f)), ['README.txt'], 'a file that is no article is left out and reported');
    for (const f of s.filesWritten) assert.ok(fs.existsSync(f), `${f} exists`);
    const jsonl = path.join(out, 'doccano', 'all.jsonl');
    assert.ok(s.filesWritten.includes(jsonl), s.filesWritten.join('\n'));
    const rows = readJsonl(jsonl);
    const a = rows.find((row) => row.text === A_TEXT);
    assert.ok(a, 'a.txt exported with its text unchanged (astral character, CRLF)');
    assert.deepStrictEqual(a.label.map(([st, en, l]) => [l, slice(a.text, st, en)]), [['ORG', '温州市财政局'], ['PER', '王建国'], ['PERCENT', '12%']]);
    assert.deepStrictEqual(a.label[0].slice(0, 2), [1, 7], 'offsets count the astral character as one');
    // brat keeps the folder structure of the ids
    assert.ok(s.filesWritten.some((f) => f.endsWith(path.join('brat', 'sub', 'b.ann'))), s.filesWritten.join('\n'));
  });

  it('saves an article with unsaved edits first, so the export has the text and offsets the editor shows', async () => {
    const uri = vscode.Uri.file(path.join(articles, 'a.txt'));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await until('a.txt in the news-article language', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId === 'news-article');
    await until('the tagging state of a.txt', () => vscode.commands.executeCommand('newsAnnotator.taggingState', { uri: uri.toString() }));
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), '【快讯】')));
    assert.ok(editor.document.isDirty);

    // without saving, the server refuses: the .ann follows the editor's text, the file on disk is the old one
    const out = path.join(run, 'out-unsaved');
    await assert.rejects(
      Promise.resolve(api.client.sendRequest<ExportResult>(ExportRequest, { formats: ['doccano'], paths: [articles], outDir: out })),
      (err: Error) => /a\.txt/.test(err.message),
    );

    const r = await exportDataset({ formats: 'doccano', paths: [vscode.Uri.file(articles).toString()], outDir: out, includeSuggestions: false, split: 'none' });
    assert.strictEqual(r.status, 'exported', r.message);
    assert.ok(!editor.document.isDirty, 'the article was saved');
    const a = readJsonl(path.join(out, 'all.jsonl')).find((row) => row.text.startsWith('【快讯】'));
    assert.ok(a, 'the edited text was exported');
    const at = (needle: string) => {
      const start = Array.from(a.text.slice(0, a.text.indexOf(needle))).length;
      return [start, start + Array.from(needle).length];
    };
    assert.deepStrictEqual(a.label.map(([st, en, l]) => [l, st, en, slice(a.text, st, en)]), [
      ['ORG', 5, 11, '温州市财政局'], ['PER', ...at('王建国'), '王建国'], ['PERCENT', ...at('12%'), '12%'],
    ]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('exports suggestions as the editor shows them: relative dates anchored on the per-file document date', async () => {
    const file = path.join(run, 'dated', 'news.txt');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '今年以来，温州投资增长12%。\n');
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await until('news.txt in the news-article language', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId === 'news-article');
    const info = await until('the document date to be set', () => vscode.commands.executeCommand<{ date?: string }>('newsAnnotator.setDocumentDate', uri, '2021-03-05'));
    assert.strictEqual(info.date, '2021-03-05');
    const out = path.join(run, 'out-dated');
    const r = await exportDataset({ formats: ['doccano'], paths: [file], outDir: out, includeSuggestions: true, split: 'none' });
    assert.strictEqual(r.status, 'exported', r.message);
    const row = JSON.parse(fs.readFileSync(path.join(out, 'all.jsonl'), 'utf8')) as { suggestions: unknown[]; values: { label: string; timex?: string }[] };
    assert.deepStrictEqual(row.suggestions.length > 0, true);
    assert.deepStrictEqual(row.values.find((v) => v.label === 'DATE')?.timex, '2021', JSON.stringify(row.values));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('imports an export into a new folder, and a second import adds nothing', async () => {
    const out = path.join(run, 'out-roundtrip');
    const e = await exportDataset({ formats: ['label-studio'], paths: [articles], outDir: out, includeSuggestions: false, split: 'none' });
    assert.strictEqual(e.status, 'exported', e.message);
    const into = path.join(run, 'imported');
    const first = await importDataset({ format: 'label-studio', inputs: [out], into, includeSuggestions: false });
    assert.strictEqual(first.status, 'imported', first.message);
    assert.strictEqual(first.summary!.documents, 3);
    assert.strictEqual(first.summary!.documentsCreated, 3);
    assert.deepStrictEqual(first.summary!.tagsPerLabel, e.summary!.tagsPerLabel);
    assert.deepStrictEqual(first.problems, []);
    assert.strictEqual(fs.readFileSync(path.join(into, 'sub', 'b.txt'), 'utf8'), B_TEXT);
    assert.strictEqual(fs.readFileSync(path.join(into, 'sub', 'b.ann'), 'utf8'), fs.readFileSync(path.join(articles, 'sub', 'b.ann'), 'utf8'));
    const again = await importDataset({ format: 'label-studio', inputs: [out], into, includeSuggestions: false });
    assert.strictEqual(again.status, 'imported', again.message);
    assert.strictEqual(again.summary!.tagsAdded, 0);
    assert.strictEqual(again.summary!.duplicates, 5);
  });

  it('exports the whole workspace (sample corpus) with suggestions and a seeded split, leaving out its output folder', async () => {
    const out = path.join(workspace, `export-out-${Date.now()}`);
    try {
      const options: ExportCommandOptions = { formats: 'all', scope: 'workspace', outDir: out, includeSuggestions: true, split: '0.5,0.25,0.25', seed: 7 };
      const first = await exportDataset(options);
      assert.strictEqual(first.status, 'exported', first.message);
      console.log(`      sample corpus (workspace, ${first.summary!.documents} documents, all 8 formats, with suggestions): export ${first.elapsedMs!.toFixed(0)} ms in the server`);
      // the three sample articles, the README and this suite's articles
      assert.ok(first.summary!.documents >= 7, String(first.summary!.documents));
      assert.ok((first.summary!.suggestionsPerLabel.DATE ?? 0) > 0, JSON.stringify(first.summary!.suggestionsPerLabel));
      assert.deepStrictEqual(Object.keys(first.summary!.documentsPerSplit).sort(), ['dev', 'test', 'train']);
      assert.ok(fs.existsSync(path.join(out, 'hf', 'train.jsonl')));
      // again into the same folder (now holding brat .txt files inside the workspace): the same documents, same split
      const second = await exportDataset(options);
      assert.strictEqual(second.status, 'exported', second.message);
      assert.strictEqual(second.summary!.documents, first.summary!.documents);
      assert.deepStrictEqual(second.summary!.documentsPerSplit, first.summary!.documentsPerSplit);
      assert.strictEqual(fs.readFileSync(path.join(out, 'doccano', 'train.jsonl'), 'utf8').length > 0, true);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses bad split ratios with a clear message', async () => {
    const r = await exportDataset({ formats: ['doccano'], paths: [articles], outDir: path.join(run, 'out-bad'), includeSuggestions: false, split: '0.8,x' });
    assert.strictEqual(r.status, 'failed');
    assert.match(r.message ?? '', /non-negative/);
  });

  it('cancels an export of many documents: the command resolves as cancelled and says how far it got', async () => {
    const many = path.join(run, 'many');
    fs.mkdirSync(many);
    const paragraph = '据国家统计局2023年6月18日发布的数据，上半年全国规模以上工业增加值同比增长3.8%，其中浙江省温州市增长7.2%。';
    const body = paragraph.repeat(40);
    const N = 2000;
    for (let i = 0; i < N; i++) {
      const name = `doc-${String(i).padStart(4, '0')}`;
      fs.writeFileSync(path.join(many, `${name}.txt`), body);
      fs.writeFileSync(path.join(many, `${name}.ann`), tag('T1', 'ORG', body, '国家统计局') + tag('T2', 'PERCENT', body, '3.8%'));
    }
    const out = path.join(run, 'out-many');
    const pending = exportDataset({ formats: 'all', paths: [many], outDir: out, includeSuggestions: false, split: 'none' });
    // cancel once the export has written something (as a user pressing Cancel on the notification would)
    await until('the export to start writing', () => fs.existsSync(out) && fs.readdirSync(out).length > 0, 120_000);
    const cancelled = await vscode.commands.executeCommand<number>('newsAnnotator.cancelDatasetJob');
    assert.strictEqual(cancelled, 1, 'one running job was cancelled');
    const r = await pending;
    assert.strictEqual(r.status, 'cancelled', r.message);
    assert.strictEqual(r.total, N);
    assert.ok(r.done! < N, `stopped early (${r.done} of ${N})`);
    console.log(`      cancelled after ${r.done} of ${N} documents, ${r.elapsedMs!.toFixed(0)} ms into the export`);
    // nothing left running, and the language server still answers
    assert.strictEqual(await vscode.commands.executeCommand<number>('newsAnnotator.cancelDatasetJob'), 0);
    const after = await exportDataset({ formats: ['conll-word'], paths: [articles], outDir: path.join(run, 'out-after'), includeSuggestions: false, split: 'none' });
    assert.strictEqual(after.status, 'exported', after.message);
  });
});
