import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ArticleFiles, findSchemaFile, readTextIfExists, writeAtomic } from '../../server/src/annotations/annStorage';
import { annPathFor } from '../../server/src/annotations/articleRules';
import { TaggingService } from '../../server/src/lsp/tagging';
import type { ServerContext } from '../../server/src/lsp/serverContext';
import type { Span } from '../../server/src/core/types';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ann-storage-'));
}

function waitFor<T>(probe: () => T | undefined, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const v = probe();
      if (v !== undefined) return resolve(v);
      if (Date.now() > deadline) return reject(new Error('timed out'));
      setTimeout(tick, 20);
    };
    tick();
  });
}

test('the .ann and sidecar sit beside the article', () => {
  assert.equal(annPathFor('/c/2023/article.txt'), '/c/2023/article.ann');
  assert.equal(annPathFor('/c/a.b/news'), '/c/a.b/news.ann');
  const f = new ArticleFiles('/c/x.news');
  assert.equal(f.annPath, '/c/x.ann');
  assert.equal(f.reviewPath, '/c/x.review.json');
});

test('atomic writes leave no temporary file; undefined removes; nothing is created for an empty .ann', () => {
  const dir = tmp();
  try {
    const file = path.join(dir, 'a.ann');
    writeAtomic(file, 'T1\tPER 0 2\t王五\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'T1\tPER 0 2\t王五\n');
    assert.deepEqual(fs.readdirSync(dir), ['a.ann']);
    writeAtomic(file, undefined);
    assert.deepEqual(fs.readdirSync(dir), []);
    writeAtomic(file, undefined); // already gone: fine
    const files = new ArticleFiles(path.join(dir, 'b.txt'));
    files.read();
    assert.deepEqual(files.write('', undefined), []);
    assert.deepEqual(fs.readdirSync(dir), []);
    assert.deepEqual(files.write('T1\tPER 0 2\t王五\n', '{}\n'), ['ann', 'review']);
    assert.deepEqual(files.write('T1\tPER 0 2\t王五\n', '{}\n'), [], 'unchanged files are not rewritten');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['b.ann', 'b.review.json']);
    // a write that fails (the folder is gone) is reported, not swallowed
    fs.rmSync(dir, { recursive: true });
    assert.throws(() => files.write('T1\tPER 0 3\t王五六\n', '{}\n'), /b\.ann: cannot be written/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('reading keeps a UTF-8 BOM (to write it back) and decodes a GB18030 .ann', () => {
  const dir = tmp();
  try {
    fs.writeFileSync(path.join(dir, 'bom.ann'), '\ufeffT1\tPER 0 2\t王五\n');
    assert.equal(readTextIfExists(path.join(dir, 'bom.ann')), '\ufeffT1\tPER 0 2\t王五\n');
    fs.writeFileSync(path.join(dir, 'gb.ann'), iconv.encode('T1\tORG 0 6\t温州市财政局\nT2\tLOC 7 9\t鹿城区政府\n', 'gb18030'));
    assert.equal(readTextIfExists(path.join(dir, 'gb.ann')), 'T1\tORG 0 6\t温州市财政局\nT2\tLOC 7 9\t鹿城区政府\n');
    assert.equal(readTextIfExists(path.join(dir, 'none.ann')), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('outside changes are reported, the watcher ignores our own writes', async () => {
  const dir = tmp();
  const files = new ArticleFiles(path.join(dir, 'a.txt'));
  try {
    files.read();
    const seen: { ann?: string | null; review?: string | null }[] = [];
    files.watch((c) => seen.push(c), 20);
    files.write('T1\tPER 0 2\t王五\n', undefined);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(seen, [], 'own write');
    fs.writeFileSync(path.join(dir, 'a.ann'), 'T1\tLOC 0 2\t温州\n');
    const change = await waitFor(() => seen[0]);
    assert.deepEqual(change, { ann: 'T1\tLOC 0 2\t温州\n' });
    fs.unlinkSync(path.join(dir, 'a.ann'));
    const removed = await waitFor(() => seen[1]);
    assert.deepEqual(removed, { ann: null });
  } finally {
    files.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the schema file is found in the article folder or the nearest parent', () => {
  const dir = tmp();
  try {
    fs.mkdirSync(path.join(dir, '.news-annotator'));
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.news-annotator', 'schema.json'), '{}');
    assert.equal(findSchemaFile(path.join(dir, 'a', 'b', 'x.txt')), path.join(dir, '.news-annotator', 'schema.json'));
    assert.equal(findSchemaFile(path.join(dir, 'a', 'b', 'x.txt'), path.join(dir, 'a')), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The server-side service driven without a connection. */
function service(docs: Map<string, TextDocument>, spans: Span[] = []): TaggingService {
  return new TaggingService({
    documents: { get: (u: string) => docs.get(u) } as unknown as ServerContext['documents'],
    analysis: async () => ({ result: { dct: { source: 'none' }, spans } }),
    t: (m: string, ...a: unknown[]) => m.replace(/\{(\d+)\}/g, (_: string, i: string) => String(a[Number(i)])),
  } as unknown as ServerContext);
}

test('a GB18030 article with CRLF: offsets as decoded (CRLF counts two), edits discarded on close move tags back', async () => {
  const dir = tmp();
  try {
    const text = '温州讯\r\n鹿城区政府昨日发布通知。\r\n';
    const file = path.join(dir, 'gb.txt');
    fs.writeFileSync(file, iconv.encode(text, 'gb18030'));
    const uri = pathToFileURL(file).toString();
    let doc = TextDocument.create(uri, 'news-article', 1, text);
    const docs = new Map([[uri, doc]]);
    const s = service(docs);
    await s.open(doc);
    const start = text.indexOf('鹿城区');
    const r = await s.run({ uri, op: { op: 'tag', start, end: start + 3, label: 'LOC' } });
    assert.ok(r.ok, r.message);
    assert.equal(fs.readFileSync(path.join(dir, 'gb.ann'), 'utf8'), 'T1\tLOC 5 8\t鹿城区\n');
    assert.deepEqual(r.state.tags[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    // typing before the tag (not saved), then closing: the .ann follows the edit, then goes back to the text on disk
    doc = TextDocument.update(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '【本报】' }], 2);
    docs.set(uri, doc);
    s.change(doc);
    await s.run({ uri, op: { op: 'next', offset: 0, direction: 1 } }); // any request writes what is pending
    assert.equal((await s.state(uri)).tags[0].start, 9);
    s.close(uri);
    assert.equal(fs.readFileSync(path.join(dir, 'gb.ann'), 'utf8'), 'T1\tLOC 5 8\t鹿城区\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an .ann changed outside while open is reloaded: mismatches reported, re-anchoring fixes them', async () => {
  const dir = tmp();
  const text = '据悉，温州市财政局将投入资金。';
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const doc = TextDocument.create(uri, 'news-article', 1, text);
  const s = service(new Map([[uri, doc]]), [{ start: 3, end: 9, label: 'ORG', text: '温州市财政局' }]);
  try {
    let st = (await s.open(doc)) && (await s.state(uri));
    assert.equal(st.suggestions.length, 1);
    // brat (or git) writes a file whose offsets are for an older text
    fs.writeFileSync(path.join(dir, 'a.ann'), 'T1\tORG 0 6\t温州市财政局\nR1\tRel Arg1:T1 Arg2:T1\n');
    st = await waitFor(() => {
      const x = s.buildState((s as any).sessions.get(uri));
      return x.mismatches.length ? x : undefined;
    });
    assert.match(st.mismatches[0].message, /T1 \(ORG\) says "温州市财政局" at 0–6, but the text there is "据悉，温州市"/);
    const r = await s.run({ uri, op: { op: 'reanchor' } });
    assert.equal(r.count, 1);
    assert.equal(fs.readFileSync(path.join(dir, 'a.ann'), 'utf8'), 'T1\tORG 3 9\t温州市财政局\nR1\tRel Arg1:T1 Arg2:T1\n');
    assert.equal(r.state.suggestions.length, 0, 'the confirmed tag hides the suggestion');
  } finally {
    s.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an .ann that cannot be decoded is left untouched and tagging pauses until it can be read', async () => {
  const dir = tmp();
  const text = '温州市财政局将投入资金。';
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, text);
  const bad = Buffer.from([0x54, 0x31, 0x09, 0xff, 0xff, 0xff, 0x0a]);
  fs.writeFileSync(path.join(dir, 'a.ann'), bad);
  fs.writeFileSync(path.join(dir, 'a.review.json'), '{"reviewed": true, "rejected": [1]}');
  const uri = pathToFileURL(file).toString();
  const doc = TextDocument.create(uri, 'news-article', 1, text);
  const s = service(new Map([[uri, doc]]));
  try {
    await s.open(doc);
    const r = await s.run({ uri, op: { op: 'tag', start: 0, end: 6, label: 'ORG' } });
    assert.equal(r.ok, false);
    assert.match(r.message!, /cannot be read.*invalid byte 0xff/);
    assert.match(r.state.storageError!, /tagging this article is paused/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'a.ann')), bad, 'not overwritten');
    // fixed outside: reloaded, tagging works again; the broken sidecar is kept beside its replacement
    fs.writeFileSync(path.join(dir, 'a.ann'), 'T1\tLOC 0 2\t温州\n');
    await waitFor(() => (s.buildState((s as any).sessions.get(uri)).tags.length === 1 ? true : undefined));
    const ok = await s.run({ uri, op: { op: 'tag', start: 0, end: 6, label: 'ORG' } });
    assert.equal(ok.ok, false, 'overlaps LOC 温州');
    const ok2 = await s.run({ uri, op: { op: 'relabel', offset: 0, label: 'ORG' } });
    assert.ok(ok2.ok, ok2.message);
    assert.equal(fs.readFileSync(path.join(dir, 'a.ann'), 'utf8'), 'T1\tORG 0 2\t温州\n');
    assert.equal(fs.readFileSync(path.join(dir, 'a.review.json.broken'), 'utf8'), '{"reviewed": true, "rejected": [1]}');
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'a.review.json'), 'utf8')).reviewed, true);
  } finally {
    s.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('on close, a text on disk the editor never had (another encoding, changed outside) leaves the .ann alone', async () => {
  const dir = tmp();
  try {
    const file = path.join(dir, 'a.txt');
    const text = '鹿城区政府昨日发布通知。';
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const doc = TextDocument.create(uri, 'news-article', 1, text);
    const s = service(new Map([[uri, doc]]));
    await s.open(doc);
    await s.run({ uri, op: { op: 'tag', start: 0, end: 3, label: 'LOC' } });
    fs.writeFileSync(file, '外部程序改写了这篇文章。' + text);
    s.close(uri);
    assert.equal(fs.readFileSync(path.join(dir, 'a.ann'), 'utf8'), 'T1\tLOC 0 3\t鹿城区\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('flush writes edits still inside the typing delay', async () => {
  const dir = tmp();
  try {
    const file = path.join(dir, 'a.txt');
    const text = '鹿城区政府昨日发布通知。';
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    let doc = TextDocument.create(uri, 'news-article', 1, text);
    const docs = new Map([[uri, doc]]);
    const s = service(docs);
    await s.open(doc);
    await s.run({ uri, op: { op: 'tag', start: 0, end: 3, label: 'LOC' } });
    doc = TextDocument.update(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '据悉，' }], 2);
    docs.set(uri, doc);
    s.change(doc);
    assert.equal(fs.readFileSync(path.join(dir, 'a.ann'), 'utf8'), 'T1\tLOC 0 3\t鹿城区\n', 'not yet written');
    s.flush();
    assert.equal(fs.readFileSync(path.join(dir, 'a.ann'), 'utf8'), 'T1\tLOC 3 6\t鹿城区\n');
    s.dispose();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
