// Keystrokes that arrive while the server does its after-a-pause work: in a SIZE-character article (default
// 1,000,000) through the bundled language server (npm run build first), insert 据 and delete it again, each keystroke
// PAUSE ms after the previous answer (default 250: past the tagging push's 150 ms debounce, before the 300 ms of the
// diagnostics, so the next keystroke meets the tagging push, the next-but-one the diagnostics hand-off), and how long
// the token delta and the hover of each keystroke take. npm run bench's keystroke rows wait for each keystroke's
// diagnostics, so there nothing is running when the next keystroke comes. Prints figures; asserts nothing.
// Usage: node --import tsx test/bench/typingPauses.ts [SIZE] [PAUSE] [EDITS]
import * as os from 'os';
import { MiddleKeystrokes, percentile, sampleArticle, startServer } from './lspClient';

const size = Number(process.argv[2] ?? 1_000_000);
const pause = Number(process.argv[3] ?? 250);
const edits = Number(process.argv[4] ?? 40);

async function main(): Promise<void> {
  const load = os.loadavg()[0];
  const session = await startServer();
  const uri = `untitled:pauses-${size}`;
  const text = sampleArticle(size);
  session.open(uri, text);
  const resultId = (await session.connection.sendRequest<{ resultId?: string }>('textDocument/semanticTokens/full', { textDocument: { uri } })).resultId;
  await session.connection.sendRequest('newsAnnotator/analysis', { uri });
  const mid = Math.floor(text.length / 2);
  const keys = new MiddleKeystrokes(session, uri, text, text.indexOf('\n', mid) + 1 || mid, resultId);
  for (let k = 0; k < edits; k++) {
    await keys.press();
    await new Promise((r) => setTimeout(r, pause));
  }
  const { tokensMs, hoverMs } = keys;
  await session.close();
  const p = (v: number[]) => `p50 ${percentile(v, 50).toFixed(1)} / p95 ${percentile(v, 95).toFixed(1)} / max ${Math.max(...v).toFixed(1)} ms`;
  console.log(`${size.toLocaleString('en-US')}-char article, ${edits} keystrokes ${pause} ms apart (load ${load.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)})`);
  console.log(`  keystroke → tokens (delta): ${p(tokensMs)}`);
  console.log(`  keystroke → hover:          ${p(hoverMs)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
