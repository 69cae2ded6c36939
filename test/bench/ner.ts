// npm run bench:ner — named-entity throughput on one core (segmentation included), next to nodejieba's `tag` on the
// same text; model load time; model file size. Text: the MSRA document-level dev sentences (held out from training), one per line.
// Figures are CPU time of this one thread (the machine may be shared), also given as nanoseconds of CPU per character.
import * as fs from 'fs';
import * as os from 'os';
import { MSRA_SPLIT, msraFiles, readJsonl, splitBlocks } from '../../server/src/ner/trainingData';
import { modelPath } from '../../server/src/ner/entities';
import { NerModel } from '../../server/src/ner/model';
import { clearWordTags, jiebaTag } from '../../server/src/ner/features';
import { EntityRecogniser } from '../../server/src/ner/entityRecogniser';
import { splitDecodingUnits } from '../../server/src/ner/decodingUnits';

const nodejieba = require('nodejieba') as { load(): void; tag(s: string): unknown[] };

// CPU time of this (single-threaded) process, so that other load on the machine does not count against us.
function seconds(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1e6;
}
function best(runs: number, f: () => void): number {
  let b = Infinity;
  for (let i = 0; i < runs; i++) b = Math.min(b, seconds(f));
  return b;
}
/** Best CPU time of each of several measurements taken in turns, `runs` times each, `setup` (untimed) before each. */
function inTurns(runs: number, ms: { setup: () => void; run: () => void }[]): number[] {
  const out = ms.map(() => Infinity);
  for (let i = 0; i < runs; i++) {
    ms.forEach((m, k) => {
      m.setup();
      out[k] = Math.min(out[k], seconds(m.run));
    });
  }
  return out;
}
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/** Entity and nodejieba throughput (CPU time, best of `runs`) on the MSRA dev sentences. */
export function measureNer(runs = 5) {
  const file = modelPath();
  const size = fs.statSync(file).size;
  const jiebaLoad = seconds(() => nodejieba.load());
  const loads = [0, 1, 2, 3, 4].map(() => seconds(() => NerModel.load(file)));
  // load and the first sentence (which builds the packed weights decoding sums from; nodejieba already loaded)
  const firstUses = [0, 1, 2, 3, 4].map(() => seconds(() => new EntityRecogniser(NerModel.load(file)).recognise('国家主席习近平在人民大会堂会见了布林肯。')));
  const rec = new EntityRecogniser(NerModel.load(file));
  const { dev, train } = splitBlocks(msraFiles().flatMap((f) => readJsonl(f)), MSRA_SPLIT);
  const text = dev.map((e) => e.text).join('\n');
  const chars = [...text].length;
  rec.recognise(text); // warm up (compiled code for every path)
  // The tagger remembers each word's POS tag (jiebaTag): the main figures start each run with the tags of the words
  // of 200,000 characters of other articles (MSRA training sentences), as a server or a corpus run has after its
  // first documents; then with none (a fresh process), and with this text's own words seen (a text analysed again).
  const other: string[] = [];
  for (let n = 0, k = 0; n < 200_000 && k < train.length; k++) (other.push(train[k].text), (n += train[k].text.length));
  const seenOther = () => {
    clearWordTags();
    other.forEach((t) => jiebaTag(t));
  };
  // the four are measured in turns, so that none gains from coming later (compiled code, the machine's load)
  const [tNer, tNoRules, tCold, tWarm] = inTurns(runs, [
    { setup: seenOther, run: () => rec.recognise(text) },
    { setup: seenOther, run: () => rec.recognise(text, { postRules: false }) },
    { setup: clearWordTags, run: () => rec.recognise(text) },
    { setup: () => rec.recognise(text), run: () => rec.recognise(text) },
  ]);
  const units = splitDecodingUnits(text).map((u) => text.slice(u.start, u.end));
  const tJiebaUnits = best(runs, () => units.forEach((u) => nodejieba.tag(u)));
  const tJiebaWhole = best(runs, () => nodejieba.tag(text));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { file, size, jiebaLoad, modelLoad: median(loads), firstUse: median(firstUses), sentences: dev.length, chars, tNer, tNoRules, tCold, tWarm, tJiebaUnits, tJiebaWhole };
}

function main(): void {
  const loadBefore = os.loadavg()[0];
  const { file, size, jiebaLoad, modelLoad, firstUse, sentences, chars, tNer, tNoRules, tCold, tWarm, tJiebaUnits, tJiebaWhole } = measureNer();
  const line = (what: string, t: number) => console.log(`${what.padEnd(68)} ${fmt(chars / t).padStart(9)} chars/s  (${fmt((1e9 * t) / chars)} ns of CPU per char)`);
  console.log(`model ${file}: ${fmt(size)} bytes (${(size / 2 ** 20).toFixed(2)} MiB)`);
  console.log(`model load (NerModel.load, median of 5): ${(1000 * modelLoad).toFixed(0)} ms; with the first sentence decoded: ${(1000 * firstUse).toFixed(0)} ms; nodejieba dictionary load: ${(1000 * jiebaLoad).toFixed(0)} ms`);
  console.log(`text: ${sentences} MSRA dev sentences, ${fmt(chars)} chars; best of 5 runs, CPU time of one thread; load average ${loadBefore.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)}`);
  console.log('word tags remembered from 200,000 chars of other MSRA articles at the start of each run:');
  line('entities (jieba tag + features + Viterbi + confidences + post-rules):', tNer);
  line('entities without post-rules:', tNoRules);
  line('entities, no word tags remembered (fresh process):', tCold);
  line('entities, this text\'s word tags remembered (text seen before):', tWarm);
  line('nodejieba tag alone, same sentence units:', tJiebaUnits);
  line('nodejieba tag alone, whole text in one call:', tJiebaWhole);
}

if (require.main === module) main();
