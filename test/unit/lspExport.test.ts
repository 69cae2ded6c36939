// The language server's export/import requests (server/src/lsp/export.ts) without an editor: progress reports on the
// client's token, cancellation resolving as "cancelled" (also mid word segmentation, which used to abort the
// process), articles with unsaved editor text refused, the output folder inside the exported folder left out, and
// suggestions anchored on the per-file document date.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runExport, runImport } from '../../server/src/lsp/export';
import { DocumentDateStore } from '../../server/src/core/documentDateStore';

const dirs: string[] = [];
function tmp(name: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `lsp-export-${name}-`));
  dirs.push(d);
  return d;
}
test.after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function fakeToken() {
  const listeners: (() => void)[] = [];
  const token = {
    isCancellationRequested: false,
    onCancellationRequested(l: () => void) {
      listeners.push(l);
      return { dispose() {} };
    },
  };
  return { token, cancel: () => ((token.isCancellationRequested = true), listeners.forEach((l) => l())) };
}

function fakeHost(open: TextDocument[] = [], roots: string[] = []) {
  const progress: { token: string; value: { done: number; total?: number } }[] = [];
  const host = {
    connection: { sendProgress: async (_type: unknown, token: string, value: { done: number; total?: number }) => void progress.push({ token, value }) },
    documents: { all: () => open },
    t: (m: string, ...args: unknown[]) => m.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])),
    workspaceRoots: () => roots,
  };
  return { host: host as any, progress };
}

function corpus(n: number, body = '据国家统计局发布的数据，上半年工业增加值同比增长3.8%。'.repeat(20)): string {
  const dir = tmp('corpus');
  for (let i = 0; i < n; i++) {
    const name = `doc-${String(i).padStart(3, '0')}`;
    fs.writeFileSync(path.join(dir, `${name}.txt`), body);
    fs.writeFileSync(path.join(dir, `${name}.ann`), 'T1\tORG 1 6\t国家统计局\n');
  }
  return dir;
}

test('export reports progress on the given token and returns the summary', async () => {
  const dir = corpus(5);
  const { host, progress } = fakeHost();
  const r = await runExport(host, { formats: ['doccano'], paths: [dir], outDir: path.join(tmp('out'), 'o'), progressToken: 'tok' }, fakeToken().token as any);
  assert.equal(r.cancelled, false);
  assert.equal(r.summary?.documents, 5);
  assert.deepEqual(r.summary?.tagsPerLabel, { ORG: 5 });
  assert.ok(progress.length >= 1 && progress.every((p) => p.token === 'tok'));
  assert.deepEqual(progress.at(-1)?.value.done, 5);
});

test('cancelling mid-export (word segmentation on its worker) resolves as cancelled with how far it got', async () => {
  const dir = corpus(400);
  const { host } = fakeHost();
  const { token, cancel } = fakeToken();
  const out = path.join(tmp('out'), 'o');
  const pending = runExport(host, { formats: ['conll-word', 'doccano'], paths: [dir], outDir: out }, token as any);
  setTimeout(cancel, 50);
  const r = await pending;
  assert.equal(r.cancelled, true);
  assert.equal(r.summary, undefined);
  assert.equal(r.total === 0 || r.total === 400, true);
  assert.ok(r.done < 400, `stopped early (${r.done})`);
  // the process is still alive and a new export works
  const again = await runExport(host, { formats: ['conll-word'], paths: [dir], outDir: out }, fakeToken().token as any);
  assert.equal(again.summary?.documents, 400);
});

test('an article open with unsaved text is refused, naming it; the saved text is accepted', async () => {
  const dir = corpus(2);
  const file = path.join(dir, 'doc-000.txt');
  const uri = pathToFileURL(file).toString();
  const edited = TextDocument.create(uri, 'news-article', 2, '新' + fs.readFileSync(file, 'utf8'));
  await assert.rejects(
    runExport(fakeHost([edited]).host, { formats: ['doccano'], paths: [dir], outDir: path.join(tmp('out'), 'o') }, fakeToken().token as any),
    (err: Error) => err.message.includes(file),
  );
  await assert.rejects(
    runImport(fakeHost([edited]).host, { format: 'doccano', inputs: [dir], intoDir: dir }, fakeToken().token as any),
    (err: Error) => err.message.includes(file),
  );
  const same = TextDocument.create(uri, 'news-article', 3, fs.readFileSync(file, 'utf8'));
  const r = await runExport(fakeHost([same]).host, { formats: ['doccano'], paths: [dir], outDir: path.join(tmp('out'), 'o') }, fakeToken().token as any);
  assert.equal(r.summary?.documents, 2);
});

test('the output folder inside the exported folder is left out, so exporting brat twice gives the same documents', async () => {
  const dir = corpus(3);
  const out = path.join(dir, 'export');
  const { host } = fakeHost();
  const first = await runExport(host, { formats: ['brat'], paths: [dir], outDir: out }, fakeToken().token as any);
  const second = await runExport(host, { formats: ['brat'], paths: [dir], outDir: out }, fakeToken().token as any);
  assert.equal(first.summary?.documents, 3);
  assert.equal(second.summary?.documents, 3);
  // but an output folder holding the scope is refused
  await assert.rejects(runExport(host, { formats: ['brat'], paths: [dir], outDir: dir }, fakeToken().token as any), /holds the articles to export/);
});

test('bad requests get clear messages', async () => {
  const { host } = fakeHost();
  const t = fakeToken().token as any;
  await assert.rejects(runExport(host, { formats: ['csv'], paths: ['/x'], outDir: '/y' }, t), /Unknown export format csv/);
  await assert.rejects(runExport(host, { formats: ['doccano'], paths: [corpus(1)], outDir: tmp('o'), split: { ratios: [1, -1], seed: 1 } }, t), /non-negative/);
  await assert.rejects(runExport(host, { formats: ['doccano'], paths: [corpus(1)], outDir: tmp('o'), split: { ratios: [8, 2], seed: 1.5 } }, t), /integer/);
});

test('suggestions use the per-file document date the editor stored', async () => {
  const root = tmp('root');
  const file = path.join(root, 'news.txt');
  fs.writeFileSync(file, '今年以来，温州投资增长12%。');
  new DocumentDateStore([root]).set(file, '2021-03-05');
  const out = path.join(tmp('out'), 'o');
  const r = await runExport(fakeHost([], [root]).host, { formats: ['doccano'], paths: [file], outDir: out, includeSuggestions: true }, fakeToken().token as any);
  assert.equal(r.cancelled, false);
  const row = JSON.parse(fs.readFileSync(path.join(out, 'all.jsonl'), 'utf8'));
  assert.equal(row.values.find((v: { label: string }) => v.label === 'DATE')?.timex, '2021');
});
