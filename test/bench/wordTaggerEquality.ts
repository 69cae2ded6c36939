// npm run check:word-tagger — the project's word tagger against nodejieba (`tag`, and `cut` as the word-level CoNLL
// export uses it) on every sentence of the MSRA training files and the CLUENER2020 training file (read from the
// shared data folder, see README "Named entities"), also as paragraphs of 200 sentences. Prints how many differ and
// the first differences; exits 1 if any does.
import { clueNerFile, msraFiles, readJsonl } from '../../server/src/ner/trainingData';
import { sharedWordTagger } from '../../server/src/segmentation/wordTagger';

const nodejieba = require('nodejieba') as { tag(s: string): { word: string; tag: string }[]; cut(s: string, hmm?: boolean): string[] };

function main(): void {
  const sets: [string, string[]][] = [
    ['MSRA', msraFiles().flatMap((f) => readJsonl(f)).map((e) => e.text)],
    ['CLUENER2020', readJsonl(clueNerFile()).map((e) => e.text)],
  ];
  const tagger = sharedWordTagger();
  let differ = 0;
  let total = 0;
  for (const [name, sentences] of sets) {
    const paragraphs: string[] = [];
    for (let i = 0; i < sentences.length; i += 200) paragraphs.push(sentences.slice(i, i + 200).join('\n'));
    let chars = 0;
    let bad = 0;
    for (const text of [...sentences, ...paragraphs]) {
      chars += text.length;
      const ours = tagger.tag(text);
      const theirs = nodejieba.tag(text);
      const sameTag = ours.length === theirs.length && ours.every((w, k) => w.word === theirs[k].word && w.tag === theirs[k].tag);
      const cutOurs = tagger.cut(text);
      const cutTheirs = nodejieba.cut(text);
      const sameCut = cutOurs.length === cutTheirs.length && cutOurs.every((w, k) => w === cutTheirs[k]);
      if (!sameTag || !sameCut) {
        bad++;
        if (bad <= 5) console.log(`${name} differs${sameTag ? ' (cut)' : ''}: ${JSON.stringify(text.slice(0, 120))}`);
      }
    }
    console.log(`${name}: ${sentences.length.toLocaleString('en-US')} sentences + ${paragraphs.length} paragraphs, ${chars.toLocaleString('en-US')} UTF-16 units: ${bad} differ (tag or cut)`);
    differ += bad;
    total += sentences.length + paragraphs.length;
  }
  console.log(`${differ} of ${total.toLocaleString('en-US')} texts differ`);
  if (differ > 0) process.exitCode = 1;
}

main();
