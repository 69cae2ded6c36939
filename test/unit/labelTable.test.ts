// The label table (server/src/core/labels.ts) is the one home of every fact about a label and a recogniser group.
// What is derived at run time is checked here to come from it; what is written by hand elsewhere (package.json,
// both package.nls files, the l10n bundle, the schema file's JSON schema) is checked against it: adding a label is
// one row in the table, and this test names each other place to update.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_GROUPS, LABEL_GROUP_TABLE, LABEL_TABLE, labelsOf } from '../../server/src/core/labels';
import { ALL_LABELS, LABEL_GROUPS } from '../../server/src/core/types';
import { LABEL_DESCRIPTIONS, describeSpan } from '../../server/src/core/describe';
import { defaultSchema } from '../../server/src/annotations/labelSchema';
import { labelingConfig } from '../../server/src/formats/labelStudio';
import { LEGEND, tokenTypeOf } from '../../server/src/lsp/semanticTokens';
import { flatten } from '../../server/src/analysis/analyze';

const root = path.join(__dirname, '..', '..');
const json = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const pkg = json('package.json');
const nls: Record<string, string> = json('package.nls.json');
const nlsZh: Record<string, string> = json('package.nls.zh-cn.json');
const bundleZh: Record<string, string> = json('client/l10n/bundle.l10n.zh-cn.json');

test('the table is well formed: unique labels, token types, keys, priorities; real colours; known groups', () => {
  for (const field of ['label', 'tokenType', 'key', 'priority'] as const) {
    const values = LABEL_TABLE.map((r) => r[field]);
    assert.equal(new Set(values).size, values.length, `duplicate ${field}`);
  }
  for (const r of LABEL_TABLE) {
    assert.match(r.colour, /^#[0-9a-f]{6}$/, r.label);
    assert.ok((ALL_GROUPS as readonly string[]).includes(r.group), `${r.label}: unknown group ${r.group}`);
    assert.ok(r.tokenScopes.length > 0, r.label);
  }
  for (const g of ALL_GROUPS) assert.ok(labelsOf(g).length > 0, `group ${g} has no label`);
});

test('labels, groups, priorities, hovers, token legend, schema defaults and Label Studio come from the table', () => {
  assert.deepEqual([...ALL_LABELS], LABEL_TABLE.map((r) => r.label));
  assert.deepEqual(Object.keys(LABEL_GROUPS), LABEL_GROUP_TABLE.map((r) => r.group));
  for (const r of LABEL_TABLE) {
    assert.equal(LABEL_DESCRIPTIONS[r.label], r.description);
    assert.equal(tokenTypeOf(r.label), r.tokenType);
    assert.match(describeSpan({ start: 0, end: 1, label: r.label, text: 'x' }, { dct: { source: 'none' } })[0], new RegExp(` · ${r.description} · `));
  }
  assert.deepEqual(LEGEND.tokenTypes, LABEL_TABLE.map((r) => r.tokenType));
  assert.deepEqual(
    defaultSchema().labels.map((l) => [l.name, l.color, l.key]),
    LABEL_TABLE.map((r) => [r.label, r.colour, r.key]),
  );
  // of two overlapping spans of the same length, the lower priority number wins
  const byPriority = [...LABEL_TABLE].sort((a, b) => a.priority - b.priority);
  for (let i = 0; i + 1 < byPriority.length; i++) {
    const [hi, lo] = [byPriority[i], byPriority[i + 1]];
    const kept = flatten([{ start: 0, end: 2, label: lo.label }, { start: 0, end: 2, label: hi.label }]);
    assert.deepEqual(kept.map((s) => s.label), [hi.label]);
  }
});

test('Label Studio takes the editor colour of every label (issue 9: DATE had CARDINAL\'s colour)', () => {
  const config = labelingConfig();
  const editor = new Map(defaultSchema().labels.map((l) => [l.name, l.color]));
  const written = [...config.matchAll(/<Label value="([^"]+)" background="([^"]+)"\/>/g)].map((m) => [m[1], m[2]]);
  assert.equal(written.length, LABEL_TABLE.length);
  for (const [label, colour] of written) assert.equal(colour, editor.get(label), label);
});

test('package.json semanticTokenTypes and semanticTokenScopes match the table', () => {
  const types: Array<{ id: string; description: string }> = pkg.contributes.semanticTokenTypes;
  assert.deepEqual(
    types.map((t) => [t.id, t.description]),
    LABEL_TABLE.map((r) => [r.tokenType, `%semanticToken.${r.label}%`]),
    'package.json contributes.semanticTokenTypes: one {id: tokenType, description: "%semanticToken.LABEL%"} per row',
  );
  const scopes: Record<string, string[]> = Object.assign({}, ...pkg.contributes.semanticTokenScopes.map((s: { scopes: object }) => s.scopes));
  assert.deepEqual(scopes, Object.fromEntries(LABEL_TABLE.map((r) => [r.tokenType, [...r.tokenScopes]])), 'contributes.semanticTokenScopes');
});

test('both package.nls files describe every token type and every group setting as the table does', () => {
  for (const r of LABEL_TABLE) {
    assert.equal(nls[`semanticToken.${r.label}`], r.title, `package.nls.json semanticToken.${r.label}`);
    assert.equal(nlsZh[`semanticToken.${r.label}`], r.titleZh, `package.nls.zh-cn.json semanticToken.${r.label}`);
  }
  const declared = Object.keys(nls).filter((k) => /^semanticToken\.[A-Z_]+$/.test(k)).map((k) => k.slice('semanticToken.'.length));
  assert.deepEqual(declared.sort(), LABEL_TABLE.map((r) => r.label).sort(), 'no token description for a label that is not in the table');
  for (const g of LABEL_GROUP_TABLE) {
    const labels = labelsOf(g.group).join(', ');
    assert.equal(nls[`configuration.labels.${g.group}`], `${g.title}: ${labels}.`, `package.nls.json configuration.labels.${g.group}`);
    assert.equal(nlsZh[`configuration.labels.${g.group}`], `${g.titleZh}：${labelsOf(g.group).join('、')}。`, `package.nls.zh-cn.json configuration.labels.${g.group}`);
    for (const l of labelsOf(g.group)) {
      assert.ok(nls['configuration.labels.enabled'].includes(l), `package.nls.json configuration.labels.enabled names ${l}`);
      assert.ok(nlsZh['configuration.labels.enabled'].includes(l), `package.nls.zh-cn.json configuration.labels.enabled names ${l}`);
    }
  }
});

test('the newsAnnotator.labels.enabled setting has one flag per group of the table', () => {
  const setting = pkg.contributes.configuration.properties['newsAnnotator.labels.enabled'];
  assert.deepEqual(Object.keys(setting.properties), [...ALL_GROUPS]);
  for (const g of ALL_GROUPS) assert.equal(setting.properties[g].description, `%configuration.labels.${g}%`);
  assert.deepEqual(setting.default, Object.fromEntries(ALL_GROUPS.map((g) => [g, true])));
});

test('the Chinese bundle has every hover description; the schema file\'s JSON schema lists the labels', () => {
  for (const r of LABEL_TABLE) assert.equal(typeof bundleZh[r.description], 'string', `client/l10n/bundle.l10n.zh-cn.json lacks "${r.description}"`);
  const schema = json('client/schemas/label-schema.json');
  assert.deepEqual(schema.properties.labels.items.properties.name.examples, LABEL_TABLE.map((r) => r.label));
  assert.ok(schema.description.includes(`(${LABEL_TABLE.map((r) => r.label).join(', ')})`), 'label-schema.json description lists the labels');
});
