// The settings module (server/src/lsp/settings.ts): one type, one set of defaults, one normaliser; package.json's
// contributes.configuration checked against it (a key, a default or a description missing on either side fails).
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SETTINGS, SETTING_DEFAULTS, enabledGroups, normaliseSettings } from '../../server/src/lsp/settings';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const properties: Record<string, { default?: unknown; markdownDescription?: string; description?: string; scope?: string }> =
  pkg.contributes.configuration.properties;
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const nlsZh: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8'));

test('settings: missing or malformed values fall back to the defaults', () => {
  assert.deepEqual(normaliseSettings(undefined), DEFAULT_SETTINGS);
  assert.deepEqual(normaliseSettings({ labels: { enabled: { figures: false, dates: 'no' } }, documentDate: ' 2023-06-18 ' }), {
    ...DEFAULT_SETTINGS,
    labels: { enabled: { figures: false, dates: true, entities: true } },
    documentDate: '2023-06-18',
  });
  assert.equal(normaliseSettings({ documentDate: '2023-02-30' }).documentDate, '', 'an impossible date is ignored');
  assert.equal(normaliseSettings({ documentDate: 20230618 }).documentDate, '');
  assert.equal(normaliseSettings({ documentDate: '2023-06-18T09:30' }).documentDate, '2023-06-18T09:30');
  assert.equal(normaliseSettings({ largeFileThreshold: 0 }).largeFileThreshold, 0, '0 turns the limit off');
  assert.equal(normaliseSettings({ largeFileThreshold: 1234.5 }).largeFileThreshold, 1234);
  for (const bad of [-1, '100', NaN, Infinity, null]) assert.equal(normaliseSettings({ largeFileThreshold: bad }).largeFileThreshold, 500_000);
  assert.deepEqual(normaliseSettings({ articleFiles: ' news/**/*.txt ', articleMinCjkShare: 0.3 }).articles, { glob: 'news/**/*.txt', minShare: 0.3 });
  assert.deepEqual(normaliseSettings({ articleFiles: 3, articleMinCjkShare: 2 }).articles, DEFAULT_SETTINGS.articles);
});

test('the enabled groups come from the group table; entities are the group skipped in large files', () => {
  assert.deepEqual(enabledGroups(DEFAULT_SETTINGS), ['figures', 'dates', 'entities']);
  assert.deepEqual(enabledGroups(DEFAULT_SETTINGS, true), ['figures', 'dates']);
  assert.deepEqual(enabledGroups(normaliseSettings({ labels: { enabled: { dates: false } } })), ['figures', 'entities']);
});

test('package.json declares every setting the server reads, with the same default and a description in both languages', () => {
  for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
    const declared = properties[key];
    assert.ok(declared, `package.json contributes.configuration lacks ${key}`);
    assert.deepEqual(declared.default, value, `${key}: package.json default vs lsp/settings.ts`);
    const description = declared.markdownDescription ?? declared.description ?? '';
    const m = /^%(.+)%$/.exec(description);
    assert.ok(m, `${key}: description is a %key% of package.nls.json`);
    assert.equal(typeof nls[m![1]], 'string', `package.nls.json lacks ${m![1]}`);
    assert.equal(typeof nlsZh[m![1]], 'string', `package.nls.zh-cn.json lacks ${m![1]}`);
  }
});

test('every contributed setting has a default, a description in both nls files and the newsAnnotator prefix', () => {
  for (const [key, p] of Object.entries(properties)) {
    assert.ok(key.startsWith('newsAnnotator.'), key);
    assert.ok('default' in p, `${key} has no default`);
    const m = /^%(.+)%$/.exec(p.markdownDescription ?? p.description ?? '');
    assert.ok(m && typeof nls[m[1]] === 'string' && typeof nlsZh[m[1]] === 'string', `${key}: description in both nls files`);
  }
});
