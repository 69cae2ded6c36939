// Online adaptation (server/src/annotations/suggestionMemory.ts): time of one adapt() pass (the Aho-Corasick scan,
// the checks and the offsets) on news-like text with a large lexicon, against the reference of one indexOf search per
// lexicon string over the same text (what a per-tag scan would cost). CPU ms of this process, median of 5 runs.
import { SuggestionMemory } from '../../server/src/annotations/suggestionMemory';

const LEXICON = Number(process.argv[2] ?? 5000);
const REPEAT = Number(process.argv[3] ?? 20000);

function cpuMs(fn: () => void): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    runs.push((d.user + d.system) / 1000);
  }
  return runs.sort((a, b) => a - b)[2];
}

const memory = new SuggestionMemory();
const strings = Array.from({ length: LEXICON }, (_, i) => `机构${i}号`);
let t = process.cpuUsage();
memory.setDocumentTags('lexicon.ann', strings.map((text) => ({ text, label: 'ORG' })));
const lexiconMs = (process.cpuUsage(t).user + process.cpuUsage(t).system) / 1000;
const withHits = '这是机构42号的新闻，其余文字与之无关。'.repeat(REPEAT);
const noHits = '这是一条普通的新闻，没有任何要找的词。'.repeat(REPEAT);
let hits = 0;
t = process.cpuUsage();
memory.adapt(withHits, [], { learnFromTags: true }); // builds the automaton
const buildMs = (process.cpuUsage(t).user + process.cpuUsage(t).system) / 1000;
const a = cpuMs(() => (hits = memory.adapt(withHits, [], { learnFromTags: true }).length));
const b = cpuMs(() => memory.adapt(noHits, [], { learnFromTags: true }));
const reference = cpuMs(() => {
  for (const s of strings) for (let i = withHits.indexOf(s); i >= 0; i = withHits.indexOf(s, i + 1));
});
console.log(`lexicon ${LEXICON} strings (setDocumentTags ${lexiconMs.toFixed(1)} ms, first adapt with the automaton build ${buildMs.toFixed(1)} ms)`);
console.log(`adapt, ${withHits.length} characters with ${hits} learned suggestions: ${a.toFixed(1)} ms CPU`);
console.log(`adapt, ${noHits.length} characters with none: ${b.toFixed(1)} ms CPU`);
console.log(`reference, one indexOf scan per lexicon string over the first text: ${reference.toFixed(1)} ms CPU`);
