// Suggestions that learn (issue 14) in a real VS Code: a tag is suggested where its text recurs and a rejection
// removes that suggestion from another article at once (online adaptation); the next uncertain suggestion is found
// across the corpus; "Update Suggestions from My Tags" trains in the server's worker, the new model changes a
// suggestion of an article it never saw, and "Revert to the Previous Suggestion Model" brings the old suggestion back.
// Eight reviewed articles about an invented club (柯洛诺斯, which the shipped model reads as a person) are written into a
// fresh folder of the test workspace; the folder, the workspace model and the remembered rejection are removed after.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TaggingOpResult, TaggingState } from '../../server/src/annotations/taggingProtocol';
import type { ModelStatus, UpdateModelResult } from '../../server/src/lsp/learningProtocol';
import { activateExtension, poller, workspaceFolder } from './extensionHarness';

const until = poller(200, 90_000);

const SENTENCES = [
  '柯洛诺斯昨晚主场2比1战胜对手，主帅司马青岚赛后表示满意。',
  '本赛季柯洛诺斯已经连胜五场，球迷在洛斯塔体育中心外庆祝。',
  '据悉，柯洛诺斯将在下周前往莫里斯堡参加联赛第十轮比赛。',
  '俱乐部官方宣布，柯洛诺斯与一名巴西前锋签约两年。',
  '司马青岚说，柯洛诺斯的年轻球员进步很快。',
  '赛后，柯洛诺斯队长接受了记者采访。',
  '柯洛诺斯在积分榜上暂列第二位。',
  '洛斯塔体育局负责人观看了柯洛诺斯的比赛。',
];
const NAMES: [string, string][] = [['柯洛诺斯', 'ORG'], ['司马青岚', 'PER'], ['洛斯塔体育中心', 'LOC'], ['莫里斯堡', 'LOC'], ['洛斯塔体育局', 'ORG']];

let dir: string;
let root: string;

/** brat lines for every occurrence of the names (code points; the texts are all in the BMP). */
function annFor(text: string): string {
  const lines: string[] = [];
  for (const [name, label] of NAMES) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      lines.push(`T${lines.length + 1}\t${label} ${at} ${at + name.length}\t${name}`);
    }
  }
  return lines.join('\n') + '\n';
}

async function open(name: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(path.join(dir, name));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await until(`${name} in the news-article language`, () => editor.document.languageId === 'news-article');
  return editor;
}

async function state(name: string): Promise<TaggingState> {
  const uri = vscode.Uri.file(path.join(dir, name)).toString();
  return until('the tagging state', () => vscode.commands.executeCommand<TaggingState | undefined>('newsAnnotator.taggingState', { uri }));
}

const names = (s: TaggingState) => s.suggestions.filter((x) => ['PER', 'LOC', 'ORG'].includes(x.label));
const brief = (s: TaggingState) => names(s).map((x) => `${x.text}/${x.label}@${x.start}`).join(' ');

describe('Suggestions that learn', function () {
  this.timeout(300_000);

  before(async () => {
    await activateExtension();
    root = workspaceFolder('a workspace folder is open').uri.fsPath;
    dir = path.join(root, `learning-run-${Date.now()}`);
    fs.mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 8; i++) {
      const text = [0, 1, 2, 3].map((k) => SENTENCES[(i + k) % SENTENCES.length]).join('\n') + '\n';
      fs.writeFileSync(path.join(dir, `club-${i}.txt`), text);
      fs.writeFileSync(path.join(dir, `club-${i}.ann`), annFor(text));
      fs.writeFileSync(path.join(dir, `club-${i}.review.json`), JSON.stringify({ version: 1, reviewed: true, rejected: [] }));
    }
    fs.writeFileSync(path.join(dir, 'tagme.txt'), '柯洛诺斯主场告捷，司马青岚表示满意。\n赛后柯洛诺斯球迷在广场欢呼。\n');
    fs.writeFileSync(path.join(dir, 'probe.txt'), '柯洛诺斯客场战平，司马青岚表示满意。\n');
    fs.writeFileSync(path.join(dir, 'third.txt'), '记者昨日专访了司马青岚。\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('newsAnnotator').update('suggestions.learnFromTags', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(root, '.news-annotator', 'model'), { recursive: true, force: true });
  });

  it('suggests a tag where its text recurs, and a rejection removes that suggestion from another article', async () => {
    await open('third.txt');
    await open('probe.txt');
    const editor = await open('tagme.txt');
    const text = editor.document.getText();
    const tagAs = async (needle: string, label: string) => {
      const at = text.indexOf(needle);
      editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
      const r = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.tagSelection', { label });
      assert.ok(r?.ok, r?.message);
    };
    // tag the first 柯洛诺斯 as ORG and 司马青岚 as PER: the second 柯洛诺斯 of tagme.txt and both names in the other
    // articles become learned suggestions
    await tagAs('柯洛诺斯', 'ORG');
    await tagAs('司马青岚', 'PER');
    const second = [...text.slice(0, text.indexOf('柯洛诺斯', text.indexOf('柯洛诺斯') + 4))].length;
    const learned = await until('the learned ORG suggestion on the second 柯洛诺斯', async () => {
      const s = await state('tagme.txt');
      return s.suggestions.find((x) => x.start === second && x.label === 'ORG' && x.learned) ? s : undefined;
    });
    console.log(`      tagme.txt after tagging 柯洛诺斯 ORG and 司马青岚 PER: ${brief(learned)}`);
    const hasName = (s: TaggingState) => s.suggestions.some((x) => x.text === '司马青岚' && x.label === 'PER' && x.learned);
    const probe = await until('司马青岚 PER learned in probe.txt', async () => {
      const s = await state('probe.txt');
      return hasName(s) ? s : undefined;
    });
    await until('司马青岚 PER learned in third.txt', async () => hasName(await state('third.txt')));
    console.log(`      probe.txt: ${brief(probe)}`);

    // reject it in probe.txt: gone from third.txt too, and remembered in the workspace
    const probeDoc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path.join(dir, 'probe.txt'))!;
    const reject = await vscode.commands.executeCommand<TaggingOpResult>('newsAnnotator.rejectSuggestion', {
      uri: probeDoc.uri.toString(), offset: probeDoc.getText().indexOf('司马青岚'),
    });
    assert.ok(reject?.ok && reject.changed, reject?.message);
    const after = await until('third.txt without 司马青岚 PER', async () => {
      const s = await state('third.txt');
      return s.suggestions.some((x) => x.text === '司马青岚' && x.label === 'PER') ? undefined : s;
    });
    console.log(`      rejected 司马青岚/PER in probe.txt; third.txt now: ${brief(after)}`);
    const file = path.join(root, '.news-annotator', 'suggestion-memory.json');
    const rejected = () => JSON.parse(fs.readFileSync(file, 'utf8')).rejected.some((r: { text: string; label: string }) => r.text === '司马青岚' && r.label === 'PER');
    assert.ok(rejected(), 'the rejection is in .news-annotator/suggestion-memory.json');

    // undoing the rejection brings the suggestion back in third.txt, and the workspace forgets it
    await vscode.window.showTextDocument(probeDoc);
    await vscode.commands.executeCommand('newsAnnotator.undoTagging', { uri: probeDoc.uri.toString() });
    await until('司马青岚 PER back in third.txt', async () => hasName(await state('third.txt')));
    assert.ok(!rejected(), 'the rejection is forgotten');
    // the tags too, so the rest of the suites see the workspace as it was
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('newsAnnotator.undoTagging', { uri: editor.document.uri.toString() });
    await vscode.commands.executeCommand('newsAnnotator.undoTagging', { uri: editor.document.uri.toString() });
  });

  it('finds the least certain suggestion across the corpus and orders the Corpus view by usefulness', async () => {
    const jump = await vscode.commands.executeCommand<{ uri: string; confidence: number; remaining: number; text: string; label: string }>(
      'newsAnnotator.nextUncertainSuggestion',
    );
    assert.ok(jump, 'a suggestion to review');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), jump.uri, 'its article is open');
    const selected = vscode.window.activeTextEditor!.document.getText(vscode.window.activeTextEditor!.selection);
    assert.equal(selected, jump.text, 'the suggestion is selected');
    console.log(`      least certain: ${jump.label} "${jump.text}" ${jump.confidence} of ${jump.remaining}`);
    const order = await vscode.commands.executeCommand<string[]>('newsAnnotator.sortCorpusByUsefulness');
    assert.ok(order && order.length > 0);
    await vscode.commands.executeCommand('newsAnnotator.sortCorpusByName');
  });

  it('updates the model from the tags, changes a suggestion of an unseen article, and reverts to the old model', async () => {
    // the model's own suggestions: online adaptation off
    await vscode.workspace.getConfiguration('newsAnnotator').update('suggestions.learnFromTags', false, vscode.ConfigurationTarget.Workspace);
    await open('probe.txt');
    const shipped = await until('probe.txt without learned suggestions', async () => {
      const s = await state('probe.txt');
      return names(s).length && !s.suggestions.some((x) => x.learned) ? s : undefined;
    });
    console.log(`      probe.txt, shipped model: ${brief(shipped)}`);

    const t0 = Date.now();
    const result = await vscode.commands.executeCommand<UpdateModelResult & { choice?: string }>('newsAnnotator.updateSuggestionModel', { choice: 'use' });
    const ms = Date.now() - t0;
    assert.ok(result, 'the update ran');
    assert.ok(result.accepted, `the new model is used (${result.reason ?? ''})`);
    assert.equal(result.choice, 'use');
    const all = (scores: { label: string; f1: number }[]) => scores.find((x) => x.label === 'ALL')?.f1;
    console.log(`      update: ${ms} ms in the host (${result.seconds.toFixed(1)} s in the worker), ${result.tagsLearned} tags, ${result.documentsLearned} documents, held out ${result.heldOutDocuments}, F1 ${all(result.before)} → ${all(result.after)}`);

    const adapted = await until('a changed suggestion in probe.txt', async () => {
      const s = await state('probe.txt');
      return names(s).length && brief(s) !== brief(shipped) ? s : undefined;
    });
    console.log(`      probe.txt, new model: ${brief(adapted)}`);
    assert.ok(names(adapted).some((x) => x.text === '柯洛诺斯' && x.label === 'ORG'), `柯洛诺斯 is suggested as ORG: ${brief(adapted)}`);
    const status = await vscode.commands.executeCommand<ModelStatus>('newsAnnotator.modelStatus');
    assert.equal(status?.kind, 'workspace');
    assert.ok(fs.existsSync(path.join(root, '.news-annotator', 'model', 'ner.bin')));

    const reverted = await vscode.commands.executeCommand<ModelStatus>('newsAnnotator.revertSuggestionModel');
    assert.equal(reverted?.kind, 'shipped');
    const back = await until('the shipped model\'s suggestions in probe.txt again', async () => {
      const s = await state('probe.txt');
      return brief(s) === brief(shipped) ? s : undefined;
    });
    console.log(`      probe.txt after revert: ${brief(back)}`);
  });
});
