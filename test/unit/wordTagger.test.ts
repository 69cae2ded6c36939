// The project's word tagger (server/src/segmentation) gives exactly nodejieba's output, which the entity model was
// trained on: `tag` (words and POS tags, with the HMM) and `cut` (the dictionary route alone, the word-level CoNLL
// export's words), on news sentences, hand-picked edge cases and random mixtures of Han, Latin, digits, separators,
// CRLF, astral characters and lone surrogates. nodejieba is a devDependency for this comparison only.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { WordTagger, sharedWordTagger } from '../../server/src/segmentation/wordTagger';
import { decodeLexicon, encodeLexicon, lexiconPath } from '../../server/src/segmentation/lexiconFile';
import { nodejiebaDictDir, readJiebaDictionaries } from '../../server/src/segmentation/buildLexicon';
import { correctlyRoundedLog } from '../../server/src/segmentation/correctlyRoundedLog';

type Jieba = { tag(s: string): { word: string; tag: string }[]; cut(s: string, hmm?: boolean): string[] };
const nodejieba = require('nodejieba') as Jieba;

const root = path.resolve(__dirname, '..', '..');

/** Sentences of the sample corpus and the hand-written modern news set (marks removed), one a line. */
function fixtureSentences(): string[] {
  const out: string[] = [];
  const corpus = path.join(root, 'test', 'fixtures', 'corpus');
  for (const f of fs.readdirSync(corpus).sort()) {
    const text = fs.readFileSync(path.join(corpus, f), 'utf8');
    out.push(text, text.replace(/\n/g, '\r\n')); // whole files, LF and CRLF
    out.push(...text.split(/(?<=[。！？\n])/), ...text.split(/(?<=[，、])/));
  }
  for (const f of ['modern-news-dev.txt', 'modern-news-test.txt']) {
    for (const line of fs.readFileSync(path.join(root, 'test', 'fixtures', 'ner', f), 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      out.push(line.split('\t').slice(1).join('\t').replace(/\{[A-Z]+:([^}]*)\}/g, '$1').replace(/\\n/g, '\n'));
    }
  }
  return out;
}

const EDGE_CASES = [
  '', ' ', '  ', '\t', '\n', '\r', '\r\n', '\r\n\r\n', '，', '。', '，。', '　', 'a', 'A', '1', '.', '1.', '1.5.3', '.5', 'a1', '1a', 'ab1', '1ab',
  'a1b2c3', 'iPhone 15 Pro', 'AT&T', 'c#', 'C#', 'B超', 'T恤', 'x光', 'Windows10系统', 'GDP增长6.5%', '2025年6月18日', '２０２５年',
  'ＡＢＣ公司', 'ａｂｃ', '第3季度', '3.14159', '100,000元', '1,234.5万', '+86-571-88888888', 'email@example.com', 'https://example.com/a?b=1',
  '我爱北京天安门', '他来到了网易杭研大厦', '小明硕士毕业于中国科学院计算所，后在日本京都大学深造', '云计算', '韩玉鉴赏', '蓝翔', '区块链',
  '云计算和区块链，蓝翔技校', '𠮷', '𠮷野家', '𠮷野家在東京开店', '中𠀋国', '😀', '我😀你', '\ud800', 'a\ud800b', '\udc00中', '中\ud83d', '\u0000',
  '中\u0000国', 'é', 'café咖啡', 'Ελλάδα希腊', 'Москва莫斯科', '한국韩国', 'カタカナ片假名', '…', '——', '“引号”', '《书名》', '（括号）', '【注】',
  '·', '马克·吐温', '阿卜杜拉·阿卜杜勒', '习近平在人民大会堂会见', '国家主席', '南京市长江大桥', '结婚的和尚未结婚的', '乒乓球拍卖完了',
  '工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作', '一一一一一一一', '啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊啊',
  '中'.repeat(600), '中国'.repeat(300), 'a'.repeat(600), '1'.repeat(600), '萧山区工业和信息化局', '杭州市萧山区', '尤文图斯', '皇家马德里',
  '据新华社北京6月18日电', '（记者 张三）', '本报讯 记者李四报道：', '3月15日，国家统计局发布数据显示，1-5月份全国规模以上工业增加值同比增长6.3%。',
  '鑫淼焱垚犇骉', '𪚥𪚥', '\u3000\u3000段首', '行一\n行二\r\n行三\r行四', '一句。\n\n二句！三句？', 'A股B股H股', 'NBA球星', '5G网络', 'P2P平台',
];

function check(tagger: WordTagger, text: string): void {
  assert.deepEqual(tagger.tag(text), nodejieba.tag(text), `tag ${JSON.stringify(text.slice(0, 80))}`);
  assert.deepEqual(tagger.cut(text), nodejieba.cut(text), `cut ${JSON.stringify(text.slice(0, 80))}`);
  assert.deepEqual(tagger.cut(text, true), nodejieba.cut(text, true), `cut with HMM ${JSON.stringify(text.slice(0, 80))}`);
}

test('equals nodejieba tag and cut on news sentences and edge cases (Latin, digits, astral, punctuation, spaces, CRLF, empty)', () => {
  const tagger = sharedWordTagger();
  const sentences = [...fixtureSentences(), ...EDGE_CASES];
  assert.ok(sentences.length >= 300, `${sentences.length} sentences`);
  for (const s of sentences) check(tagger, s);
});

// pieces mixing dictionary words, HMM-only stretches, ASCII rules (letters then digits, digits then dots), separators
const PIECES = [
  '中国', '人民', '的', '在', '是', '北京', '杭州市', '萧山区', '有限公司', '习近平', '会见', '工业和信息化局', '马克', '·', '吐温', '鑫淼', '犇',
  '旸', '昇', '喆', '垚', '云计算', '区块链', ' ', '\t', '\n', '\r', '\r\n', '，', '。', '　', '、', '：', '“', '”', 'a', 'Z', 'iPhone', 'GDP',
  '0', '7', '2025', '3.5', '.', ',', '%', '#', '&', '-', '_', '１２', 'ＡＢ', 'é', '𠮷', '😀', '\ud800', '\udfff', '\u0000', 'ア', '한',
];
const mixed = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join('')),
  fc.string({ unit: 'binary', maxLength: 30 }), // any code points, lone surrogates included
  fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), maxLength: 30 }), // any CJK
);

test('equals nodejieba tag and cut on random mixtures', () => {
  const tagger = sharedWordTagger();
  fc.assert(
    fc.property(mixed, (text) => check(tagger, text)),
    { numRuns: 600, seed: 12 },
  );
});

test('the lexicon is loaded once per process and shared', () => {
  assert.equal(sharedWordTagger(), sharedWordTagger());
});

test('the shipped lexicon file is what npm run build:lexicon makes from nodejieba\'s dictionary files', () => {
  const built = encodeLexicon(readJiebaDictionaries(nodejiebaDictDir()));
  const shipped = fs.readFileSync(lexiconPath());
  assert.ok(built.equals(shipped), 'server/models/jieba-lexicon.bin is stale: run npm run build:lexicon');
  const lexicon = decodeLexicon(shipped);
  assert.equal(lexicon.trie.size, decodeLexicon(built).trie.size);
});

test('a damaged lexicon file is a clear error', () => {
  assert.throws(() => decodeLexicon(Buffer.from('not a lexicon')), /not a word lexicon file/);
  const shipped = fs.readFileSync(lexiconPath());
  assert.throws(() => decodeLexicon(shipped.subarray(0, 1000)), /unexpected end|incorrect|invalid|left over|out of range/i);
});

test('the logarithm behind the word weights is correctly rounded where V8\'s Math.log is not', () => {
  // log(131 / 60101983) (131 is a frequency in jieba.dict.utf8, 60101983 the sum of them): the C library and the
  // correctly rounded value end in ...282, Math.log gives ...2815 (one unit in the last place away)
  const x = 131 / 60101983;
  assert.equal(correctlyRoundedLog(x), -13.03635607076828);
  for (const v of [1, 2, 0.5, 10, Math.E, 1e-300, 123456.789]) assert.ok(Math.abs(correctlyRoundedLog(v) - Math.log(v)) <= Math.abs(Math.log(v)) * 2.3e-16);
  assert.equal(correctlyRoundedLog(1), 0);
});
