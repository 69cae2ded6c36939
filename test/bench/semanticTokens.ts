// How long the language server needs for a full semantic-token answer on a large document: analyze() (all
// recognisers) then the code point → UTF-16 token encoding, separately, on the sample corpus repeated to SIZE
// characters (default 1,000,000). Usage: npx tsx test/bench/semanticTokens.ts [SIZE]
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/analysis/analyze';
import { encodeTokens, mergeTokenSpans } from '../../server/src/lsp/semanticTokens';

const size = Number(process.argv[2] ?? 1_000_000);
const corpus = path.resolve(__dirname, '..', 'fixtures', 'corpus');
const articles = fs
  .readdirSync(corpus)
  .filter((f) => f.endsWith('.news') || (f.endsWith('.txt') && f !== 'README.txt'))
  .map((f) => fs.readFileSync(path.join(corpus, f), 'utf8'));
let text = '';
for (let i = 0; text.length < size; i++) text += articles[i % articles.length] + '\n';
text = text.slice(0, size);
const document = TextDocument.create('file:///bench.news', 'news-article', 1, text);

function time<T>(f: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}

for (const groups of [['figures', 'dates'], ['figures', 'dates', 'entities']] as const) {
  try {
    analyze(text.slice(0, 5000), { groups: [...groups] }); // load models, warm up
  } catch (err) {
    console.log(`groups ${groups.join('+')}: skipped (${(err as Error).message})`);
    continue;
  }
  const [result, analyzeMs] = time(() => analyze(text, { groups: [...groups], fileName: '2023-06-18-bench.news' }));
  const [data, encodeMs] = time(() => encodeTokens(document, mergeTokenSpans(result.spans, [])));
  console.log(
    `${text.length.toLocaleString('en-US')} chars, groups ${groups.join('+')}: ${result.spans.length.toLocaleString('en-US')} spans; ` +
      `analyze ${analyzeMs.toFixed(0)} ms (${((text.length / analyzeMs) * 1000 / 1e6).toFixed(2)} M chars/s), ` +
      `token encoding ${encodeMs.toFixed(0)} ms for ${(data.length / 5).toLocaleString('en-US')} tokens`,
  );
}
