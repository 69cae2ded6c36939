// Tagging in a real VS Code: commands and keys, accept/reject, relabel, the .ann on disk after each step, edits
// moving tags, reopening, brat lines kept byte for byte, code-point offsets after astral characters, and the
// round-trip time on a 10,000-character article with 500 tags (printed, not asserted).
// The fixtures (test/fixtures/tagging) are copied into a fresh folder of the test workspace, removed afterwards.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TaggingOpResult, TaggingState } from '../../server/src/annotations/taggingProtocol';
import { activateExtension, openArticleEditor, poller, workspaceFolder } from './extensionHarness';

const until = poller(100);
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'tagging');

let dir: string;

function readAnn(name: string): string {
  const p = path.join(dir, name.replace(/\.\w+$/, '.ann'));
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '';
}

function open(name: string): Promise<vscode.TextEditor> {
  return openArticleEditor(path.join(dir, name), until);
}

async function state(editor: vscode.TextEditor): Promise<TaggingState> {
  return until('the tagging state', () =>
    vscode.commands.executeCommand<TaggingState | undefined>('newsAnnotator.taggingState', { uri: editor.document.uri.toString() }),
  );
}

/** Selects the n-th occurrence of a string (UTF-16 search in the editor's text). */
function select(editor: vscode.TextEditor, needle: string, nth = 0): vscode.Selection {
  const text = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" is in the article`);
  const sel = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
  editor.selection = sel;
  return sel;
}

function offsetOf(editor: vscode.TextEditor, needle: string): number {
  const at = editor.document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in the article`);
  return at;
}

async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('Tagging', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    dir = path.join(workspaceFolder('a workspace folder is open').uri.fsPath, `tagging-run-${Date.now()}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  });

  after(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tags the selection by command and by the direct key, writing brat lines with code-point offsets', async () => {
    const editor = await open('basic.txt');
    select(editor, '温州市财政局');
    const r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagSelection', { label: 'ORG' });
    assert.ok(r?.ok, r?.message);
    assert.ok(readAnn('basic.txt').startsWith('T1\tORG 0 6\t温州市财政局\n'), readAnn('basic.txt'));

    // Ctrl+Alt+2 as contributed: command and arguments from the manifest, in the article's when-context
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const binding = pkg.contributes.keybindings.find((k: { key: string }) => k.key === 'ctrl+alt+2');
    assert.ok(binding, 'ctrl+alt+2 is bound');
    assert.match(binding.when, /editorLangId == news-article/);
    select(editor, '王建国');
    const byKey = await vscode.commands.executeCommand<TaggingOpResult>(binding.command, binding.args);
    assert.ok(byKey?.ok, byKey?.message);
    // the second label of the default schema is LOC; 王建国 starts at code point 31
    assert.ok(readAnn('basic.txt').includes('\tLOC 31 34\t王建国\n'), readAnn('basic.txt'));
  });

  it('relabels the tag under the cursor, and undo/redo of tagging actions rewrite the .ann', async () => {
    const editor = await open('basic.txt');
    const offset = offsetOf(editor, '建国');
    let r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.relabelTag', { offset, label: 'PER' });
    assert.ok(r?.ok, r?.message);
    assert.ok(readAnn('basic.txt').includes('\tPER 31 34\t王建国\n'));
    assert.ok(!readAnn('basic.txt').includes('LOC'));
    r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.undoTagging');
    assert.ok(readAnn('basic.txt').includes('\tLOC 31 34\t王建国\n'));
    r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.redoTagging');
    assert.ok(readAnn('basic.txt').includes('\tPER 31 34\t王建国\n'));
  });

  it('accepts a suggestion with its normalised value and remembers a rejected one', async () => {
    const editor = await open('basic.txt');
    const s = await until('machine suggestions', async () => {
      const st = await state(editor);
      return st.suggestions.length >= 2 ? st : undefined;
    });
    const first = s.suggestions[0];
    const second = s.suggestions[1];
    const doc = editor.document;
    const at = (range: { start: { line: number; character: number } }) =>
      doc.offsetAt(new vscode.Position(range.start.line, range.start.character));
    let r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.acceptSuggestion', { offset: at(first.range) });
    assert.ok(r?.ok, r?.message);
    const ann = readAnn('basic.txt');
    const line = ann.split('\n').find((l) => l.includes(`\t${first.label} ${first.start} ${first.end}\t${first.text}`));
    assert.ok(line, `accepted suggestion written: ${ann}`);
    if (first.value !== undefined || first.timex !== undefined) {
      const id = line!.split('\t')[0];
      assert.ok(ann.includes(`\tAnnotatorNotes ${id}\t`), 'its normalised value is kept in an AnnotatorNotes line');
    }
    r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.rejectSuggestion', { offset: at(second.range) });
    assert.ok(r?.ok, r?.message);
    assert.ok(!r!.state.suggestions.some((x) => x.key === second.key), 'a rejected suggestion is gone');
    const review = JSON.parse(fs.readFileSync(path.join(dir, 'basic.review.json'), 'utf8'));
    assert.deepStrictEqual(review.rejected, [{ label: second.label, start: second.start, end: second.end, text: second.text }]);
    assert.ok(!readAnn('basic.txt').includes(`\t${second.label} ${second.start} ${second.end}\t`), 'a rejection is not a tag');
    // the semantic tokens no longer colour the rejected span; the accepted one is coloured as confirmed
    const legend = await until('the semantic tokens legend', () =>
      vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', doc.uri),
    );
    const tokensAt = async () => {
      const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri);
      const out = new Map<string, string[]>();
      let line = 0;
      let ch = 0;
      for (let i = 0; tokens && i < tokens.data.length; i += 5) {
        const [dl, dc, , , mods] = tokens.data.slice(i, i + 5);
        line += dl;
        ch = dl === 0 ? ch + dc : dc;
        out.set(`${line}:${ch}`, legend.tokenModifiers.filter((_, b) => mods & (1 << b)));
      }
      return out;
    };
    const key = (r: { start: { line: number; character: number } }) => `${r.start.line}:${r.start.character}`;
    await until('tokens without the rejected suggestion', async () => {
      const t = await tokensAt();
      return !t.has(key(second.range)) && t.get(key(first.range))?.includes('confirmed') ? true : undefined;
    });
  });

  it('jumps to the next and previous unreviewed suggestion', async () => {
    const editor = await open('basic.txt');
    const st = await state(editor);
    assert.ok(st.suggestions.length >= 1, 'there are suggestions left');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('newsAnnotator.nextSuggestion');
    const next = st.suggestions.find((s) => s.range.start.line > 0 || s.range.start.character > 0)!;
    assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [next.range.start.line, next.range.start.character]);
    await vscode.commands.executeCommand('newsAnnotator.previousSuggestion');
    // from `next`, the previous one is the suggestion before it, wrapping around to the last
    const i = st.suggestions.indexOf(next);
    const prev = i > 0 ? st.suggestions[i - 1] : st.suggestions[st.suggestions.length - 1];
    assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [prev.range.start.line, prev.range.start.character]);
  });

  it('moves tags with an edit before them, then restores everything on reopening', async () => {
    let editor = await open('basic.txt');
    const before = readAnn('basic.txt');
    assert.ok(before.includes('\tORG 0 6\t温州市财政局'));
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '【本报讯】'));
    await until('the .ann to follow the edit', () => readAnn('basic.txt').includes('\tORG 5 11\t温州市财政局'));
    assert.ok(readAnn('basic.txt').includes('\tPER 36 39\t王建国'));
    await editor.document.save();
    const saved = readAnn('basic.txt');
    const stBefore = await state(editor);
    const tagsBefore = stBefore.tags.map((t) => [t.id, t.label, t.start, t.end]);
    await closeAll();
    editor = await open('basic.txt');
    const reopened = await until('the suggestions after reopening', async () => {
      const st = await state(editor);
      return st.suggestions.length === stBefore.suggestions.length ? st : undefined;
    });
    assert.deepStrictEqual(reopened.tags.map((t) => [t.id, t.label, t.start, t.end]), tagsBefore);
    assert.deepStrictEqual(reopened.suggestions.map((x) => x.key), stBefore.suggestions.map((x) => x.key), 'the rejection still holds');
    assert.strictEqual(reopened.mismatches.length, 0);
    assert.strictEqual(readAnn('basic.txt'), saved);
  });

  it('drops a tag whose text is deleted and brings it back when the deletion is undone', async () => {
    const editor = await open('basic.txt');
    const before = readAnn('basic.txt');
    const org = (await state(editor)).tags.find((t) => t.label === 'ORG')!;
    const range = new vscode.Range(org.range.start.line, org.range.start.character, org.range.end.line, org.range.end.character + 2);
    await editor.edit((e) => e.delete(range));
    await until('the tag to go', () => !readAnn('basic.txt').includes('\tORG '));
    await vscode.commands.executeCommand('undo');
    await until('the tag to come back', () => readAnn('basic.txt') === before);
    await editor.document.save();
  });

  it('quick mode tags every selection with one label, without asking', async () => {
    const editor = await open('basic.txt');
    const label = await vscode.commands.executeCommand<string>('newsAnnotator.toggleQuickMode', { label: 'LOC' });
    assert.strictEqual(label, 'LOC');
    select(editor, '项目', 1);
    const r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagSelection');
    assert.ok(r?.ok, r?.message);
    assert.ok(/\tLOC \d+ \d+\t项目\n/.test(readAnn('basic.txt')), readAnn('basic.txt'));
    await vscode.commands.executeCommand('newsAnnotator.toggleQuickMode');
    await vscode.commands.executeCommand('newsAnnotator.undoTagging');
    assert.ok(!/\tLOC \d+ \d+\t项目\n/.test(readAnn('basic.txt')));
  });

  it('keeps relations, events, attributes, normalisations, notes and discontinuous spans of a brat .ann byte for byte', async () => {
    const original = fs.readFileSync(path.join(dir, 'brat.ann'), 'utf8');
    const editor = await open('brat.txt');
    const st = await state(editor);
    assert.deepStrictEqual(st.tags.map((t) => t.id), ['T1', 'T2', 'T3']);
    select(editor, '二季度');
    const r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagSelection', { label: 'DATE' });
    assert.ok(r?.ok, r?.message);
    const rewritten = readAnn('brat.txt');
    for (const line of original.split('\n').filter((l) => /^(R|E|A|N|T4|#2)/.test(l))) {
      assert.ok(rewritten.split('\n').includes(line), `kept byte for byte: ${line}`);
    }
    // T1 is referred to by R1: removing it is refused and nothing changes
    const refused = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.removeTag', { offset: 1 });
    assert.strictEqual(refused?.ok, false);
    assert.strictEqual(readAnn('brat.txt'), rewritten);
    // everything but the new tag's line is the original file
    assert.strictEqual(rewritten.replace(/^T5\tDATE \d+ \d+\t二季度\n(#3\tAnnotatorNotes T5\t.*\n)?/m, ''), original);
  });

  it('counts an astral character before a tag as one code point in the .ann', async () => {
    const editor = await open('astral.txt');
    const sel = select(editor, '王𠮷明');
    assert.strictEqual(editor.document.offsetAt(sel.start), 7, 'UTF-16 offset 7 (after 𠮷, two code units)');
    const r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagSelection', { label: 'PER' });
    assert.ok(r?.ok, r?.message);
    assert.strictEqual(readAnn('astral.txt'), 'T1\tPER 6 9\t王𠮷明\n');
    select(editor, '15%');
    await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagSelection', { label: 'PERCENT' });
    // 𠮷 (twice) and 😀 are astral: the UTF-16 offset is 3 more than the code-point offset
    const text = editor.document.getText();
    const cp = [...text.slice(0, text.indexOf('15%'))].length;
    assert.ok(readAnn('astral.txt').includes(`\tPERCENT ${cp} ${cp + 3}\t15%`), readAnn('astral.txt'));
    assert.strictEqual(text.indexOf('15%') - cp, 3);
    // the Annotations view jumps by code points: 王𠮷明 at 6–9 is UTF-16 7–11
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('newsAnnotator.revealTag', editor.document.uri.toString(), 6, 9);
    const active = vscode.window.activeTextEditor!;
    assert.deepStrictEqual([active.document.offsetAt(active.selection.start), active.document.offsetAt(active.selection.end)], [7, 11]);
  });

  it('paints decorations for tags and suggestions, and marks the file reviewed', async () => {
    const editor = await open('basic.txt');
    const uri = editor.document.uri.toString();
    const painted = await until('decorations', async () => {
      const p = await vscode.commands.executeCommand<Record<string, number[][]>>('newsAnnotator.taggingDecorations', uri);
      return p && p['confirmed|ORG']?.length ? p : undefined;
    });
    const org = (await state(editor)).tags.find((t) => t.label === 'ORG')!;
    assert.deepStrictEqual(painted['confirmed|ORG'][0], [org.range.start.line, org.range.start.character, org.range.end.line, org.range.end.character]);
    const r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.markReviewed', { reviewed: true });
    assert.ok(r?.state.reviewed);
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'basic.review.json'), 'utf8')).reviewed, true);
    // the corpus view counts it: reviewed / all articles of the workspace
    const corpus = await vscode.commands.executeCommand<{ reviewed: number; total: number }>('newsAnnotator.refreshCorpus');
    assert.ok(corpus && corpus.reviewed >= 1 && corpus.total >= 3, JSON.stringify(corpus));
    await vscode.commands.executeCommand('newsAnnotator.markReviewed', { reviewed: false });
    const after = await vscode.commands.executeCommand<{ reviewed: number; total: number }>('newsAnnotator.refreshCorpus');
    assert.strictEqual(after.reviewed, corpus.reviewed - 1);
    assert.strictEqual(after.total, corpus.total);
    // an English .txt is not an article; a Chinese one in GB18030 is
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Meeting notes: nothing to annotate here.\n');
    fs.writeFileSync(path.join(dir, 'gbk.txt'), Buffer.from([0xce, 0xc2, 0xd6, 0xdd, 0xca, 0xd0, 0xb2, 0xc6, 0xd5, 0xfe, 0xbe, 0xd6, 0xa1, 0xa3]));
    const withNotes = await vscode.commands.executeCommand<{ reviewed: number; total: number }>('newsAnnotator.refreshCorpus');
    assert.strictEqual(withNotes.total, corpus.total + 1);
  });

  it('uses the workspace label schema; an invalid one is reported in the schema file and the default applies', async () => {
    const schemaDir = path.join(dir, '.news-annotator');
    fs.mkdirSync(schemaDir, { recursive: true });
    const schemaFile = path.join(schemaDir, 'schema.json');
    fs.writeFileSync(schemaFile, JSON.stringify({ labels: [{ name: 'EVENT', color: '#123456', key: 'e' }, { name: 'ORG', color: '#4363d8', key: 'o' }] }, null, 2));
    const editor = await open('astral.txt');
    select(editor, '门店');
    let r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagSelection', { label: 'EVENT' });
    assert.ok(r?.ok, r?.message);
    assert.deepStrictEqual(r!.state.labels.map((l) => l.name), ['EVENT', 'ORG']);
    assert.ok(readAnn('astral.txt').includes('\tEVENT '));
    // Ctrl+Alt+1 is now the schema's first label
    select(editor, '老板');
    r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagAs', { index: 1 });
    assert.ok(readAnn('astral.txt').includes('\tEVENT 4 6\t老板'), readAnn('astral.txt'));
    fs.writeFileSync(schemaFile, '{ "labels": [ { "name": "EVENT", "color": "blue" } ] }');
    const st = await until('the schema problem', async () => {
      const x = await state(editor);
      return x.schemaProblems.length ? x : undefined;
    });
    assert.match(st.schemaProblems[0].message, /"color" must be a colour/);
    assert.strictEqual(st.labels[0].name, 'PER', 'the default labels are back');
    const diags = await until('a diagnostic in the schema file', () => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(schemaFile));
      return d.length ? d : undefined;
    });
    assert.match(diags[0].message, /"color" must be a colour/);
    fs.rmSync(schemaDir, { recursive: true });
    await state(editor);
  });

  it('round trip on a 10,000-character article with 500 tags (figures printed)', async () => {
    // 500 sentences of 16 characters (padded to 10,000 with 。); one tag on the name in each
    const sentence = (i: number) => `第${String(i).padStart(3, '0')}号：张伟明在温州调研。\n`;
    let text = '';
    const ann: string[] = [];
    for (let i = 0; i < 500; i++) {
      const start = [...text].length + 6;
      ann.push(`T${i + 1}\tPER ${start} ${start + 3}\t张伟明`);
      text += sentence(i);
    }
    text = text.padEnd(10_000, '。');
    fs.writeFileSync(path.join(dir, 'big.txt'), text);
    fs.writeFileSync(path.join(dir, 'big.ann'), ann.join('\n') + '\n');
    const editor = await open('big.txt');
    const uri = editor.document.uri.toString();
    await until('500 tags', async () => ((await state(editor)).tags.length === 500 ? true : undefined));
    const rounds: { disk: number; paint: number; server: number }[] = [];
    for (let i = 0; i < 10; i++) {
      const needle = '温州';
      select(editor, needle, 100 + i * 37);
      let paintedAt = 0;
      const t0 = performance.now();
      const painted = new Promise<void>((resolve) => {
        const timer = setInterval(async () => {
          const p = await vscode.commands.executeCommand<Record<string, number[][]>>('newsAnnotator.taggingDecorations', uri);
          if ((p?.['confirmed|LOC']?.length ?? 0) >= i + 1) {
            paintedAt = performance.now();
            clearInterval(timer);
            resolve();
          }
        }, 1);
      });
      const r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagSelection', { label: 'LOC' });
      const onDisk = performance.now();
      assert.ok(r?.ok, r?.message);
      await painted;
      rounds.push({ disk: onDisk - t0, paint: Math.max(paintedAt, onDisk) - t0, server: r!.timings.apply + r!.timings.write + r!.timings.state });
    }
    assert.ok(readAnn('big.txt').split('\n').filter((l) => l.includes('\tLOC ')).length === 10);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `[bench] VS Code host, 10,000 chars, 500 tags, 10 tag commands: command → .ann on disk (command resolved) median ` +
        `${median(rounds.map((r) => r.disk)).toFixed(1)} ms, → decorations painted median ${median(rounds.map((r) => r.paint)).toFixed(1)} ms, ` +
        `server share median ${median(rounds.map((r) => r.server)).toFixed(1)} ms`,
    );
  });
});
