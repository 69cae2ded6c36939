// npm run bench:ner — named-entity throughput on one core (segmentation included), next to our word tagger alone and
// nodejieba's `tag` (the reference it reproduces) on the same text; load times of the model, our lexicon and
// nodejieba's dictionaries; model file size. Text: the MSRA document-level dev sentences (held out from training), one per line.
// Figures are CPU time of this one thread (the machine may be shared), also given as nanoseconds of CPU per character.
import * as fs from 'fs';
import * as os from 'os';
import { MSRA_SPLIT, msraFiles, readJsonl, splitBlocks } from '../../server/src/ner/trainingData';
import { modelPath } from '../../server/src/ner/entities';
import { NerModel } from '../../server/src/ner/model';
import { commonWords, spreadDocumentNames } from '../../server/src/ner/documentConsistency';
import { EntityRecogniser } from '../../server/src/ner/entityRecogniser';
import { splitDecodingUnits } from '../../server/src/ner/decodingUnits';
import { decodeLexicon, lexiconPath } from '../../server/src/segmentation/lexiconFile';
import { WordTagger, sharedWordTagger } from '../../server/src/segmentation/wordTagger';

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

/** Entity, word tagger and nodejieba throughput (CPU time, best of `runs`) on the MSRA dev sentences. */
export function measureNer(runs = 5) {
  const file = modelPath();
  const size = fs.statSync(file).size;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const lexiconFile = lexiconPath();
  const lexiconSize = fs.statSync(lexiconFile).size;
  // the first load of our lexicon in this process (code not yet compiled), then the median of 5 more
  const lexiconFirstLoad = seconds(() => sharedWordTagger().tag('国家主席'));
  const lexiconLoad = median([0, 1, 2, 3, 4].map(() => seconds(() => new WordTagger(decodeLexicon(fs.readFileSync(lexiconFile))))));
  const jiebaLoad = seconds(() => nodejieba.load());
  const loads = [0, 1, 2, 3, 4].map(() => seconds(() => NerModel.load(file)));
  // load and the first sentence (which builds the packed weights decoding sums from; the lexicon already loaded)
  const firstUses = [0, 1, 2, 3, 4].map(() => seconds(() => new EntityRecogniser(NerModel.load(file)).recognise('国家主席习近平在人民大会堂会见了布林肯。')));
  const rec = new EntityRecogniser(NerModel.load(file));
  const { dev } = splitBlocks(msraFiles().flatMap((f) => readJsonl(f)), MSRA_SPLIT);
  const text = dev.map((e) => e.text).join('\n');
  const chars = [...text].length;
  rec.recognise(text); // warm up (compiled code for every path)
  const units = splitDecodingUnits(text).map((u) => text.slice(u.start, u.end));
  const tagger = sharedWordTagger();
  // measured in turns, so that none gains from coming later (compiled code, the machine's load)
  const withDocumentPass = () => {
    const bounds: number[][] = [[]];
    const spans = rec.recogniseAll([text], {}, bounds)[0];
    spreadDocumentNames([{ text, spans, wordBounds: bounds[0], common: commonWords(text, spans) }]);
  };
  const [tNer, tDocument, tNoRules, tTagUnits, tJiebaUnits, tTagWhole, tJiebaWhole] = inTurns(runs, [
    { setup: () => {}, run: () => rec.recognise(text) },
    { setup: () => {}, run: withDocumentPass },
    { setup: () => {}, run: () => rec.recognise(text, { postRules: false }) },
    { setup: () => {}, run: () => units.forEach((u) => tagger.tag(u)) },
    { setup: () => {}, run: () => units.forEach((u) => nodejieba.tag(u)) },
    { setup: () => {}, run: () => tagger.tag(text) },
    { setup: () => {}, run: () => nodejieba.tag(text) },
  ]);
  return {
    file, size, lexiconFile, lexiconSize, lexiconFirstLoad, lexiconLoad, jiebaLoad, modelLoad: median(loads), firstUse: median(firstUses),
    sentences: dev.length, chars, tNer, tDocument, tNoRules, tTagUnits, tJiebaUnits, tTagWhole, tJiebaWhole,
  };
}

function main(): void {
  const loadBefore = os.loadavg()[0];
  const r = measureNer();
  const { chars } = r;
  const line = (what: string, t: number) => console.log(`${what.padEnd(68)} ${fmt(chars / t).padStart(9)} chars/s  (${fmt((1e9 * t) / chars)} ns of CPU per char)`);
  console.log(`model ${r.file}: ${fmt(r.size)} bytes (${(r.size / 2 ** 20).toFixed(2)} MiB); lexicon ${r.lexiconFile}: ${fmt(r.lexiconSize)} bytes (${(r.lexiconSize / 2 ** 20).toFixed(2)} MiB)`);
  console.log(`model load (NerModel.load, median of 5): ${(1000 * r.modelLoad).toFixed(0)} ms; with the first sentence decoded: ${(1000 * r.firstUse).toFixed(0)} ms`);
  console.log(`word lexicon load: first in the process ${(1000 * r.lexiconFirstLoad).toFixed(0)} ms, then median of 5 ${(1000 * r.lexiconLoad).toFixed(0)} ms; nodejieba dictionary load (reference): ${(1000 * r.jiebaLoad).toFixed(0)} ms`);
  console.log(`text: ${r.sentences} MSRA dev sentences, ${fmt(chars)} chars; best of 5 runs, CPU time of one thread; load average ${loadBefore.toFixed(1)} -> ${os.loadavg()[0].toFixed(1)}`);
  line('entities (word tags + features + Viterbi + confidences + post-rules):', r.tNer);
  line('entities + the document-level pass (all 2,400 sentences one document):', r.tDocument);
  line('entities without post-rules:', r.tNoRules);
  line('word tagger alone (ours), same sentence units:', r.tTagUnits);
  line('nodejieba tag alone (reference), same sentence units:', r.tJiebaUnits);
  line('word tagger alone (ours), whole text in one call:', r.tTagWhole);
  line('nodejieba tag alone (reference), whole text in one call:', r.tJiebaWhole);
}

if (require.main === module) main();
