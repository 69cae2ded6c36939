// Every user-visible string of the manifest, the client and the hovers has an English and a Chinese version.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DURATION_UNITS, LABEL_DESCRIPTIONS, PARTS_OF_DAY, SEVERAL, WEEKDAYS } from '../../server/src/core/describe';

const root = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

function placeholders(s: string): string[] {
  return (s.match(/\{\d+\}/g) ?? []).sort();
}

test('every %key% in package.json has an English and a Chinese entry, with the same placeholders', () => {
  const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const keys = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))];
  assert.ok(keys.length > 20, `found ${keys.length} keys`);
  const en = readJson('package.nls.json');
  const zh = readJson('package.nls.zh-cn.json');
  for (const key of keys) {
    assert.equal(typeof en[key], 'string', `package.nls.json lacks ${key}`);
    assert.equal(typeof zh[key], 'string', `package.nls.zh-cn.json lacks ${key}`);
  }
  for (const key of Object.keys(zh)) assert.ok(key in en, `package.nls.zh-cn.json has ${key}, which English lacks`);
});

test('the Chinese bundle translates every message of the client, the server and the hovers', () => {
  const bundle = readJson('client/l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
  const sources = [
    ...fs.readdirSync(path.join(root, 'client/src')).filter((f) => f.endsWith('.ts')).map((f) => `client/src/${f}`),
    'server/src/lsp/server.ts',
    'server/src/core/describe.ts',
  ];
  const messages = new Set<string>();
  for (const file of sources) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/\b(?:l10n\.)?t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(m[1].replace(/\\'/g, "'"));
  }
  for (const table of [WEEKDAYS, Object.values(PARTS_OF_DAY), Object.values(DURATION_UNITS).flat(), Object.values(SEVERAL), Object.values(LABEL_DESCRIPTIONS)]) {
    for (const m of table) messages.add(m);
  }
  assert.ok(messages.size > 60, `found ${messages.size} messages`);
  for (const message of messages) {
    assert.equal(typeof bundle[message], 'string', `client/l10n/bundle.l10n.zh-cn.json lacks "${message}"`);
    assert.deepEqual(placeholders(bundle[message]), placeholders(message), `placeholders of "${message}"`);
  }
});

test('with the Chinese bundle loaded, hovers read in Chinese (as the server does for a zh-cn client)', async () => {
  const l10n = await import('@vscode/l10n');
  const { describeSpan } = await import('../../server/src/core/describe');
  l10n.config({ contents: readJson('client/l10n/bundle.l10n.zh-cn.json') });
  const t = (message: string, ...args: Array<string | number>) => l10n.t(message, ...args);
  const lines = describeSpan(
    { start: 0, end: 3, label: 'DATE', text: '二季度', timex: '2023-Q2', mod: 'since_start' },
    { dct: { date: '2023-06-18', source: 'filename' }, t },
  );
  assert.deepEqual(lines, ['**DATE** · 日期 · 二季度', '2023-Q2 (2023-04-01 – 2023-06-30)以来', '文档日期 2023-06-18——取自文件名']);
});
