// Learning from the annotator's decisions (server/src/learning): what the adapted model does with tags and
// rejections, the held-out refusal, the workspace model store, bad input and cancel.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { revertWorkspaceModel, updateModelFromWorkspace, workspaceModelFile, workspaceModelInfo } from '../../server/src/learning';
import { hash, splitHeldOut } from '../../server/src/learning/heldOutComparison';
import { documentExamples, readWorkspaceDocuments } from '../../server/src/learning/workspaceTrainingData';
import { examplesOf } from '../../server/src/learning/updateWorkspaceModel';
import { EntityRecogniser } from '../../server/src/ner/entityRecogniser';
import { NerModel } from '../../server/src/ner/model';
import { modelPath, recogniseEntities, useModelFile } from '../../server/src/ner/entities';
import { spawnSync } from 'child_process';

const shipped = NerModel.load(modelPath());

function workspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'na-learning-'));
}

/** Writes an article and its tags ([label, text] in order of appearance) and optionally a review sidecar. */
function article(root: string, name: string, text: string, tags: [string, string][], review?: { reviewed?: boolean; rejected?: [string, string][] }): void {
  fs.writeFileSync(path.join(root, `${name}.txt`), text);
  const cps = [...text];
  const at = (needle: string) => {
    const u = text.indexOf(needle);
    assert.ok(u >= 0, `${needle} not in ${text}`);
    const start = [...text.slice(0, u)].length;
    return [start, start + cps.slice(start, start + [...needle].length).length];
  };
  const lines = tags.map(([label, t], i) => {
    const [s, e] = at(t);
    return `T${i + 1}\t${label} ${s} ${e}\t${t}`;
  });
  if (lines.length) fs.writeFileSync(path.join(root, `${name}.ann`), lines.join('\n') + '\n');
  if (review) {
    const rejected = (review.rejected ?? []).map(([label, t]) => {
      const [start, end] = at(t);
      return { label, start, end, text: t };
    });
    fs.writeFileSync(path.join(root, `${name}.review.json`), JSON.stringify({ version: 1, reviewed: review.reviewed ?? false, rejected }));
  }
}

function entities(model: NerModel, text: string): string[] {
  return new EntityRecogniser(model).recognise(text).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);
}

const COMPANY = '昨天，星海量子科技的负责人李明在发布会上说，公司将在滨江设立新的研发中心。';

test('a tagged new name is learned: the adapted model suggests it with that label', async () => {
  assert.ok(!entities(shipped, COMPANY).includes('ORG:星海量子科技'), 'precondition: the shipped model misses it');
  const root = workspace();
  article(root, 'a', COMPANY, [['ORG', '星海量子科技']]);
  const r = await updateModelFromWorkspace({ root, force: true, inThread: true });
  assert.equal(r.accepted, true);
  assert.equal(r.tagsLearned, 1);
  assert.equal(r.modelPath, workspaceModelFile(root));
  assert.ok(entities(NerModel.load(r.modelPath!), COMPANY).includes('ORG:星海量子科技'));
  // what the language server's entity worker does with the workspace model file
  useModelFile(r.modelPath);
  try {
    assert.ok(recogniseEntities(COMPANY).some((e) => e.label === 'ORG' && COMPANY.slice(e.start, e.end) === '星海量子科技'));
  } finally {
    useModelFile(undefined);
  }
  assert.ok(!recogniseEntities(COMPANY).some((e) => e.label === 'ORG' && COMPANY.slice(e.start, e.end) === '星海量子科技'));
});

test('a rejected suggestion is not suggested again by the adapted model on that text', async () => {
  const text = '小米之家今天在王府井开业，雷军到场。';
  const wrong = 'ORG:雷军';
  assert.ok(entities(shipped, text).includes(wrong), 'precondition: the shipped model makes this wrong suggestion');
  const [label, span] = wrong.split(':');
  const root = workspace();
  article(root, 'a', text, [], { rejected: [[label, span]] });
  const r = await updateModelFromWorkspace({ root, force: true, inThread: true });
  assert.equal(r.accepted, true);
  assert.equal(r.rejectionsLearned, 1);
  assert.ok(!entities(NerModel.load(r.modelPath!), text).includes(wrong), `${wrong} still suggested`);
});

test('a model worse on the held-out reviewed documents is refused, saying which label fell and by how much', async () => {
  const root = workspace();
  // the same persons in every document (an annotator's corpus: names recur)
  const texts = [
    '记者王建国从市政府获悉，李红梅和张小军将出席会议。',
    '王建国表示，张小军已经同意了这个方案，李红梅也在场。',
    '主持人李红梅介绍，王建国和张小军是本次活动的嘉宾。',
    '张小军说，他和李红梅、王建国上周去了北京。',
  ];
  const names = texts.map((t) => t.match(/(王建国|李红梅|张小军)/g)!);
  // every document reviewed, its persons tagged as ORG (a wrong convention) ...
  texts.forEach((t, i) => article(root, `d${i}`, t, names[i].map((n) => ['ORG', n] as [string, string]), { reviewed: true }));
  // ... except the held-out one, tagged right: learning the wrong convention must make the model worse there
  const held = splitHeldOut(readWorkspaceDocuments(root).documents, 0.25).heldOut;
  assert.ok(held.length >= 1 && held.length < 4);
  for (const d of held) {
    const k = Number(d.relative.match(/d(\d)/)![1]);
    article(root, `d${k}`, texts[k], names[k].map((n) => ['PER', n] as [string, string]), { reviewed: true });
  }
  const r = await updateModelFromWorkspace({ root, holdoutFraction: 0.25, inThread: true });
  assert.equal(r.accepted, false);
  assert.match(r.reason!, /PER F1 fell from [\d.]+ to [\d.]+ \(−[\d.]+ points/);
  assert.equal(r.heldOutDocuments, held.length);
  const per = (s: typeof r.before) => s.find((x) => x.label === 'PER')!.f1;
  assert.ok(per(r.after) < per(r.before));
  assert.equal(workspaceModelFile(root), undefined, 'nothing stored');
});

test('without two reviewed documents nothing can be held out: refused unless forced', async () => {
  const root = workspace();
  article(root, 'a', COMPANY, [['ORG', '星海量子科技']]);
  const r = await updateModelFromWorkspace({ root, inThread: true });
  assert.equal(r.accepted, false);
  assert.match(r.reason!, /no reviewed document can be held out/);
  assert.equal(workspaceModelFile(root), undefined);
});

test('revert restores the previous model, and the shipped one when there was none', async () => {
  const root = workspace();
  article(root, 'a', COMPANY, [['ORG', '星海量子科技']]);
  const first = await updateModelFromWorkspace({ root, force: true, inThread: true });
  const firstBytes = fs.readFileSync(first.modelPath!);
  article(root, 'b', '新华社消息，云帆智造集团今天发布财报。', [['ORG', '云帆智造集团']]);
  const second = await updateModelFromWorkspace({ root, force: true, inThread: true });
  assert.equal(second.tagsLearned, 2);
  const info = workspaceModelInfo(root)!;
  assert.equal(info.tagsLearned, 2);
  assert.equal(info.previous?.tagsLearned, 1);
  assert.equal(await revertWorkspaceModel(root), true);
  assert.deepEqual(fs.readFileSync(workspaceModelFile(root)!), firstBytes);
  assert.equal(workspaceModelInfo(root)!.tagsLearned, 1);
  // reverting again swaps back
  assert.equal(await revertWorkspaceModel(root), true);
  assert.equal(workspaceModelInfo(root)!.tagsLearned, 2);
  // a single model: revert goes back to the shipped model
  const other = workspace();
  article(other, 'a', COMPANY, [['ORG', '星海量子科技']]);
  await updateModelFromWorkspace({ root: other, force: true, inThread: true });
  assert.equal(await revertWorkspaceModel(other), true);
  assert.equal(workspaceModelFile(other), undefined);
  assert.equal(await revertWorkspaceModel(workspace()), false);
});

test('bad input: clear errors, and malformed tag lines reported without losing the rest', async () => {
  await assert.rejects(updateModelFromWorkspace({ root: '/nonexistent/folder', inThread: true }), /no such folder/);
  const root = workspace();
  article(root, 'a', COMPANY, [['ORG', '星海量子科技']]);
  fs.appendFileSync(path.join(root, 'a.ann'), 'T9\tORG 99 x\tbroken\nT10\tPER 0 2\t不对\n');
  fs.writeFileSync(path.join(root, 'b.review.json'), '{not json');
  fs.writeFileSync(path.join(root, 'b.txt'), COMPANY);
  await assert.rejects(updateModelFromWorkspace({ root, baseModel: path.join(root, 'missing.bin'), force: true, inThread: true }), /base model not found/);
  fs.writeFileSync(path.join(root, 'junk.bin'), 'not a model');
  await assert.rejects(updateModelFromWorkspace({ root, baseModel: path.join(root, 'junk.bin'), force: true, inThread: true }), /cannot be loaded: not a News Annotator NER model/);
  await assert.rejects(updateModelFromWorkspace({ root, holdoutFraction: 1.5, inThread: true }), /held-out share/);
  const r = await updateModelFromWorkspace({ root, force: true, inThread: true });
  assert.equal(r.tagsLearned, 1);
  const said = r.problems.map((p) => `${p.file}: ${p.message}`).join('\n');
  assert.match(said, /a\.ann: line 2/);
  assert.match(said, /a\.ann: 1 tag\(s\) do not match the text/);
  assert.match(said, /b\.review\.json: review file is not valid JSON/);
  const empty = workspace();
  const none = await updateModelFromWorkspace({ root: empty, inThread: true });
  assert.equal(none.accepted, false);
  assert.match(none.reason!, /nothing to learn from/);
});

test('the CLI trains into a file, refuses bad options with exit code 2, and reverts', () => {
  const root = workspace();
  article(root, 'a', COMPANY, [['ORG', '星海量子科技']]);
  const out = path.join(root, 'out.bin');
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'server/src/cli/cli.ts'), 'train', ...args], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  let r = cli('--from', root, '--out', out, '--force');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(entities(NerModel.load(out), COMPANY).includes('ORG:星海量子科技'));
  assert.match(r.stdout, /learned from 1 tags and 0 rejected suggestions in 1 documents/);
  r = cli('--from', root, '--holdout', '2');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--holdout takes a share from 0 to less than 1/);
  r = cli();
  assert.equal(r.code, 2);
  assert.match(r.stderr, /give the folder of annotated articles with --from DIR/);
  r = cli('--from', root);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /not stored: no reviewed document can be held out/);
  r = cli('--from', root, '--revert');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /has no model of its own/);
});

test('cancel stops the update, in the worker thread and in this one, and stores nothing', async () => {
  const root = workspace();
  article(root, 'a', COMPANY, [['ORG', '星海量子科技']]);
  const ac = new AbortController();
  const stages: string[] = [];
  const run = updateModelFromWorkspace({
    root, force: true, signal: ac.signal,
    onProgress: (p) => {
      stages.push(p.stage);
      if (p.stage === 'training') ac.abort();
    },
  });
  await assert.rejects(run, { name: 'AbortError' });
  assert.ok(stages.includes('reading'), 'progress arrives from the worker');
  assert.equal(workspaceModelFile(root), undefined);
  const ac2 = new AbortController();
  await assert.rejects(
    updateModelFromWorkspace({ root, force: true, inThread: true, signal: ac2.signal, onProgress: (p) => p.stage === 'training' && ac2.abort() }),
    { name: 'AbortError' },
  );
  assert.equal(workspaceModelFile(root), undefined);
});

test('examples: a reviewed document fixes every tag, an unreviewed one only its tags and the character after them', () => {
  const text = '李明在杭州。王芳去了上海。';
  const doc = { article: 'x.txt', relative: 'x.txt', text, reviewed: false, entities: [{ start: 0, end: 2, label: 'PER' }], others: [], rejected: [] };
  const partial = documentExamples(doc);
  assert.equal(partial.length, 1, 'only the unit holding a tag');
  assert.deepEqual([...partial[0].allowed.slice(0, 3)], [1 << 1, 1 << 2, 0x7f & ~(1 << 2)]);
  assert.equal(partial[0].allowed[4], 0x7f);
  const full = documentExamples({ ...doc, reviewed: true });
  assert.equal(full.length, 2);
  assert.deepEqual([...full[1].allowed], new Array(full[1].allowed.length).fill(1));
});

test('the held-out split takes whole reviewed documents by path, stable as the corpus grows, at least one of two, never all', () => {
  const doc = (name: string, reviewed: boolean) => ({ article: name, relative: name, text: '李明', reviewed, entities: [], others: [], rejected: [] });
  const docs = Array.from({ length: 40 }, (_, i) => doc(`folder/a${i}.txt`, i % 2 === 0));
  const a = splitHeldOut(docs, 0.2);
  const b = splitHeldOut([...docs].reverse(), 0.2);
  assert.ok(a.heldOut.length >= 1 && a.heldOut.length < 20);
  assert.deepEqual(a.heldOut.map((d) => d.relative).sort(), b.heldOut.map((d) => d.relative).sort());
  assert.ok(a.heldOut.every((d) => d.reviewed));
  assert.equal(a.train.length + a.heldOut.length, docs.length);
  assert.ok(!a.train.some((d) => a.heldOut.includes(d)));
  // more documents: those held out before stay held out (a model stored after the first update never saw them)
  const more = splitHeldOut([...docs, ...Array.from({ length: 40 }, (_, i) => doc(`folder/b${i}.txt`, true))], 0.2);
  for (const d of a.heldOut) assert.ok(more.heldOut.some((x) => x.relative === d.relative), d.relative);
  assert.equal(splitHeldOut([doc('x.txt', true), doc('y.txt', true)], 0.2).heldOut.length, 1);
  assert.equal(splitHeldOut([doc('x.txt', true)], 0.2).heldOut.length, 0, 'never every reviewed document');
});

test('a workspace too large for one update is learned from up to the budget, reviewed documents first, the rest named', () => {
  const doc = (name: string, reviewed: boolean) => ({ article: name, relative: name, text: '李明在杭州。', reviewed, entities: [{ start: 0, end: 2, label: 'PER' }], others: [], rejected: [] });
  const docs = [doc('a.txt', false), doc('b.txt', true), doc('c.txt', false)];
  const { examples, left } = examplesOf(docs, 14);
  assert.equal(examples.length, 2, 'b (reviewed) then a: 6 characters each');
  assert.equal(examples[0].full, true);
  assert.deepEqual(left.map((d) => d.relative), ['c.txt']);
});

test('GB18030 articles, CRLF lines, a BOM in the .ann and astral characters: tags land on the right characters', () => {
  const iconv = require('iconv-lite') as typeof import('iconv-lite');
  const root = workspace();
  // a GB18030 article with CRLF lines and an astral character before the tag (offsets are code points; CRLF counts 2)
  const text = '第一行。\r\n𠀀王建国在北京。\r\n';
  fs.writeFileSync(path.join(root, 'gb.txt'), iconv.encode(text, 'gb18030'));
  const cps = [...text];
  const start = cps.indexOf('王');
  fs.writeFileSync(path.join(root, 'gb.ann'), `\ufeffT1\tPER ${start} ${start + 3}\t王建国\r\n`);
  const { documents, problems } = readWorkspaceDocuments(root);
  assert.deepEqual(problems, []);
  assert.equal(documents.length, 1);
  assert.deepEqual(documents[0].entities, [{ start, end: start + 3, label: 'PER' }]);
  const [ex] = documentExamples(documents[0]);
  const unit = [...ex.text];
  const at = unit.indexOf('王');
  assert.equal(ex.text.startsWith('𠀀王建国'), true);
  assert.deepEqual([...ex.allowed.slice(at, at + 3)], [1 << 1, 1 << 2, 1 << 2]);
});

test("the language server's entity worker uses the workspace model it is given, and the shipped one again", async () => {
  const { createEntityPool } = await import('../../server/src/lsp/entityPool');
  const root = workspace();
  article(root, 'a', COMPANY, [['ORG', '星海量子科技']]);
  const r = await updateModelFromWorkspace({ root, force: true, inThread: true });
  const pool = createEntityPool();
  const orgs = async () => (await pool.recognise([COMPANY]))[0].spans.filter((s) => s.label === 'ORG').map((s) => COMPANY.slice(s.start, s.end));
  try {
    assert.ok(!(await orgs()).includes('星海量子科技'));
    pool.useModel(r.modelPath);
    assert.ok((await orgs()).includes('星海量子科技'));
    pool.useModel(undefined);
    assert.ok(!(await orgs()).includes('星海量子科技'));
  } finally {
    await pool.close();
  }
});

test('news-annotator analyze uses the folder\'s own model for the files in it, and says so', async () => {
  const root = workspace();
  article(root, 'a', COMPANY, [['ORG', '星海量子科技']]);
  await updateModelFromWorkspace({ root, force: true, inThread: true });
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'server/src/cli/cli.ts'), 'analyze', '--labels', 'entities', '--jobs', '1', path.join(root, 'a.txt')], {
    encoding: 'utf8',
    env: { ...process.env, NEWS_ANNOTATOR_NER_MODEL: '' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /using the folder's own entity model .*ner\.bin/);
  const spans = JSON.parse(r.stdout).spans as { label: string; text: string }[];
  assert.ok(spans.some((s) => s.label === 'ORG' && s.text === '星海量子科技'), JSON.stringify(spans));
});

test('the comparison leaves out held-out documents the model in use learned from', async () => {
  const root = workspace();
  // names whose path hash puts them in the held-out share (0.5) or not
  const names = Array.from({ length: 60 }, (_, i) => `n${i}`);
  const inside = names.filter((n) => hash(`${n}.txt`) / 2 ** 32 < 0.5);
  const outside = names.filter((n) => hash(`${n}.txt`) / 2 ** 32 >= 0.5);
  const [seenHeld, freshHeld] = inside;
  const [t1, t2] = outside;
  const text = (who: string) => `记者${who}报道，王建国和李红梅出席了会议。`;
  // first update: only seenHeld and t1 (not reviewed yet) are learned from
  for (const n of [seenHeld, t1]) article(root, n, text(n), [['PER', '王建国'], ['PER', '李红梅']]);
  const first = await updateModelFromWorkspace({ root, force: true, inThread: true });
  assert.deepEqual(workspaceModelInfo(root)!.learnedFrom!.sort(), [`${seenHeld}.txt`, `${t1}.txt`].sort());
  assert.equal(first.documentsLearned, 2);
  // then four reviewed documents: two fall in the held-out share, and the model in use learned from one of them
  for (const n of [seenHeld, freshHeld, t1, t2]) article(root, n, text(n), [['PER', '王建国'], ['PER', '李红梅']], { reviewed: true });
  const second = await updateModelFromWorkspace({ root, holdoutFraction: 0.5, force: true, inThread: true });
  assert.equal(second.heldOutDocuments, 1, 'only the held-out document the model in use never saw is compared on');
  assert.equal(second.before.find((s) => s.label === 'ALL')!.tp + second.before.find((s) => s.label === 'ALL')!.fn, 2);
  assert.deepEqual(workspaceModelInfo(root)!.learnedFrom!.sort(), [`${t1}.txt`, `${t2}.txt`].sort(), 'held-out documents are not learned from');
});

test('both ways of adapting are trained and the one better on the held-out documents is kept; --method trains one', async () => {
  const root = workspace();
  const people = ['王建国', '李红梅', '张小军', '赵志强'];
  const firms = ['星海量子科技', '蓝鲸云图', '北辰新材'];
  for (let i = 0; i < 10; i++) {
    const who = people[i % people.length];
    const firm = firms[i % firms.length];
    article(root, `d${i}`, `${firm}的负责人${who}昨天在发布会上说，${firm}将在滨江设立新的研发中心。`, [['ORG', firm], ['PER', who]], { reviewed: true });
  }
  const r = await updateModelFromWorkspace({ root, holdoutFraction: 0.3, force: true, inThread: true });
  assert.equal(r.accepted, true);
  assert.deepEqual(Object.keys(r.methodF1!).sort(), ['all', 'words']);
  const best = Math.max(r.methodF1!.words!, r.methodF1!.all!);
  assert.equal(r.methodF1![r.method!], best, 'the method kept has the higher held-out F1');
  if (r.methodF1!.words === best) assert.equal(r.method, 'words', 'on equal F1 the smaller change is kept');
  assert.equal(r.after.find((s) => s.label === 'ALL')!.f1, best, 'the scores shown are those of the model kept');
  assert.equal(workspaceModelInfo(root)!.method, r.method);
  const one = await updateModelFromWorkspace({ root, holdoutFraction: 0.3, force: true, inThread: true, method: 'all' });
  assert.equal(one.method, 'all');
  assert.deepEqual(Object.keys(one.methodF1!), ['all']);
  assert.equal(one.methodF1!.all, r.methodF1!.all, 'the same documents train the same model');
});
