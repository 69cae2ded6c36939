import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { defaultSchema, parseSchema } from '../../server/src/annotations/labelSchema';
import { ALL_LABELS } from '../../server/src/core/types';

test('the default schema is the guidelines label set, keys 1-9 first, nothing overlaps', () => {
  const s = defaultSchema();
  assert.deepEqual(s.labels.map((l) => l.name), [...ALL_LABELS]);
  assert.deepEqual(s.labels.slice(0, 9).map((l) => l.key), ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.ok(s.labels.every((l) => /^#[0-9a-f]{6}$/.test(l.color) && !l.mayOverlap));
  assert.equal(new Set(s.labels.map((l) => l.key)).size, s.labels.length);
});

test('a valid schema file replaces the default', () => {
  const text = JSON.stringify({
    $schema: '../client/schemas/label-schema.json',
    labels: [
      { name: 'PER', color: '#e6194b', key: 'p' },
      { name: 'EVENT', color: '#abc', key: 'e', mayOverlap: true, description: '事件' },
    ],
  });
  const { schema, problems } = parseSchema(text, '/w/.news-annotator/schema.json');
  assert.deepEqual(problems, []);
  assert.equal(schema.source, '/w/.news-annotator/schema.json');
  assert.deepEqual(schema.labels, [
    { name: 'PER', color: '#e6194b', key: 'p', mayOverlap: false },
    { name: 'EVENT', color: '#abc', key: 'e', mayOverlap: true },
  ]);
});

test('invalid JSON: one problem at the position of the error, the default stays in force', () => {
  const text = '{\n  "labels": [\n    { "name": "PER", "color": "#fff" },\n  ]\n}';
  const { schema, problems } = parseSchema(text, 'x');
  assert.equal(schema.source, 'default');
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /Invalid JSON/);
  assert.ok(problems[0].start > 40 && problems[0].start <= text.length, `position ${problems[0].start}`);
});

test('invalid labels are each reported where they are, and the default stays in force', () => {
  const text = `{
  "labels": [
    { "name": "PER", "color": "red", "key": "1" },
    { "name": "LOC", "color": "#00ff00", "key": "1" },
    { "name": "LOC", "color": "#00ff00" },
    { "name": "bad name", "color": "#00ff00", "mayOverlap": "yes" },
    { "name": "ORG", "colour": "#00ff00" }
  ],
  "extra": 1
}`;
  const { schema, problems } = parseSchema(text, 'x');
  assert.equal(schema.source, 'default');
  const messages = problems.map((p) => p.message);
  assert.ok(messages.some((m) => /labels\[0\]: "color" must be a colour/.test(m)));
  assert.ok(messages.some((m) => /labels\[1\]: key "1" is already used by PER/.test(m)));
  assert.ok(messages.some((m) => /labels\[2\]: label "LOC" appears twice/.test(m)));
  assert.ok(messages.some((m) => /labels\[3\]: "name" must be/.test(m)));
  assert.ok(messages.some((m) => /labels\[3\]: "mayOverlap" must be true or false/.test(m)));
  assert.ok(messages.some((m) => /labels\[4\]: unknown property "colour"/.test(m)));
  assert.ok(messages.some((m) => /Unknown property "extra"/.test(m)));
  assert.ok(messages.every((m) => m.endsWith('The default labels are used until this is fixed.')));
  // the problem for labels[1] points at its own "LOC", not the first one in the file
  const p1 = problems.find((p) => p.message.includes('labels[1]'))!;
  assert.equal(text.slice(p1.start, p1.end), '"LOC"');
  assert.equal(p1.start, text.indexOf('"LOC"'));
  const p2 = problems.find((p) => p.message.includes('labels[2]'))!;
  assert.equal(p2.start, text.indexOf('"LOC"', p1.end));
  assert.equal(parseSchema('[]', 'x').problems.length, 1);
  assert.equal(parseSchema('{"labels": []}', 'x').problems.length, 1);
});

test('the JSON schema shipped for VS Code agrees with the validator on names, colours and properties', () => {
  const file = path.resolve(__dirname, '..', '..', 'client', 'schemas', 'label-schema.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const item = json.properties.labels.items;
  assert.deepEqual(Object.keys(item.properties).sort(), ['color', 'description', 'key', 'mayOverlap', 'name']);
  assert.deepEqual(item.required, ['name', 'color']);
  const name = new RegExp(item.properties.name.pattern);
  const color = new RegExp(item.properties.color.pattern);
  for (const l of defaultSchema().labels) {
    assert.ok(name.test(l.name));
    assert.ok(color.test(l.color));
  }
  assert.ok(!name.test('bad name'));
  assert.ok(!color.test('red'));
});
