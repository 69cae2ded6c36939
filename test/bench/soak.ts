// npm run bench:soak — the stress test of issue #12: SECONDS (default 30) of rapid edits to a large article through a
// real LSP connection (the bundled server), with token and hover requests flowing after every edit; then the
// edited document's tokens, hovers and diagnostics are compared with a fresh analysis of the final text (the same
// text opened as a new document), and the server's memory with its baseline. Prints figures and the comparison;
// exits 1 when the answers differ. Usage: npm run bench:soak [-- SECONDS SIZE]
import * as os from 'os';
import { percentile, positionAt, sampleArticle, startServer } from './lspClient';

const seconds = Number(process.argv[2] ?? 30);
const size = Number(process.argv[3] ?? 200_000);
const PIECES = ['据', '2023年6月18日', '3.5亿元', '，', '。', '\n', '次日', '王毅会见了法国外长', '12.5%', '《关于统计的规定》', '6月1日至30日'];

/** A small deterministic random generator (the run can be repeated). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function main(): Promise<void> {
  const session = await startServer();
  const { connection } = session;
  const uri = 'untitled:soak';
  let text = sampleArticle(size);
  session.open(uri, text);
  await connection.sendRequest('newsAnnotator/analysis', { uri });
  const baseline = session.memory();
  const rnd = random(12);
  let version = 1;
  let resultId: string | undefined;
  const tokensMs: number[] = [];
  const hoverMs: number[] = [];
  const inFlight: Promise<unknown>[] = [];
  const t0 = performance.now();
  let edits = 0;
  while (performance.now() - t0 < seconds * 1000) {
    // One edit: insert a piece or delete up to 20 characters somewhere in the text.
    const at = Math.floor(rnd() * text.length);
    const remove = rnd() < 0.4 ? Math.min(text.length - at, Math.floor(rnd() * 20)) : 0;
    const insert = remove > 0 && rnd() < 0.5 ? '' : PIECES[Math.floor(rnd() * PIECES.length)];
    const start = positionAt(text, at);
    const end = positionAt(text, at + remove);
    text = text.slice(0, at) + insert + text.slice(at + remove);
    version++;
    edits++;
    connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start, end }, text: insert }] });
    const sent = performance.now();
    inFlight.push(
      connection
        .sendRequest<{ resultId?: string }>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: resultId })
        .then((r) => {
          resultId = r.resultId ?? resultId;
          tokensMs.push(performance.now() - sent);
        }),
      connection
        .sendRequest('textDocument/hover', { textDocument: { uri }, position: start })
        .then(() => hoverMs.push(performance.now() - sent)),
    );
    if (inFlight.length >= 10) await Promise.all(inFlight.splice(0));
    await new Promise((r) => setTimeout(r, 15));
  }
  await Promise.all(inFlight);
  const editedDone = connection.sendRequest('newsAnnotator/analysis', { uri });
  await editedDone;
  // A fresh analysis of the final text: the same text as a new document.
  const freshUri = 'untitled:soak-fresh';
  session.open(freshUri, text);
  await connection.sendRequest('newsAnnotator/analysis', { uri: freshUri });
  const tokens = (u: string) => connection.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: u } });
  const [edited, fresh] = await Promise.all([tokens(uri), tokens(freshUri)]);
  const sameTokens = JSON.stringify(edited.data) === JSON.stringify(fresh.data);
  let hoversCompared = 0;
  let hoversDiffer = 0;
  for (let k = 0; k < 200; k++) {
    const position = positionAt(text, Math.floor((k / 200) * text.length));
    const [a, b] = await Promise.all([
      connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }),
      connection.sendRequest('textDocument/hover', { textDocument: { uri: freshUri }, position }),
    ]);
    hoversCompared++;
    if (JSON.stringify(a) !== JSON.stringify(b)) hoversDiffer++;
  }
  // Diagnostics of both, once published for their current versions.
  await Promise.all([session.diagnosticsFor(uri, version), session.diagnosticsFor(freshUri, 1)]);
  const strip = (d: unknown[] | undefined) => JSON.stringify((d ?? []).map((x: any) => ({ ...x, relatedInformation: x.relatedInformation?.map((r: any) => ({ ...r, location: { ...r.location, uri: '' } })) })));
  const sameDiagnostics = strip(session.diagnostics.get(uri)?.diagnostics) === strip(session.diagnostics.get(freshUri)?.diagnostics);
  connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
  await new Promise((r) => setTimeout(r, 2000));
  const end = session.memory();
  // Again once the diagnostics worker has been idle long enough to stop (server/src/lsp/checkPool.ts, 10 s).
  await new Promise((r) => setTimeout(r, 13_000));
  const idle = session.memory();
  const p = (v: number[]) => `p50 ${percentile(v, 50).toFixed(1)} ms, p95 ${percentile(v, 95).toFixed(1)} ms, max ${Math.max(...v).toFixed(1)} ms`;
  console.log(`${seconds} s of edits to a ${size.toLocaleString('en-US')}-character article: ${edits} edits (${(edits / seconds).toFixed(0)}/s), load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`tokens (delta) after an edit: ${p(tokensMs)}; hover: ${p(hoverMs)}`);
  console.log(`final text vs a fresh analysis: tokens ${sameTokens ? 'equal' : 'DIFFERENT'} (${edited.data.length / 5} tokens), hovers ${hoversCompared - hoversDiffer}/${hoversCompared} equal, diagnostics ${sameDiagnostics ? 'equal' : 'DIFFERENT'} (${session.diagnostics.get(uri)?.diagnostics.length ?? 0})`);
  console.log(`server memory: baseline ${(baseline.rssKiB / 1024).toFixed(0)} MiB, after the run ${(end.rssKiB / 1024).toFixed(0)} MiB (peak ${(end.peakKiB / 1024).toFixed(0)} MiB), 15 s later ${(idle.rssKiB / 1024).toFixed(0)} MiB`);
  await session.close();
  if (!sameTokens || hoversDiffer || !sameDiagnostics) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
