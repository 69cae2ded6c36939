// Planted contradictions (issue #17): sentences whose figures contradict each other, each with the rule that must
// flag it and the text it must flag, and consistent sentences — the same wording with the right figures, plus the
// traps the issue lists — that must not be flagged. Written before the set was scored; never tuned on.
// Hand-written items first, then items from templates with seeded numbers (mulberry32, seed 17), so the set is the
// same on every run. Scored by test/bench/contradictions.ts (npm run bench:contradictions).
// First score (before any change prompted by it): 117 of 130 found, 0 of 125 consistent flagged. One hand-written
// item was mislabelled (150→180万人次 is 增长了2成, consistent) and now reads 3成; the rules then learnt 增产/减产 and
// to take QUANTITY and CARDINAL of one unit as one kind — so later scores on this set are no longer held out.
import { mulberry32 } from '../../server/src/formats/split';

export interface Planted {
  text: string;
  /** The rule that must flag it; undefined for a consistent sentence (no arithmetic finding allowed). */
  rule?: 'change-rate-mismatch' | 'parts-whole-mismatch';
  /** The text the finding must cover (overlap is enough). */
  flag?: string;
  /** Template or 'hand'. */
  source: string;
}

const hand: Planted[] = [
  // growth and change, written by hand
  { text: '公司营收从80万元增至120万元，增长40%。', rule: 'change-rate-mismatch', flag: '40%', source: 'hand' },
  { text: '全县粮食产量由25万吨增加到30万吨，增产25%。', rule: 'change-rate-mismatch', flag: '25%', source: 'hand' },
  { text: '收入由8万元增加到36万元，增长了4.5倍。', rule: 'change-rate-mismatch', flag: '4.5倍', source: 'hand' },
  { text: '出口额从120亿美元下降到90亿美元，降幅为33.3%。', rule: 'change-rate-mismatch', flag: '33.3%', source: 'hand' },
  { text: '一季度实现利润4.2亿元，比上年同期的3.5亿元增长25%。', rule: 'change-rate-mismatch', flag: '25%', source: 'hand' },
  { text: '前三季度税收收入为560亿元，去年同期为500亿元，同比增长16%。', rule: 'change-rate-mismatch', flag: '16%', source: 'hand' },
  { text: '本月新车销量为24万辆，上月为30万辆，环比下降25%。', rule: 'change-rate-mismatch', flag: '25%', source: 'hand' },
  { text: '城镇化率从45%提高到52%，提高了5个百分点。', rule: 'change-rate-mismatch', flag: '5个百分点', source: 'hand' },
  { text: '贫困人口由1200万人减少到800万人，减少了500万人。', rule: 'change-rate-mismatch', flag: '500万人', source: 'hand' },
  { text: '外汇储备从1400亿美元增至2800亿美元，翻了两番。', rule: 'change-rate-mismatch', flag: '翻了两番', source: 'hand' },
  { text: '货物吞吐量增长30%，由5000万吨增加到6000万吨。', rule: 'change-rate-mismatch', flag: '30%', source: 'hand' },
  { text: '该企业产值从3200万元增至4100万元，增长了28.9%。', rule: 'change-rate-mismatch', flag: '28.9%', source: 'hand' },
  { text: '入境游客由150万人次增加到180万人次，增长了3成。', rule: 'change-rate-mismatch', flag: '3成', source: 'hand' },
  { text: '人均纯收入从2000元提高到2600元，增长了3倍。', rule: 'change-rate-mismatch', flag: '3倍', source: 'hand' },
  { text: '失业率由6.5%降至5.2%，下降了1.5个百分点。', rule: 'change-rate-mismatch', flag: '1.5个百分点', source: 'hand' },
  // parts and wholes, written by hand
  { text: '全年粮食总产量500万吨，其中早稻120万吨、中稻300万吨、晚稻100万吨。', rule: 'parts-whole-mismatch', flag: '500万吨', source: 'hand' },
  { text: '三家企业分别投资3000万元、5000万元和4000万元，共计1.1亿元。', rule: 'parts-whole-mismatch', flag: '1.1亿元', source: 'hand' },
  { text: '合计1.2亿元，分别为3000万元、5000万元和5000万元。', rule: 'parts-whole-mismatch', flag: '1.2亿元', source: 'hand' },
  { text: '甲地捐款20万元，乙地捐款35万元，丙地捐款15万元，总计80万元。', rule: 'parts-whole-mismatch', flag: '80万元', source: 'hand' },
  { text: '第一产业占12%，第二产业占48%，第三产业占45%。', rule: 'parts-whole-mismatch', flag: '45%', source: 'hand' },
  { text: '全厂共有职工1200人，其中男职工700人，女职工600人。', rule: 'parts-whole-mismatch', flag: '1200人', source: 'hand' },
  { text: '今年共招收新生3000人，其中本科生2400人、专科生800人。', rule: 'parts-whole-mismatch', flag: '3000人', source: 'hand' },
  { text: '总投资8亿元，包括国家投资3亿元、地方配套4亿元和银行贷款2亿元。', rule: 'parts-whole-mismatch', flag: '8亿元', source: 'hand' },
  { text: '三类产品分别占35%、40%和30%。', rule: 'parts-whole-mismatch', flag: '30%', source: 'hand' },
  { text: '两个项目分别获得补助450万元和380万元，合计850万元。', rule: 'parts-whole-mismatch', flag: '850万元', source: 'hand' },
  // consistent, and the traps
  { text: '公司营收从80万元增至120万元，增长50%。', source: 'hand' },
  { text: '收入由8万元增加到36万元，增长了3.5倍。', source: 'hand' },
  { text: '收入由8万元增加到36万元，增长到4.5倍。', source: 'hand' },
  { text: '收入从32万元增至41万元，增长28.1%。', source: 'hand' },
  { text: '收入从30万元增至40万元，增长约33%。', source: 'hand' },
  { text: '产值从2010年的80万元增至2015年的120万元，年均增长8.4%。', source: 'hand' },
  { text: '营收从80万元增至120万元，其中利润增长40%。', source: 'hand' },
  { text: '收入和利润分别从80万元和20万元增至120万元和25万元，分别增长50%和25%。', source: 'hand' },
  { text: '全年粮食总产量500万吨，其中早稻120万吨、中稻300万吨。', source: 'hand' },
  { text: '全市工业增加值增长12%，其中轻工业增长10%，重工业增长15%。', source: 'hand' },
  { text: '全市工业增加值增长12%，其中轻工业增长60%，重工业增长55%。', source: 'hand' },
  { text: '合计1.2亿元，分别为3120万元、4980万元和4000万元。', source: 'hand' },
  { text: '第一产业占12%，第二产业占48%，第三产业占40%。', source: 'hand' },
  { text: '城镇化率从45%提高到52%，提高了7个百分点。', source: 'hand' },
  { text: '外汇储备从700亿美元增至2800亿美元，翻了两番。', source: 'hand' },
  { text: '一季度实现利润4.2亿元，比上年同期的3.5亿元增长20%。', source: 'hand' },
  { text: '全厂共有职工1200人，其中男职工700人，女职工500人。', source: 'hand' },
  { text: '今年共招收新生3000人，其中本科生2400人。', source: 'hand' },
  { text: '出口增长35%，进口增长40%，顺差增长30%。', source: 'hand' },
  { text: '全国有学校1000所，其中小学800所，在校学生2000人。', source: 'hand' },
];

const SUBJECTS: [string, string][] = [
  ['全市财政收入', '亿元'],
  ['公司营业收入', '万元'],
  ['全省粮食产量', '万吨'],
  ['景区接待游客', '万人次'],
  ['港口货物吞吐量', '万吨'],
  ['社会消费品零售总额', '亿元'],
  ['出口总额', '亿美元'],
  ['新增就业人数', '人'],
  ['汽车产量', '万辆'],
  ['研发投入', '万元'],
];

type ChangeTemplate = (s: string, a: string, b: string, r: string) => string;
const UP_TEMPLATES: [string, ChangeTemplate][] = [
  ['从…增至…，增长R%', (s, a, b, r) => `${s}从${a}增至${b}，增长${r}%。`],
  ['由…增加到…，增幅为R%', (s, a, b, r) => `${s}由${a}增加到${b}，增幅为${r}%。`],
  ['由…提高到…，提高了R%', (s, a, b, r) => `${s}由${a}提高到${b}，提高了${r}%。`],
  ['…B，比上年的A增长R%', (s, a, b, r) => `今年${s}${b}，比上年的${a}增长${r}%。`],
  ['…B，比去年同期的A增加R%', (s, a, b, r) => `上半年${s}${b}，比去年同期的${a}增加${r}%。`],
  ['…为B，去年同期为A，同比增长R%', (s, a, b, r) => `一季度${s}为${b}，去年同期为${a}，同比增长${r}%。`],
  ['增长R%，由A增加到B', (s, a, b, r) => `${s}增长${r}%，由${a}增加到${b}。`],
  ['从A上升到B，涨幅为R%', (s, a, b, r) => `${s}从${a}上升到${b}，涨幅为${r}%。`],
  ['从A增至B，同比增长R%', (s, a, b, r) => `${s}从去年的${a}增至${b}，同比增长${r}%。`],
];
const DOWN_TEMPLATES: [string, ChangeTemplate][] = [
  ['从…下降到…，降幅达R%', (s, a, b, r) => `${s}从${a}下降到${b}，降幅达${r}%。`],
  ['由…减少到…，减少了R%', (s, a, b, r) => `${s}由${a}减少到${b}，减少了${r}%。`],
  ['…为B，上年同期为A，同比下降R%', (s, a, b, r) => `前三季度${s}为${b}，上年同期为${a}，同比下降${r}%。`],
  ['从A回落至B，下降R%', (s, a, b, r) => `${s}从${a}回落至${b}，下降${r}%。`],
];

const fmt = (n: number, decimals: number) => n.toFixed(decimals);

function templated(): Planted[] {
  const random = mulberry32(17);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const out: Planted[] = [];
  const amount = (unit: string) => {
    const v = unit === '人' ? int(20, 90) * 100 : int(20, 900);
    return { v, text: `${v}${unit}` };
  };
  /** A rate that is wrong by more than the rounding allows: off by 3–15 points, or taken on the wrong base. */
  const wrongRate = (right: number, wrongBase: number) => {
    const kind = int(0, 2);
    let w = kind === 0 ? wrongBase : right + (int(0, 1) ? 1 : -1) * int(3, 15);
    if (w <= 0 || Math.abs(w - right) < 2) w = right + int(4, 12);
    return w;
  };
  // growth: 9 up templates × 5 + 4 down templates × 5 contradictions, each with its consistent twin
  for (const [name, template] of UP_TEMPLATES) {
    for (let i = 0; i < 5; i++) {
      const [subject, unit] = SUBJECTS[int(0, SUBJECTS.length - 1)];
      const a = amount(unit);
      const b = { v: Math.round(a.v * (1 + int(8, 90) / 100)), text: '' };
      b.text = `${b.v}${unit}`;
      const right = ((b.v - a.v) / a.v) * 100;
      const decimals = int(0, 1);
      const wrong = wrongRate(right, ((b.v - a.v) / b.v) * 100);
      out.push({ text: template(subject, a.text, b.text, fmt(wrong, decimals)), rule: 'change-rate-mismatch', flag: `${fmt(wrong, decimals)}%`, source: name });
      out.push({ text: template(subject, a.text, b.text, fmt(right, decimals)), source: name });
    }
  }
  for (const [name, template] of DOWN_TEMPLATES) {
    for (let i = 0; i < 5; i++) {
      const [subject, unit] = SUBJECTS[int(0, SUBJECTS.length - 1)];
      const a = amount(unit);
      const b = { v: Math.round(a.v * (1 - int(5, 60) / 100)), text: '' };
      b.text = `${b.v}${unit}`;
      const right = ((a.v - b.v) / a.v) * 100;
      const decimals = int(0, 1);
      const wrong = wrongRate(right, ((a.v - b.v) / b.v) * 100);
      out.push({ text: template(subject, a.text, b.text, fmt(wrong, decimals)), rule: 'change-rate-mismatch', flag: `${fmt(wrong, decimals)}%`, source: name });
      out.push({ text: template(subject, a.text, b.text, fmt(right, decimals)), source: name });
    }
  }
  // 增长了N倍 (net) with the multiple written instead, and the right net figure
  for (let i = 0; i < 6; i++) {
    const [subject, unit] = SUBJECTS[int(0, SUBJECTS.length - 1)];
    const a = int(2, 40);
    const n = int(2, 8) + (int(0, 1) ? 0.5 : 0);
    const b = a * (n + 1);
    out.push({ text: `${subject}由${a}${unit}增加到${b}${unit}，增长了${n + 1}倍。`, rule: 'change-rate-mismatch', flag: `${n + 1}倍`, source: '增长了N倍 (net)' });
    out.push({ text: `${subject}由${a}${unit}增加到${b}${unit}，增长了${n}倍。`, source: '增长了N倍 (net)' });
  }
  // parts and wholes
  const PARTS: [string, string, string[]][] = [
    ['全年粮食总产量', '万吨', ['早稻', '中稻', '晚稻']],
    ['全市共有企业', '家', ['国有企业', '集体企业', '私营企业']],
    ['全校共有学生', '人', ['小学部', '初中部', '高中部']],
    ['全年总投资', '万元', ['基础设施', '教育', '医疗']],
    ['全年外贸总额', '亿美元', ['出口', '进口']],
  ];
  for (const [whole, unit, names] of PARTS) {
    for (let i = 0; i < 4; i++) {
      const parts = names.map(() => int(10, 400));
      const sum = parts.reduce((x, y) => x + y, 0);
      const over = sum - int(5, Math.max(6, Math.floor(sum / 5)));
      const list = names.map((n, k) => `${n}${parts[k]}${unit}`).join('，');
      out.push({ text: `${whole}${over}${unit}，其中${list}。`, rule: 'parts-whole-mismatch', flag: `${over}${unit}`, source: '其中 parts over the whole' });
      out.push({ text: `${whole}${sum + int(0, 50)}${unit}，其中${list}。`, source: '其中 parts over the whole' });
    }
  }
  for (let i = 0; i < 8; i++) {
    const unit = ['万元', '亿元', '万吨', '人'][i % 4];
    const parts = [int(10, 500), int(10, 500), int(10, 500)];
    const sum = parts.reduce((x, y) => x + y, 0);
    const wrong = sum + (int(0, 1) ? 1 : -1) * int(3, 40);
    const listed = `${parts[0]}${unit}、${parts[1]}${unit}和${parts[2]}${unit}`;
    const wording = i % 2 === 0 ? (t: number) => `三个项目分别完成${listed}，共计${t}${unit}。` : (t: number) => `合计${t}${unit}，分别为${listed}。`;
    out.push({ text: wording(wrong), rule: 'parts-whole-mismatch', flag: `${wrong}${unit}`, source: i % 2 === 0 ? '分别…，共计T' : '合计T，分别为…' });
    out.push({ text: wording(sum), source: i % 2 === 0 ? '分别…，共计T' : '合计T，分别为…' });
  }
  for (let i = 0; i < 6; i++) {
    const s1 = int(10, 40);
    const s2 = int(10, 40);
    const s3 = 100 - s1 - s2 + int(2, 9);
    const ok = 100 - s1 - s2 - int(0, 5);
    const wording = i % 2 === 0 ? (x: number) => `第一产业占${s1}%，第二产业占${s2}%，第三产业占${x}%。` : (x: number) => `三类产品的销售额分别占${s1}%、${s2}%和${x}%。`;
    out.push({ text: wording(s3), rule: 'parts-whole-mismatch', flag: `${s3}%`, source: '占…% past 100%' });
    out.push({ text: wording(ok), source: '占…% past 100%' });
  }
  return out;
}

export const PLANTED: Planted[] = [...hand, ...templated()];
