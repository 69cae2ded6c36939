// The annotator's day in a real VS Code (issue #13): a readable page (one readable colour per label in every default
// theme, the contrast table printed; labels only as inlay hints; the article language's editor defaults), and no
// surprises while tagging (next suggestion selects and centres, Mark reviewed asks about pending suggestions, quick
// mode with keyboard selections, Ctrl+Z undoing the last tag operation, status items in words, an article without
// a date asking once). Keys are run as contributed: the command, arguments and when-clause of package.json's
// keybinding for the key, checked against the context the extension sets.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TaggingOpResult, TaggingState } from '../../server/src/annotations/taggingProtocol';
import { defaultSchema } from '../../server/src/annotations/labelSchema';
import { CONFIRMED_TINT_ALPHA, MIN_CONTRAST, composite, contrast, labelShades } from '../../client/src/tagging/labelColours';
import { decorationOptions } from '../../client/src/tagging/decorations';
import type { NewsAnnotatorApi } from '../../client/src/extension';
import type { ExportCommandOptions, ExportCommandResult } from '../../client/src/export';
import { ExportCountsRequest, ExportCountsResult } from '../../server/src/lsp/exportProtocol';
import { activateExtension, openArticleEditor, poller, workspaceFolder } from './extensionHarness';

const until = poller(100);
const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const BASIC = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'tagging', 'basic.txt'), 'utf8');

let api: NewsAnnotatorApi;
let dir: string;

interface Binding {
  command: string;
  key: string;
  when?: string;
  args?: unknown;
}

/** The contributed keybinding for a key whose when-clause mentions every given context key. */
function binding(key: string, ...contextKeys: string[]): Binding {
  const found = (manifest.contributes.keybindings as Binding[]).find(
    (k) => k.key === key && contextKeys.every((c) => (k.when ?? '').includes(c)),
  );
  assert.ok(found, `${key} is bound (${contextKeys.join(', ')})`);
  return found;
}

async function press(key: string, ...contextKeys: string[]): Promise<TaggingOpResult | undefined> {
  const b = binding(key, ...contextKeys);
  return vscode.commands.executeCommand<TaggingOpResult>(b.command, b.args);
}

function open(name: string): Promise<vscode.TextEditor> {
  return openArticleEditor(path.join(dir, name), until);
}

async function state(editor: vscode.TextEditor, what = 'the tagging state', ok: (s: TaggingState) => boolean = () => true): Promise<TaggingState> {
  return until(what, async () => {
    const s = await vscode.commands.executeCommand<TaggingState | undefined>('newsAnnotator.taggingState', { uri: editor.document.uri.toString() });
    return s && ok(s) ? s : undefined;
  });
}

/** editor.background of a theme file, following "include"; VS Code's default for the theme type when unset. */
function editorBackground(file: string, uiTheme: string): string {
  const theme = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { include?: string; colors?: Record<string, string> };
  const own = theme.colors?.['editor.background'];
  if (own) return own.slice(0, 7).toLowerCase();
  if (theme.include) return editorBackground(path.resolve(path.dirname(file), theme.include), uiTheme);
  return { vs: '#ffffff', 'vs-dark': '#1e1e1e', 'hc-black': '#000000', 'hc-light': '#ffffff' }[uiTheme] ?? '#ffffff';
}

describe("The annotator's day", function () {
  this.timeout(120_000);

  before(async () => {
    api = await activateExtension();
    dir = path.join(workspaceFolder('a workspace folder is open').uri.fsPath, `annotator-day-${Date.now()}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'basic.txt'), BASIC);
    // a long article: the fixture's two paragraphs forty times, so suggestions lie far below the first screen
    fs.writeFileSync(path.join(dir, 'long.txt'), Array.from({ length: 40 }, (_, i) => `第${i + 1}段。${BASIC}`).join('\n'));
    fs.writeFileSync(path.join(dir, 'undated.txt'), '今年以来，本市工业产值增长明显，有关工程计划在2099年1月1日前完成。昨天，市政府召开会议部署相关工作。\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('newsAnnotator').update('labels.display', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('colours every label readably (>= 4.5:1) in every installed default theme; prints the contrast table', () => {
    const themesDir = path.join(vscode.env.appRoot, 'extensions', 'theme-defaults');
    const themes = JSON.parse(fs.readFileSync(path.join(themesDir, 'package.json'), 'utf8')).contributes.themes as { id: string; uiTheme: string; path: string }[];
    const labels = defaultSchema().labels;
    const rows: string[] = [];
    let worst = Infinity;
    for (const theme of themes) {
      const bg = editorBackground(path.join(themesDir, theme.path), theme.uiTheme);
      const kind = theme.uiTheme === 'vs' || theme.uiTheme === 'hc-light' ? 'light' : 'dark';
      const cells: string[] = [];
      for (const l of labels) {
        const shade = labelShades(l.color)[kind];
        // the text of a suggestion stands on the editor background, a confirmed tag's on its tint
        const ratio = Math.min(contrast(shade, bg), contrast(shade, composite(bg, shade, CONFIRMED_TINT_ALPHA)));
        worst = Math.min(worst, ratio);
        cells.push(`${l.name} ${shade} ${ratio.toFixed(2)}`);
        assert.ok(ratio >= MIN_CONTRAST, `${l.name} (${shade}) on ${theme.id} (${bg}): ${ratio.toFixed(2)}`);
      }
      rows.push(`${theme.id.padEnd(28)} ${bg}  ${cells.join(' | ')}`);
    }
    console.log(`Label contrast (text on background and on a confirmed tag's tint), lowest ${worst.toFixed(2)}:\n${rows.join('\n')}`);
    assert.ok(themes.some((t) => t.uiTheme === 'hc-black') && themes.some((t) => t.uiTheme === 'vs'), 'light, dark and high-contrast themes are installed');
  });

  it('tells confirmed tags and suggestions apart by more than a faint box, in the same label colour', () => {
    const confirmed = decorationOptions('confirmed', '#cf1736');
    const suggestion = decorationOptions('suggestion', '#cf1736');
    for (const kind of ['light', 'dark'] as const) {
      assert.equal(confirmed[kind]!.color, suggestion[kind]!.color, 'one colour per label');
      assert.ok(confirmed[kind]!.backgroundColor && confirmed[kind]!.outline, 'confirmed: tint and outline');
      assert.ok(!suggestion[kind]!.backgroundColor && !suggestion[kind]!.outline, 'suggestion: no tint, no outline');
      assert.match(String(suggestion[kind]!.textDecoration), /dotted/);
      assert.ok(!('after' in confirmed[kind]!) && !('after' in suggestion[kind]!), 'no label text after the span (it would not wrap)');
    }
  });

  it('gives the article language the editor defaults Chinese text needs, and the views their own container', async () => {
    const editor = await open('basic.txt');
    const config = vscode.workspace.getConfiguration('editor', editor.document);
    assert.equal(config.get('unicodeHighlight.ambiguousCharacters'), false);
    assert.equal(config.get('wordWrap'), 'on');
    assert.match(String(config.get('wordSeparators')), /，.*。.*、.*；/);
    assert.equal(config.get('wordSegmenterLocales'), 'zh-CN');
    assert.deepEqual(config.get('unicodeHighlight.allowedCharacters'), { '\u3000': true });
    assert.ok(!String(config.get('wordWrapBreakAfterCharacters')).includes('.'), 'no line break inside 9.6%');
    const container = manifest.contributes.viewsContainers.activitybar[0];
    assert.ok(fs.existsSync(path.join(ROOT, container.icon)), container.icon);
    assert.deepEqual(manifest.contributes.views[container.id].map((v: { id: string }) => v.id), ['newsAnnotator.annotations', 'newsAnnotator.corpus']);
    assert.equal(manifest.contributes.views.explorer, undefined, 'no longer at the bottom of the Explorer');
  });

  it('writes labels only as inlay hints, and only when asked (colour only / confirmed / all)', async () => {
    const editor = await open('basic.txt');
    await state(editor, 'suggestions', (s) => s.suggestions.length >= 2);
    editor.selection = new vscode.Selection(0, 0, 0, 6);
    const tagged = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagSelection', { label: 'ORG' });
    assert.ok(tagged?.ok, tagged?.message);
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const hints = () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', editor.document.uri, whole);
    const labels = (h: vscode.InlayHint[]) => h.map((x) => (typeof x.label === 'string' ? x.label : x.label.map((p) => p.value).join('')));
    assert.deepEqual(labels(await hints()), [], 'the default shows colour only');
    const config = vscode.workspace.getConfiguration('newsAnnotator', editor.document);
    await config.update('labels.display', 'confirmed', vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(labels(await until('hints after confirmed tags', async () => ((await hints()).length ? hints() : undefined))), ['ORG']);
    await config.update('labels.display', 'all', vscode.ConfigurationTarget.Workspace);
    const all = await until('hints after every span', async () => {
      const h = labels(await hints());
      return h.length > 1 ? h : undefined;
    });
    assert.ok(all.includes('ORG') && all.some((l) => l.endsWith('?')), all.join(' '));
    await config.update('labels.display', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('Ctrl+Alt+N selects the next suggestion and shows it in the middle of the editor', async () => {
    const editor = await open('long.txt');
    const s = await state(editor, 'suggestions far down', (st) => st.suggestions.some((x) => x.range.start.line > 60));
    const far = s.suggestions.find((x) => x.range.start.line > 60)!;
    editor.selection = new vscode.Selection(far.range.start.line - 1, 0, far.range.start.line - 1, 0);
    const r = await press('ctrl+alt+n');
    assert.ok(r?.ok && r.target, r?.message);
    const sel = editor.selection;
    assert.ok(!sel.isEmpty, 'the span is selected, not a bare caret');
    assert.deepEqual([sel.start.line, sel.start.character, sel.end.line, sel.end.character], [r.target.start.line, r.target.start.character, r.target.end.line, r.target.end.character]);
    assert.ok(sel.active.isEqual(sel.start), 'the caret is at the start, where accept and reject look');
    const visible = await until('the editor to scroll', () => {
      const v = editor.visibleRanges[0];
      return v && v.contains(sel.start) ? v : undefined;
    });
    const middle = (visible.start.line + visible.end.line) / 2;
    assert.ok(Math.abs(sel.start.line - middle) <= (visible.end.line - visible.start.line) / 4, `line ${sel.start.line} near the middle of ${visible.start.line}–${visible.end.line}`);
    // Ctrl+Alt+Shift+A after a jump accepts the whole file's suggestions, not only the selected one
    const before = await state(editor);
    const all = await press('ctrl+alt+shift+a');
    assert.ok(all?.ok, all?.message);
    assert.equal(all.count, before.suggestions.length);
    await vscode.commands.executeCommand('newsAnnotator.undoTagging');
  });

  it('Mark reviewed with pending suggestions: "leave them" keeps them, "accept all" confirms them first', async () => {
    const editor = await open('basic.txt');
    const s = await state(editor, 'pending suggestions', (st) => st.suggestions.length > 0 && !st.reviewed);
    let r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.markReviewed', { reviewed: true, pending: 'leave' });
    assert.ok(r?.state.reviewed);
    assert.equal(r.state.suggestions.length, s.suggestions.length, 'suggestions left as they were');
    await vscode.commands.executeCommand('newsAnnotator.markReviewed', { reviewed: false });
    r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.markReviewed', { reviewed: true, pending: 'accept' });
    assert.ok(r?.state.reviewed);
    assert.equal(r.state.suggestions.length, 0);
    assert.equal(r.state.tags.length, s.tags.length + s.suggestions.length, 'every suggestion became a tag');
    // undo twice: the review mark, then the accepted suggestions
    await vscode.commands.executeCommand('newsAnnotator.undoTagging');
    await vscode.commands.executeCommand('newsAnnotator.undoTagging');
    await vscode.commands.executeCommand('newsAnnotator.markReviewed', { reviewed: false });
  });

  it('quick mode tags a keyboard selection on Enter; Ctrl+Z then undoes the tag, and after typing undoes the typing', async () => {
    const editor = await open('basic.txt');
    const before = await state(editor);
    const toggled = await vscode.commands.executeCommand('newsAnnotator.toggleQuickMode', { label: 'PER' });
    assert.equal(toggled, 'PER');
    // Shift+Right three times from the start of 王建国
    const at = editor.document.getText().indexOf('王建国');
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at));
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('cursorRightSelect');
    assert.equal(editor.document.getText(editor.selection), '王建国');
    const enter = binding('enter', 'newsAnnotator.quickMode');
    assert.match(enter.when!, /editorHasSelection/);
    const r = await vscode.commands.executeCommand<TaggingOpResult>(enter.command, enter.args);
    assert.ok(r?.ok, r?.message);
    assert.ok(r.state.tags.some((t) => t.label === 'PER' && t.text === '王建国'));
    assert.ok(editor.selection.isEmpty, 'the selection is collapsed, so the next Enter does not tag it again');
    await vscode.commands.executeCommand('newsAnnotator.toggleQuickMode');
    assert.equal(api.tagging.commands.quickLabel, undefined);

    assert.equal(api.tagging.commands.undoContext().undoIsTagging, true, 'the last change was a tag');
    const undone = await press('ctrl+z', 'newsAnnotator.undoIsTagging');
    assert.ok(undone?.ok, undone?.message);
    assert.equal(undone.state.tags.length, before.tags.length);
    assert.equal(api.tagging.commands.undoContext().redoIsTagging, true);
    const redone = await press('ctrl+shift+z', 'newsAnnotator.redoIsTagging');
    assert.ok(redone?.state.tags.some((t) => t.text === '王建国'));

    // typing makes the text the last change: Ctrl+Z goes back to the editor's own undo
    editor.selection = new vscode.Selection(editor.document.lineCount - 1, 0, editor.document.lineCount - 1, 0);
    await vscode.commands.executeCommand('type', { text: '乙' });
    assert.equal(api.tagging.commands.undoContext().undoIsTagging, false);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), BASIC, 'Ctrl+Z undid the typing');
    const after = await state(editor);
    assert.ok(after.tags.some((t) => t.text === '王建国'), 'and left the tag alone');
  });

  it('status items speak in words, with plain tooltips and screen-reader labels (no &nbsp;)', async () => {
    const editor = await open('basic.txt');
    await state(editor);
    const item = await until('the tagging status item', () => (/tags/.test(api.tagging.status.item.text) ? api.tagging.status.item : undefined));
    assert.match(item.text, /\d+ tags · \d+ suggestions · (not )?reviewed/);
    assert.equal(typeof item.tooltip, 'string');
    const date = await until('the document date item', () => (api.status.current ? api.status.item : undefined));
    assert.match(date.text, /Document date|No document date/);
    for (const i of [item, date]) {
      assert.ok(i.accessibilityInformation?.label, 'a screen-reader label');
      assert.ok(!/&nbsp;|&#/.test(i.accessibilityInformation!.label + String(i.tooltip)), i.accessibilityInformation!.label);
    }
  });

  it('an article with no date asks once, offering the dates found in it', async () => {
    const editor = await open('undated.txt');
    const uri = editor.document.uri.toString();
    await until('the question about the missing date', () => api.dateAsk.pending === uri || undefined);
    const asks = api.dateAsk.asks;
    assert.equal(api.status.current?.date, undefined);
    // "Choose a Date…": the quick pick lists the date found in the text (after today, so detection skipped it)
    const picked = vscode.commands.executeCommand<string | undefined>('newsAnnotator.chooseDocumentDate', uri);
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await picked, '2099-01-01');
    await until('the date in the status item', () => (api.status.current?.date === '2099-01-01' ? true : undefined));
    // asked once: reopening does not ask again
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('newsAnnotator.setDocumentDate', uri, '');
    await open('undated.txt');
    await until('the status item', () => (api.status.current?.uri === uri ? true : undefined));
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(api.dateAsk.asks, asks, 'not asked a second time');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('exports reviewed only / tagged only / all, counting each first (output folder left out), and refuses an empty split part', async () => {
    const corpus = path.join(dir, 'scope');
    fs.mkdirSync(path.join(corpus, 'export'), { recursive: true });
    const write = (name: string, text: string, ann?: string, reviewed?: boolean) => {
      fs.writeFileSync(path.join(corpus, `${name}.txt`), text);
      if (ann !== undefined) fs.writeFileSync(path.join(corpus, `${name}.ann`), ann);
      if (reviewed !== undefined) fs.writeFileSync(path.join(corpus, `${name}.review.json`), JSON.stringify({ reviewed, rejected: [] }));
    };
    write('a', '杭州市开店。', 'T1\tLOC 0 3\t杭州市\n', true);
    write('b', '苏州市开店。', 'T1\tLOC 0 3\t苏州市\n', true);
    write('c', '温州市开店。', 'T1\tLOC 0 3\t温州市\n', false);
    write('d', '今天开店。', '');
    write('e', '明天开店。');
    // a copy from an earlier export inside the default output folder is no input
    fs.writeFileSync(path.join(corpus, 'export', 'a.txt'), '杭州市开店。');
    const outDir = path.join(corpus, 'export');
    const counts = await api.client.sendRequest<ExportCountsResult>(ExportCountsRequest, { paths: [corpus], outDir });
    assert.deepEqual(counts, { reviewed: 2, tagged: 3, all: 5 });
    const exportDataset = (options: ExportCommandOptions) =>
      vscode.commands.executeCommand<ExportCommandResult>('newsAnnotator.exportDataset', {
        quiet: true, saveUnsaved: true, formats: ['doccano'], paths: [corpus], outDir, includeSuggestions: false, split: 'none', ...options,
      });
    for (const [documents, n] of [['reviewed', 2], ['tagged', 3], ['all', 5]] as const) {
      const r = await exportDataset({ documents });
      assert.equal(r.status, 'exported', r.message);
      assert.equal(r.summary!.documents, n, documents);
      assert.deepEqual(r.summary!.scopeCounts, counts);
    }
    const refused = await exportDataset({ documents: 'all', split: '0.8,0.1,0.1' });
    assert.equal(refused.status, 'failed');
    assert.match(refused.message!, /split of 5 documents leaves test empty \(train 4, dev 1, test 0\)/);
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
