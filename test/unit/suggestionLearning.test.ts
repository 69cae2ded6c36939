// Online adaptation in the language server (server/src/lsp/suggestionLearning.ts with the tag service): a rejection
// in one article removes that (text, label) from the others at once and is kept in .news-annotator/ across restarts,
// a tag is suggested in the other open articles, .ann files on disk teach too, and the setting turns learning off.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TaggingService } from '../../server/src/lsp/tagging';
import { SuggestionLearning } from '../../server/src/lsp/suggestionLearning';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import type { ServerContext } from '../../server/src/lsp/serverContext';
import type { Span } from '../../server/src/core/types';

/** Machine spans: every occurrence of these strings with the model's label (as a model typing clubs as persons). */
const MODEL: [string, Span['label']][] = [['切尔西', 'PER'], ['曼联', 'PER']];

function machine(text: string): Span[] {
  const out: Span[] = [];
  const cps = [...text];
  for (const [s, label] of MODEL) {
    const n = [...s];
    for (let i = 0; i + n.length <= cps.length; i++) {
      if (n.every((c, k) => cps[i + k] === c)) out.push({ start: i, end: i + n.length, label, text: s, confidence: 0.4 });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function workspace() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'na-learn-'));
  const files: Record<string, string> = {
    'a.txt': '切尔西客场取胜，曼联主场失利。',
    'b.txt': '切尔西与曼联明天再战，利物浦观战。',
    'c.txt': '利物浦主帅表示满意。',
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  fs.writeFileSync(path.join(root, 'c.ann'), 'T1\tORG 0 3\t利物浦\n');
  const docs = new Map<string, TextDocument>();
  const uris: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const uri = pathToFileURL(path.join(root, name)).toString();
    uris[name] = uri;
    docs.set(uri, TextDocument.create(uri, 'news-article', 1, text));
  }
  let learnFromTags = true;
  const host = {
    documents: { get: (u: string) => docs.get(u) },
    analysis: async (u: string) => ({ result: { dct: { source: 'none' }, spans: machine(docs.get(u)!.getText()) } }),
    settings: async () => ({ ...DEFAULT_SETTINGS, suggestions: { learnFromTags } }),
    workspaceRoots: () => [root],
    t: (m: string, ...a: unknown[]) => m.replace(/\{(\d+)\}/g, (_: string, i: string) => String(a[Number(i)])),
  } as unknown as ServerContext;
  return { root, docs, uris, host, setLearn: (v: boolean) => (learnFromTags = v) };
}

const brief = (state: { suggestions: { text: string; label: string; start: number; learned?: number }[] }) =>
  state.suggestions.map((s) => `${s.text}/${s.label}@${s.start}${s.learned ? '*' : ''}`);

test('a rejection in one article hides that (text, label) in the others and survives a restart; a tag is suggested elsewhere', async () => {
  const w = workspace();
  try {
    const learning = new SuggestionLearning(() => [w.root]);
    const service = new TaggingService(w.host, learning);
    await service.open(w.docs.get(w.uris['a.txt'])!);
    await service.open(w.docs.get(w.uris['b.txt'])!);
    await learning.forPath(w.root + '/a.txt').scanned;
    // c.ann on disk taught 利物浦 ORG before anything was tagged in the editor
    assert.deepEqual(brief(await service.state(w.uris['b.txt'])), ['切尔西/PER@0', '曼联/PER@4', '利物浦/ORG@11*']);

    const reject = await service.run({ uri: w.uris['a.txt'], op: { op: 'reject', offset: 8 } });
    assert.ok(reject.ok && reject.changed, reject.message);
    assert.deepEqual(brief(await service.state(w.uris['b.txt'])), ['切尔西/PER@0', '利物浦/ORG@11*']);
    const file = path.join(w.root, '.news-annotator', 'suggestion-memory.json');
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).rejected.map((r: { text: string; label: string }) => `${r.text}/${r.label}`), ['曼联/PER']);

    // the user types the club as ORG in a: b now suggests ORG in place of the model's PER
    const tag = await service.run({ uri: w.uris['a.txt'], op: { op: 'tag', start: 0, end: 3, label: 'ORG' } });
    assert.ok(tag.ok, tag.message);
    assert.deepEqual(brief(await service.state(w.uris['b.txt'])), ['切尔西/ORG@0*', '利物浦/ORG@11*']);

    // undoing the rejection brings 曼联 back everywhere
    await service.run({ uri: w.uris['a.txt'], op: { op: 'undo' } });
    await service.run({ uri: w.uris['a.txt'], op: { op: 'undo' } });
    assert.deepEqual(brief(await service.state(w.uris['b.txt'])), ['切尔西/PER@0', '曼联/PER@4', '利物浦/ORG@11*']);
    await service.run({ uri: w.uris['a.txt'], op: { op: 'redo' } });
    assert.deepEqual(brief(await service.state(w.uris['b.txt'])), ['切尔西/PER@0', '利物浦/ORG@11*']);

    // the setting off: only the model's suggestions (rejections still apply)
    w.setLearn(false);
    await service.settingsChanged();
    assert.deepEqual(brief(await service.state(w.uris['b.txt'])), ['切尔西/PER@0']);
    service.dispose();

    // a new server reads the rejection back
    w.setLearn(true);
    const again = new TaggingService(w.host, new SuggestionLearning(() => [w.root]));
    await again.open(w.docs.get(w.uris['b.txt'])!);
    assert.ok(!brief(await again.state(w.uris['b.txt'])).some((s) => s.startsWith('曼联/PER')));
    again.dispose();
  } finally {
    fs.rmSync(w.root, { recursive: true, force: true });
  }
});

test('a malformed memory file is reported and replaced by the next rejection, not crashed on', async () => {
  const w = workspace();
  try {
    fs.mkdirSync(path.join(w.root, '.news-annotator'));
    fs.writeFileSync(path.join(w.root, '.news-annotator', 'suggestion-memory.json'), '{ not json');
    const learning = new SuggestionLearning(() => [w.root]);
    const entry = learning.forPath(path.join(w.root, 'a.txt'));
    assert.match(entry.problem ?? '', /not JSON/);
    const service = new TaggingService(w.host, learning);
    await service.open(w.docs.get(w.uris['a.txt'])!);
    const r = await service.run({ uri: w.uris['a.txt'], op: { op: 'reject', offset: 0 } });
    assert.ok(r.ok);
    assert.equal(JSON.parse(fs.readFileSync(entry.file, 'utf8')).rejected[0].text, '切尔西');
    service.dispose();
  } finally {
    fs.rmSync(w.root, { recursive: true, force: true });
  }
});
