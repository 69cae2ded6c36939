// npm run build:lexicon [-- --dict-dir DIR] [--out FILE]
// Builds server/models/jieba-lexicon.bin, the word tagger's data, from jieba's dictionary files as nodejieba 3.5.8
// ships them (node_modules/nodejieba/submodules/cppjieba/dict: jieba.dict.utf8, user.dict.utf8, hmm_model.utf8;
// MIT licence, cppjieba by Yanyi Wu). It reads them the way cppjieba's DictTrie and HMMModel do (the same splitting,
// the same handling of the user dictionary's one-, two- and three-column lines, later entries replacing earlier ones)
// and stores what the tagger needs, already computed: each word's weight (log of frequency / total, correctly
// rounded like C's log, see correctlyRoundedLog.ts), its POS tag, the minimum weight, the user dictionary's
// one-character words, and the HMM's start, transition and emission log probabilities. Deterministic: the same
// inputs give the same bytes. The format is in lexiconFile.ts.
import * as fs from 'fs';
import * as path from 'path';
import { correctlyRoundedLog } from './correctlyRoundedLog';
import { LEXICON_FILE, encodeLexicon, LexiconSource } from './lexiconFile';
import { MIN_DOUBLE } from './constants';

/** limonp::Split: fields between any of `pattern`'s characters; empty fields kept, no trailing empty field. */
export function limonpSplit(src: string, pattern: string): string[] {
  const res: string[] = [];
  let start = 0;
  while (start < src.length) {
    // std::string::find_first_of
    let end = -1;
    for (const c of pattern) {
      const at = src.indexOf(c, start);
      if (at >= 0 && (end < 0 || at < end)) end = at;
    }
    if (end < 0) {
      res.push(src.slice(start));
      return res;
    }
    res.push(src.slice(start, end));
    start = end + 1;
  }
  return res;
}

/** std::getline over a file's text: lines without their '\n', no empty last line after a final '\n'. */
function getLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** C's atof on the start of a string (a decimal or exponent number; 0 when none). */
function atof(s: string): number {
  const v = parseFloat(s.trim());
  return Number.isNaN(v) ? 0 : v;
}

/** C's atoi. */
function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1], 10) : 0;
}

/** C's isspace in the "C" locale, as limonp's Trim uses it. */
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a])) a++;
  while (b > a && isSpace(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Reads jieba's dictionary, user dictionary and HMM model as cppjieba does. */
export function readJiebaDictionaries(dictDir: string): LexiconSource {
  const read = (name: string) => fs.readFileSync(path.join(dictDir, name), 'utf8');

  // DictTrie::LoadDict: "word freq tag", exactly three columns
  const units: { word: string; weight: number; tag: string }[] = [];
  for (const line of getLines(read('jieba.dict.utf8'))) {
    const buf = limonpSplit(line, ' ');
    if (buf.length !== 3) throw new Error(`jieba.dict.utf8: a line without three columns: ${JSON.stringify(line)}`);
    units.push({ word: buf[0], weight: atof(buf[1]), tag: buf[2] });
  }
  // CalcFreqSum, CalculateWeight: weight = log(freq / sum), the sum in file order
  let freqSum = 0;
  for (const u of units) freqSum += u.weight;
  const logs = new Map<number, number>();
  const log = (x: number) => {
    let v = logs.get(x);
    if (v === undefined) logs.set(x, (v = correctlyRoundedLog(x)));
    return v;
  };
  for (const u of units) u.weight = log(u.weight / freqSum);
  // SetStaticWordWeights (WordWeightMedian): user words without a frequency get the median weight
  const sorted = units.map((u) => u.weight).sort((a, b) => a - b);
  const minWeight = sorted[0];
  const medianWeight = sorted[sorted.length >> 1];

  // DictTrie::InserUserDictNode
  const userSingles = new Set<number>();
  for (const line of getLines(read('user.dict.utf8'))) {
    if (line.length === 0) continue;
    const buf = limonpSplit(line, ' ');
    let unit: { word: string; weight: number; tag: string } | undefined;
    if (buf.length === 1) unit = { word: buf[0], weight: medianWeight, tag: '' };
    else if (buf.length === 2) unit = { word: buf[0], weight: medianWeight, tag: buf[1] };
    else if (buf.length === 3) unit = { word: buf[0], weight: log(atoi(buf[1]) / freqSum), tag: buf[2] };
    if (!unit) continue; // cppjieba stores an empty word, which the trie ignores
    units.push(unit);
    const cps = [...unit.word];
    if (cps.length === 1) userSingles.add(cps[0].codePointAt(0)!);
  }

  // the trie keeps the last unit of a word
  const byWord = new Map<string, { weight: number; tag: string }>();
  for (const u of units) if (u.word.length > 0) byWord.set(u.word, { weight: u.weight, tag: u.tag });

  // HMMModel::LoadModel
  const lines = getLines(read('hmm_model.utf8'))
    .map(trim)
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  if (lines.length < 9) throw new Error('hmm_model.utf8: fewer than 9 data lines');
  const numbers = (line: string, what: string): number[] => {
    const xs = limonpSplit(line, ' ');
    if (xs.length !== 4) throw new Error(`hmm_model.utf8: ${what} has ${xs.length} values, not 4`);
    return xs.map(atof);
  };
  const start = numbers(lines[0], 'the start line');
  const trans = [1, 2, 3, 4].flatMap((i) => numbers(lines[i], `transition line ${i}`));
  const emissions = new Map<number, number[]>();
  for (let state = 0; state < 4; state++) {
    for (const item of limonpSplit(lines[5 + state], ',')) {
      const kv = limonpSplit(item, ':');
      const cps = kv.length === 2 ? [...kv[0]] : [];
      if (cps.length !== 1) throw new Error(`hmm_model.utf8: illegal emission item ${JSON.stringify(item)}`);
      const cp = cps[0].codePointAt(0)!;
      let row = emissions.get(cp);
      if (!row) emissions.set(cp, (row = [MIN_DOUBLE, MIN_DOUBLE, MIN_DOUBLE, MIN_DOUBLE]));
      row[state] = atof(kv[1]);
    }
  }

  return { words: byWord, minWeight, userSingles, hmm: { start, trans, emissions } };
}

export function nodejiebaDictDir(): string {
  return path.join(path.dirname(require.resolve('nodejieba/package.json')), 'submodules', 'cppjieba', 'dict');
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dictDir = opt('--dict-dir') ?? nodejiebaDictDir();
  const out = opt('--out') ?? path.resolve(__dirname, '..', '..', 'models', LEXICON_FILE);
  const source = readJiebaDictionaries(dictDir);
  const bytes = encodeLexicon(source);
  fs.writeFileSync(out, bytes);
  console.log(`${out}: ${source.words.size.toLocaleString('en-US')} words, ${source.hmm.emissions.size.toLocaleString('en-US')} HMM characters, ${bytes.length.toLocaleString('en-US')} bytes (from ${dictDir})`);
}

if (require.main === module) main();
