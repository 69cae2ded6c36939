// npm run bench:wire [-- SIZE EDITS] — keystrokes in the middle of a SIZE-character article (default 1,000,000) through
// the bundled language server, as npm run bench's keystroke rows make them (insert 据, delete it, each waiting for
// the diagnostics of its version), with what travels back per edit: all bytes from the server, and the JSON size of
// the token deltas, the tagging-state pushes and the diagnostics. With NEWS_ANNOTATOR_SERVER_NODE_ARGS="--cpu-prof
// --cpu-prof-dir=DIR" it is the loop the server's CPU profile was taken under. Prints figures; asserts nothing.
import { percentile, positionAt, sampleArticle, startServer } from './lspClient';

async function main() {
  const size = Number(process.argv[2] ?? 1_000_000);
  const edits = Number(process.argv[3] ?? 40);
  const waitDiagnostics = process.argv[4] !== 'nodiag';
  const session = await startServer();
  let bytes = 0;
  session.child.stdout!.on('data', (b: Buffer) => (bytes += b.length));
  const sizes = new Map<string, { n: number; bytes: number }>();
  const note = (method: string, p: unknown) => {
    const e = sizes.get(method) ?? { n: 0, bytes: 0 };
    e.n++;
    e.bytes += JSON.stringify(p).length;
    sizes.set(method, e);
  };
  session.connection.onNotification('newsAnnotator/taggingState', (p: unknown) => note('newsAnnotator/taggingState', p));
  session.connection.onNotification('newsAnnotator/taggingStatePatch', (p: unknown) => note('newsAnnotator/taggingStatePatch', p));
  const uri = `untitled:bench-${size}`;
  let text = sampleArticle(size);
  session.open(uri, text);
  const first = await session.connection.sendRequest<{ resultId?: string; data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
  await session.connection.sendRequest('newsAnnotator/analysis', { uri });
  await new Promise((r) => setTimeout(r, 3000));
  sizes.clear();
  bytes = 0;
  let resultId = first.resultId;
  const tokensMs: number[] = [];
  const hoverMs: number[] = [];
  const diagMs: number[] = [];
  const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  const pos = positionAt(text, at);
  let deltaBytes = 0;
  for (let k = 0; k < edits; k++) {
    const insert = k % 2 === 0;
    const version = k + 2;
    const change = insert ? { range: { start: pos, end: pos }, text: '据' } : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
    text = insert ? text.slice(0, at) + '据' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    const t0 = performance.now();
    session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const diagnostics = session.diagnosticsFor(uri, version);
    const tokens = session.connection.sendRequest<{ resultId?: string }>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: resultId }).then((r) => {
      tokensMs.push(performance.now() - t0);
      deltaBytes += JSON.stringify(r).length;
      resultId = r.resultId;
    });
    const hover = session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: pos.line, character: pos.character + 3 } }).then(() => hoverMs.push(performance.now() - t0));
    await Promise.all([tokens, hover]);
    if (waitDiagnostics) { diagMs.push((await diagnostics) - t0); note('publishDiagnostics', session.diagnostics.get(uri)); }
    else await new Promise((r) => setTimeout(r, 30));
  }
  const p = (v: number[]) => (v.length ? `p50 ${percentile(v, 50).toFixed(1)} / p95 ${percentile(v, 95).toFixed(1)} ms` : '-');
  console.log(`size ${size}: tokens ${p(tokensMs)}, hover ${p(hoverMs)}, diagnostics ${p(diagMs)}`);
  console.log(`bytes from server per edit: ${(bytes / edits).toFixed(0)}; token delta responses ${(deltaBytes / edits).toFixed(0)} per edit`);
  for (const [m, e] of sizes) console.log(`  ${m}: ${e.n} messages, ${(e.bytes / e.n).toFixed(0)} bytes each`);
  await session.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
