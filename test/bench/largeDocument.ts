// Benchmark: how responsive the language server stays while it analyses a large article. Starts the server (source,
// through tsx) over stdio, opens a SIZE-character article (the sample corpus repeated, default 1,000,000) and a small
// one, asks for the large one's semantic tokens (which starts its analysis), then 500 ms later (well into the analysis)
// asks for a hover on the small article, and times both answers; then types one character into the large article and times a hover there.
// Prints figures; asserts nothing about speed.
// Usage: node --import tsx test/bench/largeDocument.ts [SIZE] [largeFileThreshold] [server.ts]
//   largeFileThreshold: the setting sent to the server (default 500000; 0: no limit).
//   server.ts: another copy of server/src/lsp/server.ts to compare with (e.g. an older checkout).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { repeatedSample } from '../fixtures/sampleCorpus';

const size = Number(process.argv[2] ?? 1_000_000);
const threshold = Number(process.argv[3] ?? 500_000);
const root = path.resolve(__dirname, '..', '..');
const serverFile = path.resolve(process.argv[4] ?? path.join(root, 'server', 'src', 'lsp', 'server.ts'));

const big = repeatedSample(size).slice(0, size);
const small = '2023年6月18日，国家统计局发布数据，5月份工业增加值同比增长3.5%。';

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverFile, '--stdio'], {
    cwd: root,
    env: { ...process.env, NEWS_ANNOTATOR_NER_MODEL: process.env.NEWS_ANNOTATOR_NER_MODEL ?? path.join(root, 'server', 'models', 'ner-msra.bin') },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const messages: string[] = [];
  connection.onNotification('window/showMessage', (p: { message: string }) => {
    messages.push(p.message);
  });
  connection.onNotification(() => undefined);
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
    p.items.map((item) =>
      item.section === 'newsAnnotator'
        ? { labels: { enabled: { figures: true, dates: true, entities: true } }, documentDate: '', largeFileThreshold: threshold }
        : null,
    ),
  );
  connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
    messages.push(p.message);
    return null;
  });
  connection.onRequest(() => null);
  connection.listen();
  const time = async <T>(p: Promise<T>, t0 = performance.now()): Promise<[T, number]> => {
    const r = await p;
    return [r, performance.now() - t0];
  };

  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { workspace: { configuration: true, semanticTokens: { refreshSupport: false } } },
  });
  connection.sendNotification('initialized', {});
  const bigUri = 'untitled:big-article';
  const smallUri = 'untitled:small-article';
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'news-article', version: 1, text: small } });
  // Warm up: the model loads and the code is compiled on the small article first.
  await connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: smallUri } });
  await connection.sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position: { line: 0, character: 1 } });

  connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'news-article', version: 1, text: big } });
  const t0 = performance.now();
  const tokens = time(connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: bigUri } }), t0);
  await new Promise((r) => setTimeout(r, 500));
  const [, hoverMs] = await time(connection.sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position: { line: 0, character: 1 } }));
  const [tokenResult, tokensMs] = await tokens;
  console.log(
    `${big.length.toLocaleString('en-US')} chars, largeFileThreshold ${threshold.toLocaleString('en-US')}: ` +
      `hover on a small article sent 500 ms into the large one's analysis answered after ${hoverMs.toFixed(0)} ms; ` +
      `large article's semantic tokens after ${tokensMs.toFixed(0)} ms (${(tokenResult.data.length / 5).toLocaleString('en-US')} tokens)`,
  );

  // One keystroke at the top of the large article, then a hover there: the edit's analysis (after the typing pause).
  connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: bigUri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '　' }],
  });
  const [, editHoverMs] = await time(connection.sendRequest('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: 0, character: 3 } }));
  console.log(`after one keystroke, a hover in the large article answered after ${editHoverMs.toFixed(0)} ms`);
  if (messages.length) console.log(`messages shown: ${messages.map((m) => JSON.stringify(m)).join('; ')}`);

  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  connection.dispose();
  child.kill();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
