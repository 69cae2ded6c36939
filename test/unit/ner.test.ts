import test from 'node:test';
import assert from 'node:assert/strict';
import { TAG_COUNT, allowedEnd, allowedStart, allowedTransition, rangesToTags, tagName, tagOf, tagsToRanges } from '../../server/src/ner/tags';
import { constrain, decodeWithMargins, viterbi } from '../../server/src/ner/decode';
import { FEATURE_COUNT, FeatureExtractor, TaggedWord, charClass, toCodePoints } from '../../server/src/ner/features';
import { GAZ_FULL_B, GAZ_FULL_E, GAZ_SHORT_B, Gazetteer, shortAdminName } from '../../server/src/ner/gazetteer';
import { NerModel, calibratedConfidence } from '../../server/src/ner/model';
import { fitIsotonic, maskEmissions, quantise, rng, trainPerceptron } from '../../server/src/ner/perceptron';
import { spanErrors } from '../../server/src/ner/spanErrors';
import { clueNerPartial } from '../../server/src/ner/trainingData';
import {
  administrativeEndings, applyPostRules, bracketedNames, bylines, companyLists, companyWithPlacePrefix, developmentZones, dottedNames, dropInsideBookTitles,
  ellipticalBodies, EntitySpan, knownOrganisations, latinWordFragments, nameOriginals, placeGovernments, placeInstitutions, provincePlaces, unpairedMarks, dropTitleTranslations, functionCharEdges, unsureNonNames, countryAbbreviations, foreignClubs, latinNames, unsureLatinNames, multiRegions, partyCommitteeTails, photoCredits, registeredCompanyNames, splitAdministrative, splitNestedPlaces,
  trimPersonTitles, twoNamesTogether, villages,
} from '../../server/src/ner/postRules';
import { splitDecodingUnits } from '../../server/src/ner/decodingUnits';
import { readJsonl, splitBlocks, splitDev } from '../../server/src/ner/trainingData';
import { parseMarked } from '../../server/src/ner/markedSentences';
import { ErrorCounter, errorClass, looksLikeTwoNames } from '../../server/src/ner/errorClasses';
import { expectedCalibrationError } from '../../server/src/ner/scoring';
import { EntityScorer } from '../../server/src/ner/scoring';
import { entityRecogniser, recogniseEntities, recogniseEntitiesAll } from '../../server/src/ner/entities';
import { OffsetMap } from '../../server/src/core/offsets';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const L = TAG_COUNT;

/** Entities of a text as "LABEL:text" strings. */
function ents(text: string): string[] {
  return recogniseEntities(text).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);
}

// ---- tag scheme and decoding

test('BIO tags round-trip through ranges, adjacent entities included', () => {
  const ranges = [
    { start: 0, end: 3, type: 0 },
    { start: 3, end: 4, type: 1 },
    { start: 4, end: 5, type: 1 },
    { start: 6, end: 8, type: 2 },
  ];
  const tags = rangesToTags(9, ranges);
  assert.deepEqual(Array.from(tags, tagName), ['B-PER', 'I-PER', 'I-PER', 'B-LOC', 'B-LOC', 'O', 'B-ORG', 'I-ORG', 'O']);
  assert.deepEqual(tagsToRanges(tags), ranges);
});

test('transition constraints: I-X only continues B-X or I-X', () => {
  const bPer = tagOf(0, 'B');
  assert.equal(allowedTransition(bPer, tagOf(0, 'I')), true);
  assert.equal(allowedTransition(tagOf(0, 'I'), tagOf(0, 'I')), true);
  assert.equal(allowedTransition(bPer, tagOf(1, 'I')), false);
  assert.equal(allowedTransition(0, tagOf(2, 'I')), false);
  assert.equal(allowedTransition(bPer, 0), true);
  assert.equal(allowedTransition(tagOf(0, 'I'), tagOf(1, 'B')), true);
  assert.equal(allowedStart(tagOf(1, 'I')), false);
  assert.equal(allowedStart(tagOf(1, 'B')), true);
  assert.equal(allowedEnd(tagOf(1, 'I')), true);
});

function legal(path: ArrayLike<number>): boolean {
  if (!allowedStart(path[0]) || !allowedEnd(path[path.length - 1])) return false;
  for (let i = 1; i < path.length; i++) if (!allowedTransition(path[i - 1], path[i])) return false;
  return true;
}

test('Viterbi returns the best legal path even when emissions favour illegal tags', () => {
  const random = rng(7);
  const zeros = new Float64Array(L * L);
  for (let trial = 0; trial < 20; trial++) {
    const n = 3;
    const emit = new Float64Array(n * L).map(() => Math.round(random() * 20 - 10));
    // make an illegal start (I-PER) and an illegal continuation (I-LOC after anything but LOC) very attractive
    emit[tagOf(0, 'I')] += 50;
    emit[L + tagOf(1, 'I')] += 50;
    const tr = constrain(zeros, new Float64Array(L), new Float64Array(L));
    const path = viterbi(emit, n, tr);
    assert.ok(legal(path), `illegal path ${Array.from(path, tagName)}`);
    // brute force over all legal paths
    let best = -Infinity;
    for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) for (let c = 0; c < L; c++) {
      if (!legal([a, b, c])) continue;
      best = Math.max(best, emit[a] + emit[L + b] + emit[2 * L + c]);
    }
    assert.equal(emit[path[0]] + emit[L + path[1]] + emit[2 * L + path[2]], best);
  }
});

test('margins are zero on a tie and grow with the evidence', () => {
  const tr = constrain(new Float64Array(L * L), new Float64Array(L), new Float64Array(L));
  const emit = new Float64Array(L);
  emit[tagOf(0, 'B')] = 5;
  emit[tagOf(1, 'B')] = 5;
  assert.equal(decodeWithMargins(emit, 1, tr).margins[0], 0);
  emit[tagOf(0, 'B')] = 9;
  const d = decodeWithMargins(emit, 1, tr);
  assert.equal(tagName(d.path[0]), 'B-PER');
  assert.equal(d.margins[0], 4);
});

// ---- features

const stubTagger = (words: string[]) => (text: string): TaggedWord[] => (words.join('') === text ? words.map((w) => ({ word: w, tag: 'n' })) : [...text].map((w) => ({ word: w, tag: 'x' })));

test('feature extractor: one row set per code point, deterministic, context-dependent', () => {
  const gaz = new Gazetteer({ full: ['温州市'], short: ['温州'] });
  const fx = new FeatureExtractor({ tableBits: 12, gazetteer: gaz }, stubTagger(['𠮷', '王', '说']));
  const text = '𠮷王说';
  const rows = fx.extract(text);
  assert.equal(rows.length, 3 * FEATURE_COUNT); // the astral character is one position
  for (const r of rows) assert.ok(r >= 0 && r % L === 0 && r < (1 << 12) * L);
  assert.deepEqual(fx.extract(text), rows);
  // the same character in another context shares its unigram row but not its bigram rows
  const other = new FeatureExtractor({ tableBits: 12, gazetteer: gaz }, stubTagger(['李', '王', '说'])).extract('李王说');
  const row = (rs: Int32Array, i: number, f: number) => rs[i * FEATURE_COUNT + f];
  assert.equal(row(rows, 1, 3), row(other, 1, 3)); // template 3: current character
  assert.notEqual(row(rows, 1, 7), row(other, 1, 7)); // template 7: previous + current character
});

test('feature extractor: word segmentation is a feature, not the answer', () => {
  const gaz = new Gazetteer({ full: [], short: [] });
  const a = new FeatureExtractor({ tableBits: 14, gazetteer: gaz }, stubTagger(['王建国', '说'])).extract('王建国说');
  const b = new FeatureExtractor({ tableBits: 14, gazetteer: gaz }, stubTagger(['王', '建国', '说'])).extract('王建国说');
  const differing = new Set<number>();
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) differing.add(k % FEATURE_COUNT);
  // character n-grams (templates 0-14) are unaffected; word position/POS/word templates change
  for (const f of differing) assert.ok(f >= 15, `template ${f} changed`);
  assert.ok(differing.size > 0);
});

test('character classes and gazetteer matches', () => {
  assert.equal(charClass('王'.codePointAt(0)!), charClass('𠮷'.codePointAt(0)!));
  assert.notEqual(charClass('·'.codePointAt(0)!), charClass('，'.codePointAt(0)!));
  assert.equal(shortAdminName('浙江省'), '浙江');
  assert.equal(shortAdminName('新疆维吾尔自治区'), '新疆');
  const gaz = new Gazetteer({ full: ['浙江省', '温州市'], short: ['浙江'] });
  const m = gaz.match(toCodePoints('在浙江省温州市').cps);
  assert.ok(m[1] & GAZ_FULL_B && m[1] & GAZ_SHORT_B);
  assert.ok(m[3] & GAZ_FULL_E);
  assert.ok(m[4] & GAZ_FULL_B && m[6] & GAZ_FULL_E);
  assert.equal(m[0], 0);
});

// ---- model file

function tinyModel(): NerModel {
  const random = rng(3);
  const bits = 8;
  const weights = new Int8Array((1 << bits) * L).map(() => Math.round(random() * 254 - 127));
  const trans = Array.from({ length: L * L }, () => Math.round(random() * 100) / 10);
  return new NerModel({
    tableBits: bits, weights, scale: 0.25, trans, start: new Array(L).fill(1), end: new Array(L).fill(-1),
    calibration: { a: 0.02, b: -0.5 }, gazetteer: { full: ['温州市'], short: ['温州'] }, meta: { seed: 3 },
  });
}

test('model binary round-trips exactly and rejects other files with a clear message', () => {
  const m = tinyModel();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ner-')), 'm.bin');
  m.save(file);
  const back = NerModel.load(file);
  assert.deepEqual(Array.from(back.data.weights), Array.from(m.data.weights));
  assert.deepEqual(back.data.trans, m.data.trans);
  assert.deepEqual(back.data.calibration, m.data.calibration);
  assert.deepEqual(back.data.gazetteer, m.data.gazetteer);
  assert.equal(back.data.scale, 0.25);
  assert.deepEqual(back.encode(), m.encode());
  assert.throws(() => NerModel.decode(Buffer.from('hello world')), /not a News Annotator NER model/);
  const bad = Buffer.from(m.encode());
  bad.fill(0xff, 10, 40);
  assert.throws(() => NerModel.decode(bad), /corrupt|NER model/);
});

// ---- corpus, scoring, sentences

test('JSONL reader reports the line of a bad entity; the dev split takes every Nth line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ner-'));
  const good = path.join(dir, 'good.jsonl');
  fs.writeFileSync(good, '{"text": "王明在北京", "entities": [[0, 2, "PER"], [3, 5, "LOC"]]}\n\n{"text": "无", "entities": []}\n');
  assert.equal(readJsonl(good).length, 2);
  const bad = path.join(dir, 'bad.jsonl');
  fs.writeFileSync(bad, '{"text": "王明", "entities": []}\n{"text": "王明", "entities": [[0, 5, "PER"]]}\n');
  assert.throws(() => readJsonl(bad), /bad\.jsonl:2: bad entity/);
  const { train, dev } = splitDev([...Array(40).keys()], 20);
  assert.deepEqual(dev, [19, 39]);
  assert.equal(train.length, 38);
});

test('the block split keeps contiguous sentences together: dev, tune and train blocks never share a block', () => {
  const xs = [...Array(1000).keys()];
  const { train, dev, tune } = splitBlocks(xs, { block: 50, every: 10, tuneAt: 4 });
  assert.deepEqual(dev, [...xs.slice(450, 500), ...xs.slice(950, 1000)]);
  assert.deepEqual(tune, [...xs.slice(200, 250), ...xs.slice(700, 750)]);
  assert.equal(train.length, 800);
  assert.equal(new Set([...train, ...dev, ...tune]).size, 1000);
});

test('marked sentences: {LABEL:name} marks become code-point ranges, \\n a line break', () => {
  const ex = parseMarked('𠮷{PER:陈 静}在{ORG:有限\\n公司}');
  assert.equal(ex.text, '𠮷陈 静在有限\n公司');
  assert.deepEqual(ex.entities, [[1, 4, 'PER'], [5, 10, 'ORG']]);
  assert.throws(() => parseMarked('{PER:王明'), /unbalanced/);
});

test('error classes: spans are sorted into the failure classes of modern news', () => {
  const cls = (text: string, start: number, end: number, label: string) => errorClass([...text], { start, end, label });
  assert.equal(cls('记者陈静刘洋报道', 2, 6, 'PER'), 'two-names');
  assert.equal(looksLikeTwoNames('欧阳明辉'), false);
  assert.equal(cls('（记者 陈 静）', 4, 7, 'PER'), 'byline');
  assert.equal(cls('李华 摄', 0, 2, 'PER'), 'byline');
  assert.equal(cls('安东尼·布朗说', 0, 6, 'PER'), 'dot-name');
  assert.equal(cls('尤文图斯获胜', 0, 4, 'ORG'), 'foreign-club');
  assert.equal(cls('苏州工业园区出台', 0, 6, 'ORG'), 'dev-zone');
  assert.equal(cls('雄安新区', 0, 4, 'LOC'), 'new-area');
  assert.equal(cls('萧山区', 0, 3, 'LOC'), 'district');
  assert.equal(cls('有限\n公司', 0, 5, 'ORG'), 'line-break');
  assert.equal(cls('温州市财政局', 0, 6, 'ORG'), 'government');
  const c = new ErrorCounter();
  c.add('王明在萧山区', [{ start: 0, end: 2, label: 'PER' }, { start: 3, end: 6, label: 'LOC' }], [{ start: 0, end: 2, label: 'PER' }, { start: 3, end: 5, label: 'LOC' }]);
  assert.equal(c.fn.get('district'), 1);
  assert.equal(c.fp.get('other-LOC'), 1);
  assert.equal(c.total(), 2);
});

test('expected calibration error: zero when confidence matches accuracy, large when overconfident', () => {
  const fair = [...Array(8).keys()].map((i) => ({ confidence: 0.75, correct: i < 6 }));
  assert.equal(expectedCalibrationError(fair).ece, 0);
  assert.equal(expectedCalibrationError([{ confidence: 0.95, correct: true }, { confidence: 0.95, correct: true }]).ece.toFixed(2), '0.05');
  assert.equal(expectedCalibrationError([{ confidence: 0.9, correct: false }]).ece.toFixed(2), '0.90');
});

test('entity scorer counts exact matches only', () => {
  const s = new EntityScorer(['PER', 'LOC', 'ORG']);
  s.add([{ start: 0, end: 2, label: 'PER' }, { start: 3, end: 5, label: 'LOC' }], [{ start: 0, end: 2, label: 'PER' }, { start: 3, end: 4, label: 'LOC' }]);
  const all = s.report().at(-1)!.scores;
  assert.deepEqual([all.tp, all.fp, all.fn], [1, 1, 1]);
  assert.equal(all.f1, 0.5);
});

test('sentence units cover the text, split at sentence ends and line breaks, and cap long runs', () => {
  const text = '第一句。第二句！\r\n第三行“引语。”之后';
  const units = splitDecodingUnits(text).map((u) => text.slice(u.start, u.end));
  assert.deepEqual(units, ['第一句。', '第二句！', '第三行“引语。”', '之后']);
  const long = '𠮷'.repeat(400);
  const parts = splitDecodingUnits(long, 101);
  assert.equal(parts.map((u) => long.slice(u.start, u.end)).join(''), long);
  for (const u of parts) assert.ok(u.end - u.start <= 101 && u.start % 2 === 0);
});

// ---- post-rules (no model needed)

const span = (text: string, piece: string, label: EntitySpan['label'], from = 0): EntitySpan => {
  const start = text.indexOf(piece, from);
  return { start, end: start + piece.length, label, confidence: 0.9 };
};
const show = (text: string, spans: EntitySpan[]) => spans.map((s) => `${s.label}:${text.slice(s.start, s.end)}`);

test('post-rule: nested administrative names are split', () => {
  assert.deepEqual(splitAdministrative('浙江省温州市鹿城区'), ['浙江省', '温州市', '鹿城区']);
  assert.deepEqual(splitAdministrative('新疆维吾尔自治区乌鲁木齐市'), ['新疆维吾尔自治区', '乌鲁木齐市']);
  assert.equal(splitAdministrative('杭州市'), undefined);
  assert.equal(splitAdministrative('内蒙古自治区'), undefined);
  const t = '胶南市大村镇和郑州维修中心，耶路撒冷市西边';
  assert.deepEqual(show(t, splitNestedPlaces(t, [span(t, '胶南市大村镇', 'LOC'), span(t, '郑州维修中心', 'LOC'), span(t, '耶路撒冷市西边', 'LOC')])),
    ['LOC:胶南市', 'LOC:大村镇', 'LOC:郑州维修中心', 'LOC:耶路撒冷市'], 'only pieces that are administrative names; a word of position is cut off');
});

test('post-rule: a registered company name with a bracketed place is one ORG', () => {
  const t = '据杭州海康威视数字技术(苏州)有限公司介绍';
  const spans = [span(t, '杭州', 'LOC'), span(t, '海康威视', 'ORG'), span(t, '苏州', 'LOC')];
  assert.deepEqual(show(t, registeredCompanyNames(t, spans)), ['ORG:杭州海康威视数字技术(苏州)有限公司']);
});

test('post-rule: bylines with a space inside the name', () => {
  const t = '本报温州电（记者 李 明）昨天';
  assert.deepEqual(show(t, bylines(t, [span(t, '李', 'PER')])), ['PER:李 明']);
  const t2 = '（本报记者 王芳、张 伟）';
  assert.deepEqual(show(t2, bylines(t2, [])), ['PER:王芳', 'PER:张 伟']);
});

test('post-rule: titles and verbs stay outside PER; nothing inside 《》 except a whole media title', () => {
  const t = '副市长王建国说';
  assert.deepEqual(show(t, trimPersonTitles(t, [span(t, '副市长王建国说', 'PER')])), ['PER:王建国']);
  // a bare surname before a form of address is the name; a two-character name is not cut to one
  for (const [text, per, want] of [['向王师傅求教', '王师傅', '王'], ['李小姐去年毕业', '李小姐', '李'], ['王芳小姐说', '王芳小姐', '王芳'], ['高先生说', '高先', '高先']]) {
    assert.deepEqual(show(text, trimPersonTitles(text, [span(text, per, 'PER')])), [`PER:${want}`]);
  }
  const b = '他在《浙江日报》上读到《温州市志》';
  const spans = [span(b, '浙江日报', 'ORG'), span(b, '温州市', 'LOC')];
  assert.deepEqual(show(b, dropInsideBookTitles(b, spans)), ['ORG:浙江日报']);
  assert.deepEqual(show(b, applyPostRules(b, spans)), ['ORG:浙江日报']);
});

test('post-rule: bylines and photo credits give one PER per name', () => {
  const t = '本报讯（记者 陈 静 刘 洋）昨天';
  assert.deepEqual(show(t, bylines(t, [span(t, '陈 静 刘 洋', 'PER')])), ['PER:陈 静', 'PER:刘 洋']);
  const p = '会议现场\n（王芳 赵磊）\n';
  assert.deepEqual(show(p, bracketedNames(p, [])), ['PER:王芳', 'PER:赵磊']);
  const q = '（会议 现场）\n';
  assert.deepEqual(show(q, bracketedNames(q, [])), [], 'words that do not start with a surname are not names');
  for (const c of ['李华 摄', '市民在赏花。李华摄', '（李华 摄）', '新华社记者李华摄', '本报通讯员李华 摄']) assert.deepEqual(show(c, photoCredits(c, [])), ['PER:李华'], c);
  assert.deepEqual(show('他拍摄', photoCredits('他拍摄', [])), []);
  const two = '本报记者陈静刘洋报道';
  assert.deepEqual(show(two, twoNamesTogether(two, [span(two, '陈静刘洋', 'PER')])), ['PER:陈静', 'PER:刘洋']);
  const one = '以施瓦辛格为首';
  assert.deepEqual(show(one, twoNamesTogether(one, [span(one, '施瓦辛格', 'PER')])), ['PER:施瓦辛格'], 'outside a byline a four-character name stays');
});

test('post-rule: · names, Latin names, foreign clubs', () => {
  const d = '安东尼·布朗表示';
  assert.deepEqual(show(d, dottedNames(d, [span(d, '安东尼', 'PER'), span(d, '布朗', 'PER')])), ['PER:安东尼·布朗']);
  const l = '演员Tom Ellis出席首映';
  assert.deepEqual(show(l, latinNames(l, [])), ['PER:Tom Ellis']);
  assert.deepEqual(show('在New York举行', latinNames('在New York举行', [])), [], 'no cue, no model span: left alone');
  const g = '截止到版本6.71B，Dota总共有122种物品';
  const unsure = (t: string, piece: string, confidence: number) => unsureLatinNames(t, [{ ...span(t, piece, 'PER'), confidence }]);
  assert.deepEqual(show(g, unsure(g, 'Dota', 0.41)), [], 'an unsure Latin-only PER goes');
  assert.deepEqual(show(g, unsure(g, 'Dota', 0.9)), ['PER:Dota'], 'a sure one stays');
  const said = '在微博中Lucifer透露正在刻苦练习';
  assert.deepEqual(show(said, unsure(said, 'Lucifer', 0.3)), ['PER:Lucifer'], 'a speech verb after it keeps it');
  const han = '樊富珉任项目负责人';
  assert.deepEqual(show(han, unsure(han, '樊富珉', 0.3)), ['PER:樊富珉'], 'only Latin-only spans are judged');
  const c = '尤文图斯主场2比1战胜那不勒斯。';
  assert.deepEqual(show(c, foreignClubs(c, [span(c, '尤文图斯', 'PER'), span(c, '那不勒斯', 'LOC')])), ['ORG:尤文图斯', 'ORG:那不勒斯']);
  const city = '他在那不勒斯度假。';
  assert.deepEqual(show(city, foreignClubs(city, [span(city, '那不勒斯', 'LOC')])), ['LOC:那不勒斯'], 'a city outside sport stays LOC');
  const w = '漂流勇士们出发了';
  assert.deepEqual(show(w, foreignClubs(w, [])), [], '勇士 is a word unless the context is sport');
});

test('post-rule: modern places, zones, regions, villages, bodies, company lists', () => {
  const d = '萧山区召开会议';
  assert.deepEqual(show(d, administrativeEndings(d, [span(d, '萧山', 'LOC')], (n) => n === '萧山区')), ['LOC:萧山区']);
  const x = '雄安新区建设';
  assert.deepEqual(show(x, administrativeEndings(x, [span(x, '雄安', 'LOC')])), ['LOC:雄安新区']);
  const citizens = '福州市民参加献血';
  assert.deepEqual(show(citizens, administrativeEndings(citizens, [span(citizens, '福州', 'LOC')], () => true)), ['LOC:福州'], '市民 is a word of its own');
  const z = '苏州工业园区出台措施';
  assert.deepEqual(show(z, developmentZones(z, [span(z, '苏州', 'LOC')])), ['ORG:苏州工业园区']);
  const r = '京津冀协同发展';
  assert.deepEqual(show(r, multiRegions(r, [span(r, '京津冀协', 'ORG')])), ['LOC:京津冀']);
  const v = '衙前镇凤凰村的村民';
  assert.deepEqual(show(v, villages(v, [span(v, '衙前镇', 'LOC')])), ['LOC:衙前镇', 'LOC:凤凰村']);
  const n = '安吉县农村的变化';
  assert.deepEqual(show(n, villages(n, [span(n, '安吉县', 'LOC')])), ['LOC:安吉县']);
  const g = '萧山区工业和信息化局党组书记';
  assert.deepEqual(show(g, partyCommitteeTails(g, [span(g, '萧山区工业和信息化局党组', 'ORG')])), ['ORG:萧山区工业和信息化局']);
  const e = '区委书记讲话';
  assert.deepEqual(show(e, ellipticalBodies(e, [span(e, '区委', 'ORG')])), []);
  // a level word and a department, no place named: elliptical; with its place it stays
  const dept = '市财政局表示，杭州市财政局也';
  assert.deepEqual(show(dept, ellipticalBodies(dept, [span(dept, '市财政局', 'ORG'), span(dept, '杭州市财政局', 'ORG')])), ['ORG:杭州市财政局']);
  // a verb the model took into a body stays outside it
  const board = '阿里巴巴集团控股有限公司董事会主席张勇表示';
  assert.deepEqual(show(board, partyCommitteeTails(board, [span(board, '阿里巴巴集团控股有限公司董事会', 'ORG')])), ['ORG:阿里巴巴集团控股有限公司']);
  const decided = '该公司董事会决定分红';
  assert.deepEqual(show(decided, partyCommitteeTails(decided, [span(decided, '该公司董事会', 'ORG')])), ['ORG:该公司董事会'], 'a board that acts is left to the model');
  const verb = '吴江区农业农村局组织专家';
  assert.deepEqual(show(verb, partyCommitteeTails(verb, [span(verb, '吴江区农业农村局组织', 'ORG')])), ['ORG:吴江区农业农村局']);
  const k = '杭州市萧山区国有资本投资运营有限公司成立';
  assert.deepEqual(show(k, companyWithPlacePrefix(k, [span(k, '杭州市', 'LOC'), span(k, '萧山区', 'LOC'), span(k, '资运营有限公司', 'ORG')])), ['ORG:杭州市萧山区国有资本投资运营有限公司']);
  const list = '参展的有华为、中兴、小米等企业';
  assert.deepEqual(show(list, companyLists(list, [span(list, '华', 'LOC')])), ['ORG:华为', 'ORG:中兴', 'ORG:小米']);
  const places = '北京、上海等城市';
  assert.deepEqual(show(places, companyLists(places, [span(places, '北京', 'LOC'), span(places, '上海', 'LOC')])), ['LOC:北京', 'LOC:上海']);
  const gov = '昆明市政府和北京市政府、香港特区政府，美国政府';
  assert.deepEqual(show(gov, placeGovernments(gov, [span(gov, '昆明市', 'LOC'), span(gov, '北京', 'LOC'), span(gov, '香港', 'LOC'), span(gov, '美国', 'LOC')])),
    ['ORG:昆明市政府', 'ORG:北京市政府', 'ORG:香港特区政府', 'LOC:美国'], 'an administrative unit\'s government is ORG; "the US government" stays LOC 美国');
  const trades = '全市禁止审批电镀、造纸、制药和化工等项目';
  assert.deepEqual(show(trades, companyLists(trades, [])), [], 'trades with no name the model saw are not companies');
});

test('post-rule: a Chinese place right before an institution word is one ORG with it', () => {
  const places = new Set(['文昌', '洪山', '吉林省', '海淀']);
  const context = { isPlaceName: (n: string) => places.has(n) };
  const run = (text: string, spans: EntitySpan[]) => placeInstitutions(text, spans, context).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);
  const loc = (text: string, name: string): EntitySpan => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, label: 'LOC', confidence: 0.9 });
  let t = '1990年时，文昌看守所是个落后单位';
  assert.deepEqual(run(t, [loc(t, '文昌')]), ['ORG:文昌看守所']);
  t = '送到洪山一中资助他';
  assert.deepEqual(run(t, [loc(t, '洪山')]), ['ORG:洪山一中']);
  t = '这个分局的郑州车辆段出了一件新鲜事';
  places.add('郑州');
  assert.deepEqual(run(t, [loc(t, '郑州')]), ['ORG:郑州车辆段']);
  t = '为吉林省戏校洞开了天空';
  assert.deepEqual(run(t, [loc(t, '吉林省')]), ['ORG:吉林省戏校']);
  // a country before a generic word stays LOC; a word that goes on (看守所长) or is taken by another span is left
  t = '美国法院作出裁决';
  assert.deepEqual(run(t, [loc(t, '美国')]), ['LOC:美国']);
  t = '海淀看守所长说';
  assert.deepEqual(run(t, [loc(t, '海淀')]), ['LOC:海淀']);
  t = '海淀医院';
  assert.deepEqual(run(t, [loc(t, '海淀'), { start: 2, end: 4, label: 'ORG', confidence: 0.5 }]), ['LOC:海淀', 'ORG:医院']);
  // without the gazetteer nothing changes
  t = '文昌看守所';
  assert.deepEqual(placeInstitutions(t, [loc(t, '文昌')], {}).map((s) => s.label), ['LOC']);
  // a government department takes the places it starts with, and a piece of its name the model found
  for (const p of ['深圳市', '南山区', '广州市', '黄埔区']) places.add(p);
  t = '深圳市南山区科技创新局局长李明出席';
  assert.deepEqual(run(t, [loc(t, '深圳市'), loc(t, '南山区')]), ['ORG:深圳市南山区科技创新局']);
  t = '广州市黄埔区人力资源和社会保障局举办招聘会';
  assert.deepEqual(run(t, [loc(t, '广州市'), loc(t, '黄埔区'), { ...loc(t, '社会保障局'), label: 'ORG' }]), ['ORG:广州市黄埔区人力资源和社会保障局']);
});

test('post-rule: a province\'s short name and a place in it are two LOC', () => {
  const places = new Set(['阳江', '海口', '济宁市', '海南', '广东', '吉林', '长春', '吉林市']);
  const context = { isPlaceName: (n: string) => places.has(n) };
  const run = (text: string, names: string[]) => provincePlaces(text, names.map((n) => span(text, n, 'LOC')), context).map((x) => `${x.label}:${text.slice(x.start, x.end)}`);
  assert.deepEqual(run('在广东阳江、海南海口等地', ['广东阳江', '海南海口']), ['LOC:广东', 'LOC:阳江', 'LOC:海南', 'LOC:海口']);
  assert.deepEqual(run('来自山东济宁市的', ['山东济宁市']), ['LOC:山东', 'LOC:济宁市']);
  // the whole is one name (吉林市), or the rest is no place: one span
  assert.deepEqual(run('吉林市的冬天', ['吉林市']), ['LOC:吉林市']);
  assert.deepEqual(run('广东沿海地区', ['广东沿海']), ['LOC:广东沿海']);
  assert.deepEqual(provincePlaces('广东阳江', [span('广东阳江', '广东阳江', 'LOC')], {}).length, 1);
});

test('post-rule: companies and media known by one name are ORG, unless a longer name holds them or they are part of a person\'s name', () => {
  const run = (text: string, spans: EntitySpan[]) => knownOrganisations(text, spans).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);
  const at = (text: string, piece: string, label: EntitySpan['label']): EntitySpan => ({ start: text.indexOf(piece), end: text.indexOf(piece) + piece.length, label, confidence: 0.9 });
  let t = '马斯克宣布特斯拉将在上海扩建工厂';
  assert.deepEqual(run(t, [at(t, '马斯克', 'PER'), at(t, '特斯拉', 'LOC'), at(t, '上海', 'LOC')]), ['PER:马斯克', 'ORG:特斯拉', 'LOC:上海']);
  t = '英伟达发布了新芯片';
  assert.deepEqual(run(t, [at(t, '英', 'LOC')]), ['ORG:英伟达']);
  t = '人民网北京3月5日电';
  assert.deepEqual(run(t, [at(t, '北京', 'LOC')]), ['ORG:人民网', 'LOC:北京']);
  t = '特斯拉上海超级工厂投产';
  assert.deepEqual(run(t, [at(t, '特斯拉上海超级工厂', 'ORG')]), ['ORG:特斯拉上海超级工厂']);
  t = '物理学家尼古拉·特斯拉';
  assert.deepEqual(run(t, [at(t, '尼古拉·特斯拉', 'PER')]), ['PER:尼古拉·特斯拉']);
  t = '尊敬的各位新浪网友';
  assert.deepEqual(run(t, []), []);
});

test('post-rule: no span cuts a word written in Latin letters', () => {
  const at = (text: string, piece: string, label: EntitySpan['label'], from = 0): EntitySpan => {
    const start = text.indexOf(piece, from);
    return { start, end: start + piece.length, label, confidence: 0.4 };
  };
  const run = (text: string, spans: EntitySpan[]) => latinWordFragments(text, spans).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);
  // pieces covering most of the word: one span over the word, of the label covering most letters
  let t = '指挥官Shepard奉命抵抗';
  assert.deepEqual(run(t, [at(t, 'h', 'LOC'), at(t, 'e', 'LOC'), at(t, 'p', 'LOC'), at(t, 'ard', 'LOC')]), ['LOC:Shepard']);
  t = '科宁公司cogniscompany的';
  assert.deepEqual(run(t, [at(t, 'cogniscom', 'ORG'), at(t, 'pany', 'LOC')]), ['ORG:cogniscompany']);
  // pieces covering less than half of it: dropped; the span before the word is left alone
  t = '解说：小苍estelle，';
  assert.deepEqual(run(t, [at(t, '小苍', 'PER'), at(t, 't', 'LOC'), at(t, 'll', 'LOC')]), ['PER:小苍']);
  // a span that runs into the word from outside is stretched over it
  t = '网友吕建明jimmylui说';
  assert.deepEqual(run(t, [at(t, '吕建明jim', 'PER')]), ['PER:吕建明jimmylui']);
  // whole words, and words no span touches, stay as they are
  t = '由Valve开发，HotelGiant和DOTA';
  assert.deepEqual(run(t, [at(t, 'Valve', 'ORG'), at(t, 'DOTA', 'PER')]), ['ORG:Valve', 'PER:DOTA']);
});

test('post-rule: a name\'s original spelling in brackets is a PER of its own', () => {
  const per = (start: number, end: number): EntitySpan => ({ start, end, label: 'PER', confidence: 0.8 });
  const run = (text: string, spans: EntitySpan[]) => nameOriginals(text, spans).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);
  let t = '导演迈克.内维尔(MikeNewell)执导。';
  assert.deepEqual(run(t, [per(2, 20)]), ['PER:迈克.内维尔', 'PER:MikeNewell']);
  t = '黛博拉·莫柔（deborahmarrow）被聘为代理执行';
  assert.deepEqual(run(t, [per(0, 6)]), ['PER:黛博拉·莫柔', 'PER:deborahmarrow']);
  // no name before the bracket, a Chinese note in it, or a span already there: nothing added
  t = '华为(Huawei)发布';
  assert.deepEqual(run(t, [{ start: 0, end: 2, label: 'ORG', confidence: 0.9 }]), ['ORG:华为']);
  t = '王芳（女）说';
  assert.deepEqual(run(t, [per(0, 2)]), ['PER:王芳']);
  t = '米勒(Miller)说';
  assert.deepEqual(run(t, [per(0, 2), { start: 3, end: 9, label: 'ORG', confidence: 0.5 }]), ['PER:米勒', 'ORG:Miller']);
});

test('post-rule: no span takes half a bracket or quote pair', () => {
  const t = '“中国航空公司”和FTC”)批准，科林麦克雷(ColinMcRae)与苏帕蒂（Subodhi）';
  const spans = [span(t, '“中国航空公司', 'ORG'), span(t, 'FTC”', 'ORG'), span(t, '麦克雷(ColinMcRae', 'PER'), span(t, '苏帕蒂（Subodhi）', 'PER')];
  assert.deepEqual(show(t, unpairedMarks(t, spans)), ['ORG:中国航空公司', 'ORG:FTC', 'PER:麦克雷', 'PER:苏帕蒂（Subodhi）']);
});

test('post-rule: the original title after a 《》 title is not a name', () => {
  const t = '上周的《我的圣诞老公》（This Christmas）和演员Tom Ellis（英国）';
  const spans = [span(t, 'This Christmas', 'PER'), span(t, 'Tom Ellis', 'PER')];
  assert.deepEqual(show(t, dropTitleTranslations(t, spans)), ['PER:Tom Ellis']);
});

test('post-rule: a function word stuck to an unsure name is left out', () => {
  const t = '嘱王涛购10册，米勒携子来华，王涛则说';
  const unsure = (piece: string, c: number): EntitySpan => ({ ...span(t, piece, 'PER'), confidence: c });
  assert.deepEqual(show(t, functionCharEdges(t, [unsure('嘱王涛', 0.1), unsure('米勒携', 0.3)])), ['PER:王涛', 'PER:米勒']);
  assert.deepEqual(show(t, functionCharEdges(t, [unsure('王涛则', 0.9)])), ['PER:王涛则'], 'a sure name is kept as it is');
});

test('post-rule: a very unsure PER with no surname is dropped, one with a surname kept', () => {
  const t = '彩迷说，王芳说，彩迷们';
  const at = (piece: string, c: number, from = 0): EntitySpan => ({ ...span(t, piece, 'PER', from), confidence: c });
  assert.deepEqual(show(t, unsureNonNames(t, [at('彩迷', 0.2), at('王芳', 0.2), at('彩迷', 0.8, 6)])), ['PER:王芳', 'PER:彩迷']);
});

test('post-rule: countries written one character each before a word of relations are one LOC each', () => {
  const t = '为中英关系的发展，其中美国，增加中美贸易';
  assert.deepEqual(show(t, countryAbbreviations(t, [])), ['LOC:中', 'LOC:英'], '其中美国 and 增加中美 are not such runs');
  const org = '中美联合经济委员会';
  assert.deepEqual(show(org, countryAbbreviations(org, [span(org, org, 'ORG')])), ['ORG:中美联合经济委员会']);
});

// ---- the shipped model on fixed sentences

test('PER: a name after a title, without the title or the verb', () => {
  assert.ok(ents('副市长王建国说，今年将新建三所学校。').includes('PER:王建国'));
});

test('PER: a typeset byline keeps the space inside the name', () => {
  assert.ok(ents('本报讯（记者 李 明）近日，温州市召开会议。').includes('PER:李 明'));
});

test('PER: a transliterated foreign name', () => {
  const e = ents('法国总统马克龙周二抵达北京，开始为期三天的国事访问。');
  assert.ok(e.includes('PER:马克龙'), e.join(' '));
  assert.ok(e.includes('LOC:北京'), e.join(' '));
});

test('LOC: nested administrative names are separate spans', () => {
  const e = ents('浙江省温州市鹿城区出台了新的扶持政策。');
  for (const x of ['LOC:浙江省', 'LOC:温州市', 'LOC:鹿城区']) assert.ok(e.includes(x), e.join(' '));
});

test('ORG: a long registered name with a bracketed place is one span', () => {
  const e = ents('杭州海康威视数字技术(苏州)有限公司昨日与当地政府签约。');
  assert.ok(e.includes('ORG:杭州海康威视数字技术(苏州)有限公司'), e.join(' '));
});

test('ORG: a government body named after a place is one ORG', () => {
  const e = ents('温州市财政局今天公布了上半年的预算执行情况。');
  assert.ok(e.includes('ORG:温州市财政局'), e.join(' '));
});

test('an astral character before an entity: UTF-16 offsets, convertible to code points', () => {
  const text = '𠮷野家创始人王建国在上海宣布扩张计划。';
  const spans = recogniseEntities(text);
  const per = spans.find((s) => text.slice(s.start, s.end) === '王建国');
  assert.ok(per, JSON.stringify(spans));
  assert.equal(per.start, text.indexOf('王建国'));
  const map = new OffsetMap(text);
  assert.equal([...text].slice(map.toCodePoint(per.start), map.toCodePoint(per.end)).join(''), '王建国');
  for (const s of spans) assert.ok(s.confidence! >= 0 && s.confidence! <= 1);
});

test('CRLF lines and a long text: spans in order, within bounds, never overlapping', () => {
  const para = '新华社北京电 国家主席习近平在人民大会堂会见了美国国务卿布林肯。\r\n上海市人民政府与复旦大学签署合作协议。\r\n';
  const text = para.repeat(60);
  const spans = recogniseEntities(text);
  assert.ok(spans.length >= 120);
  let last = 0;
  for (const s of spans) {
    assert.ok(s.start >= last && s.end > s.start && s.end <= text.length);
    assert.ok(!text.slice(s.start, s.end).includes('\r'));
    last = s.end;
  }
  const first = spans.filter((s) => s.end <= para.length).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);
  const second = spans.filter((s) => s.start >= para.length && s.end <= 2 * para.length).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);
  assert.deepEqual(second, first);
  assert.ok(first.includes('PER:习近平'), first.join(' '));
});

test('tagging words in batches of units changes nothing: same spans and confidences whatever the batch size', () => {
  const text = [
    '新华社北京电 国家主席习近平在人民大会堂会见了美国国务卿布林肯。上海市人民政府与复旦大学签署合作协议。',
    '杭州海康威视数字技术有限\n\n公司董事长陈宗年表示，（记者 陈 静 刘 洋）',
    '𠮷野家在温州市鹿城区开店，李华 摄',
  ].join('\n').repeat(5);
  const rec = entityRecogniser();
  const saved = rec.tagBatch;
  try {
    const outputs = [1, 40, 1000, 1_000_000].map((size) => {
      rec.tagBatch = size;
      return JSON.stringify(rec.recognise(text));
    });
    for (const o of outputs) assert.equal(o, outputs[0]);
    assert.ok(JSON.parse(outputs[0]).length >= 20);
    // paragraphs recognised together give each paragraph what it gets alone; blank ones get nothing
    const paragraphs = [...text.split('\n'), '', '  \n', text.slice(0, 30)];
    rec.tagBatch = 100;
    assert.deepEqual(recogniseEntitiesAll(paragraphs), paragraphs.map((p) => recogniseEntities(p)));
    assert.deepEqual(rec.recogniseAll(paragraphs.slice(0, 3)), paragraphs.slice(0, 3).map((p) => rec.recognise(p)));
  } finally {
    rec.tagBatch = saved;
  }
});

test('blank text gives no entities', () => {
  assert.deepEqual(recogniseEntities(''), []);
  assert.deepEqual(recogniseEntities(' \r\n\t'), []);
});

test('a layout line break inside a company name: one ORG whose span covers the break', () => {
  const text = '本次中标单位为浙江中控技术股份有\n限公司，中标金额为2300万元。';
  const orgs = recogniseEntities(text).filter((s) => s.label === 'ORG').map((s) => text.slice(s.start, s.end));
  assert.deepEqual(orgs, ['浙江中控技术股份有\n限公司']);
  // a line ending in a sentence end is not joined
  const two = '会议在杭州举行。\n公司负责人出席。';
  assert.ok(recogniseEntities(two).every((s) => !two.slice(s.start, s.end).includes('\n')));
});

test('span confidences are calibrated per type and lie in (0, 1)', () => {
  const spans = recogniseEntities('法国总统马克龙周二抵达北京，会见了华为公司负责人。');
  assert.ok(spans.length >= 3);
  for (const s of spans) assert.ok(s.confidence! > 0 && s.confidence! < 1, JSON.stringify(s));
});

// ---- partial labels and calibration

test('CLUENER partial labels: PER/ORG exact, unmarked characters O or LOC, titles open', () => {
  const p = clueNerPartial({ text: '王明在北京看《英雄》', entities: [[0, 2, 'name'], [7, 9, 'movie']] });
  const names = (mask: number) => [...Array(TAG_COUNT).keys()].filter((t) => mask & (1 << t)).map(tagName).join(' ');
  assert.deepEqual(p.ranges, [{ start: 0, end: 2, type: 0 }]);
  assert.equal(names(p.allowed[0]), 'B-PER');
  assert.equal(names(p.allowed[1]), 'I-PER');
  assert.equal(names(p.allowed[3]), 'O B-LOC I-LOC');
  assert.equal(names(p.allowed[7]), 'O B-PER I-PER B-LOC I-LOC B-ORG I-ORG');
  const emit = new Float64Array(2 * L).fill(1);
  const masked = maskEmissions(emit, Uint8Array.from([1, 1 << 3]), 2);
  assert.equal(masked[0], 1);
  assert.equal(masked[1], -Infinity);
  assert.equal(masked[L + 3], 1);
});

test('partial-label training does not force an unmarked place to O', () => {
  // a tagger that makes every character a word, so the test needs no dictionary
  const charTagger = (text: string): TaggedWord[] => [...text].map((c) => ({ word: c, tag: 'x' }));
  const full = (text: string, loc: [number, number]) => ({ text, ranges: [{ start: loc[0], end: loc[1], type: 1 }] });
  // full labels teach 温州 as LOC; partial sentences mention 温州 unmarked (allowed O or LOC) next to a marked PER
  const fully = [full('他在温州工作', [2, 4]), full('温州下雨了', [0, 2]), full('去温州开会', [1, 3])];
  const partial = ['王明到温州了', '李华在温州住'].map((t) => ({ ...clueNerPartial({ text: t, entities: [[0, 2, 'name']] }) }));
  const asO = ['王明到温州了', '李华在温州住'].map((t) => ({ text: t, ranges: [{ start: 0, end: 2, type: 0 }] }));
  const train = (extra: { text: string; ranges: { start: number; end: number; type: number }[]; allowed?: Uint8Array }[]) => {
    const sentences = [];
    for (let r = 0; r < 3; r++) sentences.push(...fully, ...extra);
    const m = trainPerceptron(sentences, { epochs: 5, seed: 3, tableBits: 12, gazetteer: { full: [], short: [] }, tagger: charTagger });
    return quantise(m, 12, { full: [], short: [] }, { a: 1, b: 0 }, {}, charTagger);
  };
  const tagsOf = (model: NerModel, text: string) => {
    const cp = toCodePoints(text);
    const path = viterbi(model.emissions(model.extractor.extract(text, cp), cp.cps.length), cp.cps.length, model.transitions);
    return Array.from(path, tagName).join(' ');
  };
  const place = (model: NerModel) => tagsOf(model, '赵刚到温州了').split(' ').slice(3, 5).join(' ');
  assert.equal(place(train(partial)), 'B-LOC I-LOC');
  // the same sentences with their unmarked characters forced to O teach the model that 温州 after 到 is not a place
  assert.notEqual(place(train(asO)), 'B-LOC I-LOC');
});

test('span errors: a gold span found too short, too long, split, with another type, missed; a prediction over nothing', () => {
  const g = (start: number, end: number, label = 'PER') => ({ start, end, label });
  const kinds = (gold: ReturnType<typeof g>[], pred: ReturnType<typeof g>[]) => spanErrors(gold, pred, ['PER', 'ORG']).map((e) => e.kind);
  assert.deepEqual(kinds([g(0, 3)], [g(0, 3)]), []);
  assert.deepEqual(kinds([g(0, 3)], [g(0, 2)]), ['too-short']);
  assert.deepEqual(kinds([g(0, 3)], [g(0, 4)]), ['too-long']);
  assert.deepEqual(kinds([g(1, 3)], [g(0, 2)]), ['shifted']);
  assert.deepEqual(kinds([g(0, 4, 'ORG')], [g(0, 2, 'ORG'), g(2, 4, 'ORG')]), ['split']);
  assert.deepEqual(kinds([g(0, 3)], [g(0, 3, 'LOC')]), ['wrong-type']);
  assert.deepEqual(kinds([g(0, 4, 'ORG')], [g(0, 2, 'LOC')]), ['wrong-type+boundary']);
  assert.deepEqual(kinds([g(0, 3)], []), ['missed']);
  assert.deepEqual(kinds([], [g(5, 7, 'ORG')]), ['spurious']);
  // a predicted ORG over a gold LOC (a type not looked at): its own kind, not spurious
  assert.deepEqual(kinds([g(0, 2, 'LOC')], [g(0, 2, 'ORG')]), ['on-other-type']);
});

test('isotonic calibration is non-decreasing and near the accuracy of each region', () => {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 400; i++) {
    xs.push(i / 100);
    ys.push(i % 4 === 0 ? (i < 200 ? 1 : 0) : i < 200 ? 0 : 1); // accuracy 0.25 below x = 2, 0.75 above
  }
  const idx = xs.map((_, k) => k);
  const iso = fitIsotonic(idx, xs, ys, xs.map(() => 1));
  for (let k = 1; k < iso.p.length; k++) assert.ok(iso.p[k] >= iso.p[k - 1] && iso.x[k] > iso.x[k - 1]);
  // the model maps x = log(1 + margin) through the knots
  const at = (x: number) => calibratedConfidence({ a: 0, b: 0, isotonic: [iso] }, Math.expm1(x), 0);
  assert.ok(Math.abs(at(1) - 0.25) < 0.05, `low region ${at(1)}`);
  assert.ok(Math.abs(at(3) - 0.75) < 0.05, `high region ${at(3)}`);
  assert.ok(at(0) <= at(1) && at(3) <= at(10));
});
