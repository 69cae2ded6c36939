// npm run bench:ner — named-entity throughput on one core (segmentation included), next to nodejieba's `tag` on the
// same text; model load time; model file size. Text: the MSRA document-level dev sentences (held out from training), one per line.
// Figures are CPU time of this one thread (the machine may be shared), also given as nanoseconds of CPU per character.
import * as fs from 'fs';
import * as os from 'os';
import { MSRA_SPLIT, msraFiles, readJsonl, splitBlocks } from '../../server/src/ner/trainingData';
import { modelPath } from '../../server/src/ner/entities';
import { NerModel } from '../../server/src/ner/model';
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
  const dev = splitBlocks(msraFiles().flatMap((f) => readJsonl(f)), MSRA_SPLIT).dev;
  const text = dev.map((e) => e.text).join('\n');
  const chars = [...text].length;
  rec.recognise(text); // warm up (compiled code for every path)
  const tNer = best(runs, () => rec.recognise(text));
  const tNoRules = best(runs, () => rec.recognise(text, { postRules: false }));
  const units = splitDecodingUnits(text).map((u) => text.slice(u.start, u.end));
  const tJiebaUnits = best(runs, () => units.forEach((u) => nodejieba.tag(u)));
  const tJiebaWhole = best(runs, () => nodejieba.tag(text));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { file, size, jiebaLoad, modelLoad: median(loads), firstUse: median(firstUses), sentences: dev.length, chars, tNer, tNoRules, tJiebaUnits, tJiebaWhole };
}

function main(): void {
  const loadBefore = os.loadavg()[0];
  const { file, size, jiebaLoad, modelLoad, firstUse, sentences, chars, tNer, tNoRules, tJiebaUnits, tJiebaWhole } = measureNer();
  const line = (what: string, t: number) => console.log(`${what.padEnd(68)} ${fmt(chars / t).padStart(9)} chars/s  (${fmt((1e9 * t) / chars)} ns of CPU per char)`);
  console.log(`model ${file}: ${fmt(size)} bytes (${(size / 2 ** 20).toFixed(2)} MiB)`);
  console.log(`model load (NerModel.load, median of 5): ${(1000 * modelLoad).toFixed(0)} ms; with the first sentence decoded: ${(1000 * firstUse).toFixed(0)} ms; nodejieba dictionary load: ${(1000 * jiebaLoad).toFixed(0)} ms`);
  console.log(`text: ${sentences} MSRA dev sentences, ${fmt(chars)} chars; best of 5 runs, CPU time of one thread; load average ${loadBefore.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)}`);
  line('entities (jieba tag + features + Viterbi + confidences + post-rules):', tNer);
  line('entities without post-rules:', tNoRules);
  line('nodejieba tag alone, same sentence units:', tJiebaUnits);
  line('nodejieba tag alone, whole text in one call:', tJiebaWhole);
}

if (require.main === module) main();
