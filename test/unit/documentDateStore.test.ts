import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DocumentDateStore, DocumentDateStoreError } from '../../server/src/core/documentDateStore';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dct-store-'));
}

test('the store takes dates with a time of day, and refuses dates that do not exist', () => {
  const root = tempDir();
  const store = new DocumentDateStore([root]);
  store.set(path.join(root, 'flash.txt'), '2023-06-18T09:30');
  assert.equal(new DocumentDateStore([root]).get(path.join(root, 'flash.txt')), '2023-06-18T09:30');
  assert.throws(() => store.set(path.join(root, 'a.txt'), '2023-02-30'), /'2023-02-30' is not a real date/);
  assert.throws(() => store.set(path.join(root, 'a.txt'), '2023-6-18'), /not a date of the form YYYY-MM-DD/);
});

test('lookup without roots reads the nearest store above the file (the CLI and the export)', () => {
  const root = tempDir();
  new DocumentDateStore([root]).set(path.join(root, 'news', 'a.txt'), '2020-05-06');
  assert.equal(new DocumentDateStore().lookup(path.join(root, 'news', 'a.txt')), '2020-05-06');
  assert.equal(new DocumentDateStore().lookup(path.join(root, 'news', 'b.txt')), undefined);
  assert.equal(new DocumentDateStore([root]).lookup(path.join(root, 'news', 'a.txt')), '2020-05-06');
});

test('a per-file date is stored under the workspace folder, keyed by relative path, and read back', () => {
  const root = tempDir();
  const file = path.join(root, 'news', '2023-06-18-economy.txt');
  const store = new DocumentDateStore();
  store.setRoots([root]);
  assert.equal(store.get(file), undefined);
  const storeFile = store.set(file, '2023-06-20');
  assert.equal(storeFile, path.join(root, '.news-annotator', 'document-dates.json'));
  assert.deepEqual(JSON.parse(fs.readFileSync(storeFile, 'utf8')), {
    version: 1,
    dates: { 'news/2023-06-18-economy.txt': '2023-06-20' },
  });
  // A second store instance (another process, the CLI) sees the same choice.
  const other = new DocumentDateStore([root]);
  other.setRoots([root]);
  assert.equal(other.get(file), '2023-06-20');
  store.set(file, null);
  assert.equal(store.get(file), undefined);
  assert.deepEqual(JSON.parse(fs.readFileSync(storeFile, 'utf8')).dates, {});
});

test('hand edits are picked up, other entries are kept, files outside workspaces use their own folder', () => {
  const root = tempDir();
  const store = new DocumentDateStore();
  store.setRoots([root]);
  const storeFile = path.join(root, '.news-annotator', 'document-dates.json');
  fs.mkdirSync(path.dirname(storeFile));
  fs.writeFileSync(storeFile, JSON.stringify({ version: 1, dates: { 'a.txt': '2020-01-01' } }));
  assert.equal(store.get(path.join(root, 'a.txt')), '2020-01-01');
  store.set(path.join(root, 'b.txt'), '2021-02-03');
  assert.deepEqual(JSON.parse(fs.readFileSync(storeFile, 'utf8')).dates, { 'a.txt': '2020-01-01', 'b.txt': '2021-02-03' });
  fs.writeFileSync(storeFile, JSON.stringify({ version: 1, dates: { 'a.txt': '2019-09-09', 'b.txt': '2021-02-03' } }, null, 4));
  assert.equal(store.get(path.join(root, 'a.txt')), '2019-09-09');

  const outside = tempDir();
  const loc = store.locate(path.join(outside, 'x.news'));
  assert.deepEqual(loc, { storeFile: path.join(outside, '.news-annotator', 'document-dates.json'), key: 'x.news' });
});

test('a broken store file gives a clear error naming it and is never overwritten', () => {
  const root = tempDir();
  const store = new DocumentDateStore();
  store.setRoots([root]);
  const storeFile = path.join(root, '.news-annotator', 'document-dates.json');
  fs.mkdirSync(path.dirname(storeFile));
  const broken = '{"version": 1, "dates": {"a.txt": "2020-01-01",}}';
  fs.writeFileSync(storeFile, broken);
  assert.throws(() => store.get(path.join(root, 'a.txt')), (err: Error) => err instanceof DocumentDateStoreError && err.message.includes(storeFile));
  assert.throws(() => store.set(path.join(root, 'b.txt'), '2021-01-01'), DocumentDateStoreError);
  assert.equal(fs.readFileSync(storeFile, 'utf8'), broken);
  fs.writeFileSync(storeFile, '{"version": 1, "dates": {"a.txt": "June"}}');
  assert.throws(() => store.get(path.join(root, 'a.txt')), /"a.txt" is "June": 'June' is not a date of the form YYYY-MM-DD/);
  assert.throws(() => store.set(path.join(root, 'a.txt'), '2023-13-01'), /'2023-13-01' is not a real date/);
});
