// Benchmark: tagging on a 10,000-character article with 500 tags, headless (the language server's path without the
// protocol): time from a tagging command to the .ann on disk and to the recomputed decoration ranges; also one
// keystroke (tags shifted) and loading the article. Prints figures; asserts nothing about speed.
// Usage: node --import tsx test/bench/tagging.ts [rounds]
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TaggingService } from '../../server/src/lsp/tagging';
import type { ServerContext } from '../../server/src/lsp/serverContext';
import type { Span } from '../../server/src/core/types';

const rounds = Number(process.argv[2] ?? 200);

function article(): { text: string; ann: string; machine: Span[] } {
  let text = '';
  const ann: string[] = [];
  const machine: Span[] = [];
  for (let i = 0; i < 500; i++) {
    const base = [...text].length;
    ann.push(`T${i + 1}\tPER ${base + 6} ${base + 9}\t张伟明`);
    machine.push({ start: base + 10, end: base + 12, label: 'LOC', text: '温州' });
    text += `第${String(i).padStart(3, '0')}号：张伟明在温州调研。\n`;
  }
  return { text: text.padEnd(10_000, '。'), ann: ann.join('\n') + '\n', machine };
}

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms (n=${s.length})`;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagging-bench-'));
  try {
    const { text, ann, machine } = article();
    const file = path.join(dir, 'big.txt');
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(dir, 'big.ann'), ann);
    const uri = pathToFileURL(file).toString();
    let document = TextDocument.create(uri, 'news-article', 1, text);
    const docs = new Map([[uri, document]]);
    const host = {
      documents: { get: (u: string) => docs.get(u) } as unknown as ServerContext['documents'],
      analysis: async () => ({ result: { dct: { source: 'none' as const }, spans: machine } }),
      t: (m: string, ...args: unknown[]) => m.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])),
    } as unknown as ServerContext;
    const service = new TaggingService(host);

    let t0 = performance.now();
    await service.open(document);
    const openMs = performance.now() - t0;
    const initial = await service.state(uri);
    console.log(`article: ${[...text].length} characters, ${initial.tags.length} tags, ${initial.suggestions.length} suggestions`);
    console.log(`open (read .ann, parse, build state): ${openMs.toFixed(2)} ms`);

    const toDisk: number[] = [];
    const toRanges: number[] = [];
    const parts = { apply: [] as number[], write: [] as number[], state: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      // alternate accepting a suggestion and undoing it: each round changes the .ann
      const offset = document.offsetAt(initial.suggestions[i % initial.suggestions.length].range.start);
      t0 = performance.now();
      const r = await service.run({ uri, op: i % 2 === 0 ? { op: 'accept', offset } : { op: 'undo' } });
      const done = performance.now();
      if (!r.ok) throw new Error(`operation failed: ${r.message}`);
      toDisk.push(r.timings.apply + r.timings.write);
      toRanges.push(done - t0);
      parts.apply.push(r.timings.apply);
      parts.write.push(r.timings.write);
      parts.state.push(r.timings.state);
    }
    const onDisk = fs.readFileSync(path.join(dir, 'big.ann'), 'utf8').split('\n').filter(Boolean).length;
    console.log(`command → .ann on disk (apply + atomic write): ${stats(toDisk)}`);
    console.log(`command → decoration ranges recomputed (whole request): ${stats(toRanges)}`);
    console.log(`  apply ${stats(parts.apply)}\n  write ${stats(parts.write)}\n  state ${stats(parts.state)}`);
    console.log(`(.ann now has ${onDisk} lines)`);

    // typing one character at the start: all 500 tags shift
    const typing: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const next = TextDocument.update(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '新' }], document.version + 1);
      docs.set(uri, next);
      document = next;
      t0 = performance.now();
      service.change(document);
      typing.push(performance.now() - t0);
    }
    console.log(`keystroke before all tags (500 tags follow, in memory): ${stats(typing)}`);
    const st = await service.state(uri);
    if (st.tags[0].start !== 6 + rounds) throw new Error(`tags did not follow the text: ${st.tags[0].start}`);
    service.dispose();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
