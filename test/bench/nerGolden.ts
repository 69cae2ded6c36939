// npm run golden:ner -- --write FILE | --check FILE
// The entity model's exact output on fixed text, to show that a speed change leaves it untouched: for each text, the
// feature rows (a digest of every weight-table offset), the spans with and without post-rules, and each span's
// confidence to the last bit. Texts: the MSRA document-level dev sentences (the `npm run bench:ner` text, one per
// line), the CLUENER2020 dev (tune) part, each also as one text of 200-sentence paragraphs so that long inputs,
// layout line breaks and post-rule blocks are covered, and the sample corpus (test/fixtures/corpus).
// Write the file before the change, check against it after; --check prints the first differences and exits 1.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CLUENER_SPLIT, MSRA_SPLIT, clueNerFile, msraFiles, readJsonl, repoRoot, splitBlocks } from '../../server/src/ner/trainingData';
import { modelPath } from '../../server/src/ner/entities';
import { NerModel } from '../../server/src/ner/model';
import { EntityRecogniser } from '../../server/src/ner/entityRecogniser';
import { toCodePoints } from '../../server/src/ner/features';

interface Golden {
  model: string;
  texts: number;
  chars: number;
  rowsDigest: string;
  /** One line per text: spans start-end:label:confidence (post-rules) | the same without post-rules. */
  outputs: string[];
}

/** The fixed texts: every MSRA dev sentence, every CLUENER dev sentence, both again as long paragraphs, the corpus. */
export function goldenTexts(): { name: string; text: string }[] {
  const msra = splitBlocks(msraFiles().flatMap((f) => readJsonl(f)), MSRA_SPLIT).dev.map((e) => e.text);
  const clue = splitBlocks(readJsonl(clueNerFile()), CLUENER_SPLIT).tune.map((e) => e.text);
  const out: { name: string; text: string }[] = [];
  msra.forEach((t, i) => out.push({ name: `msra-dev#${i}`, text: t }));
  clue.forEach((t, i) => out.push({ name: `cluener-dev#${i}`, text: t }));
  // long texts: sentences joined by a line break within a paragraph of 200 and a blank line between paragraphs
  const paragraphs = (xs: string[]) => {
    const ps: string[] = [];
    for (let i = 0; i < xs.length; i += 200) ps.push(xs.slice(i, i + 200).join(i % 400 === 0 ? '\n' : ''));
    return ps.join('\n\n');
  };
  out.push({ name: 'msra-dev-as-one-text', text: paragraphs(msra) });
  out.push({ name: 'cluener-dev-as-one-text', text: paragraphs(clue) });
  const corpus = path.join(repoRoot(), 'test', 'fixtures', 'corpus');
  for (const f of fs.readdirSync(corpus).sort()) out.push({ name: `corpus/${f}`, text: fs.readFileSync(path.join(corpus, f), 'utf8') });
  return out;
}

function run(): Golden {
  const file = modelPath();
  const model = NerModel.load(file);
  const rec = new EntityRecogniser(model);
  const texts = goldenTexts();
  const digest = crypto.createHash('sha256');
  const outputs: string[] = [];
  let chars = 0;
  const spans = (xs: { start: number; end: number; label: string; confidence?: number }[]) =>
    xs.map((s) => `${s.start}-${s.end}:${s.label}:${s.confidence}`).join(' ');
  for (const { name, text } of texts) {
    chars += text.length;
    if (!name.includes('one-text')) {
      const rows = model.extractor.extract(text, toCodePoints(text));
      digest.update(Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength));
    }
    outputs.push(`${name}\t${spans(rec.recognise(text))}\t${spans(rec.recognise(text, { postRules: false }))}`);
  }
  const model_ = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 16);
  return { model: model_, texts: texts.length, chars, rowsDigest: digest.digest('hex'), outputs };
}

function main(): void {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== '--write' && mode !== '--check') || !file) throw new Error('usage: npm run golden:ner -- --write FILE | --check FILE');
  const g = run();
  const spanCount = g.outputs.reduce((n, o) => n + (o.split('\t')[1].match(/:/g)?.length ?? 0) / 2, 0);
  console.log(`model ${g.model}; ${g.texts} texts, ${g.chars.toLocaleString('en-US')} UTF-16 units; ${spanCount} spans after post-rules; feature rows sha256 ${g.rowsDigest}`);
  if (mode === '--write') {
    fs.writeFileSync(file, JSON.stringify(g, null, 0));
    console.log(`written ${file}`);
    return;
  }
  const want = JSON.parse(fs.readFileSync(file, 'utf8')) as Golden;
  const problems: string[] = [];
  if (want.model !== g.model) problems.push(`model file differs (${want.model} then, ${g.model} now): compare outputs of the same model`);
  if (want.rowsDigest !== g.rowsDigest) problems.push(`feature rows differ (sha256 ${want.rowsDigest} then)`);
  let differing = 0;
  for (let i = 0; i < Math.max(want.outputs.length, g.outputs.length); i++) {
    if (want.outputs[i] === g.outputs[i]) continue;
    if (++differing <= 5) problems.push(`text ${i} differs:\n  then ${want.outputs[i]?.slice(0, 400)}\n  now  ${g.outputs[i]?.slice(0, 400)}`);
  }
  if (differing) problems.push(`${differing} of ${g.outputs.length} texts differ`);
  if (problems.length) {
    console.log(problems.join('\n'));
    process.exit(1);
  }
  console.log(`identical to ${file}: feature rows, spans, labels and confidences of all ${g.texts} texts`);
}

if (require.main === module) main();
