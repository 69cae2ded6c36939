// npm run bench:wire [-- SIZE EDITS] — keystrokes in the middle of a SIZE-character article (default 1,000,000) through
// the bundled language server, as npm run bench's keystroke rows make them (insert 据, delete it, each waiting for
// the diagnostics of its version), with what travels back per edit: all bytes from the server, and the JSON size of
// the token deltas, the tagging-state pushes and the diagnostics. With NEWS_ANNOTATOR_SERVER_NODE_ARGS="--cpu-prof
// --cpu-prof-dir=DIR" it is the loop the server's CPU profile was taken under. Prints figures; asserts nothing.
import { MiddleKeystrokes, percentile, sampleArticle, startServer } from './lspClient';

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
  const text = sampleArticle(size);
  session.open(uri, text);
  const first = await session.connection.sendRequest<{ resultId?: string; data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
  await session.connection.sendRequest('newsAnnotator/analysis', { uri });
  await new Promise((r) => setTimeout(r, 3000));
  sizes.clear();
  bytes = 0;
  const keys = new MiddleKeystrokes(session, uri, text, text.indexOf('\n', Math.floor(text.length / 2)) + 1, first.resultId);
  const diagMs: number[] = [];
  let deltaBytes = 0;
  for (let k = 0; k < edits; k++) {
    const { version, sentAt, delta } = await keys.press();
    deltaBytes += JSON.stringify(delta).length;
    if (waitDiagnostics) {
      diagMs.push((await session.diagnosticsFor(uri, version)) - sentAt);
      note('publishDiagnostics', session.diagnostics.get(uri));
    } else await new Promise((r) => setTimeout(r, 30));
  }
  const { tokensMs, hoverMs } = keys;
  const p = (v: number[]) => (v.length ? `p50 ${percentile(v, 50).toFixed(1)} / p95 ${percentile(v, 95).toFixed(1)} ms` : '-');
  console.log(`size ${size}: tokens ${p(tokensMs)}, hover ${p(hoverMs)}, diagnostics ${p(diagMs)}`);
  console.log(`bytes from server per edit: ${(bytes / edits).toFixed(0)}; token delta responses ${(deltaBytes / edits).toFixed(0)} per edit`);
  for (const [m, e] of sizes) console.log(`  ${m}: ${e.n} messages, ${(e.bytes / e.n).toFixed(0)} bytes each`);
  await session.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
