// Every message of tagging (client views and commands, the server's tagging, the annotation core's templates and
// the label-schema problems) has a Chinese version with the same placeholders.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseSchema } from '../../server/src/annotations/labelSchema';

const root = path.resolve(__dirname, '..', '..');
const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort();

test('tagging messages are all in the Chinese bundle', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'client/l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const sources = [
    ...fs.readdirSync(path.join(root, 'client/src/tagging')).filter((f) => f.endsWith('.ts')).map((f) => `client/src/tagging/${f}`),
    'server/src/lsp/tagging.ts',
    ...fs.readdirSync(path.join(root, 'server/src/annotations')).filter((f) => f.endsWith('.ts')).map((f) => `server/src/annotations/${f}`),
  ];
  const messages = new Set<string>();
  const schemaSuffix = ' The default labels are used until this is fixed.';
  for (const file of sources) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/\b(?:l10n\.t|t|msg)\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(m[1].replace(/\\'/g, "'"));
    for (const m of text.matchAll(/\bproblem\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(m[1].replace(/\\'/g, "'") + schemaSuffix);
  }
  assert.ok(messages.size > 60, `found ${messages.size} messages`);
  for (const message of messages) {
    assert.equal(typeof bundle[message], 'string', `client/l10n/bundle.l10n.zh-cn.json lacks "${message}"`);
    assert.deepEqual(placeholders(bundle[message]), placeholders(message), `placeholders of "${message}"`);
  }
  // the schema problems as the validator produces them
  const { problems } = parseSchema('{"labels": [{"name": "A", "color": "x"}], "y": 1}', 'x');
  for (const p of [...problems, ...parseSchema('{', 'x').problems]) assert.equal(typeof bundle[p.template], 'string', p.template);
});
