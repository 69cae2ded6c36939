// MONEY, PERCENT, QUANTITY, CARDINAL, ORDINAL with normalised values (see ../shared/ANNOTATION-GUIDELINES.md).
//
// One left-to-right pass: at each character that can begin a numeral (or 第, 百分之, a currency sign), read the
// numeral with scanNumeral, then look at the few characters around it: a modifier before (约, 近, 超, 逾, 不足),
// a placeholder after (余, 多), the unit or classifier, a range to a second figure, and a modifier after
// (左右, 以上, 以下). Numbers followed by no unit or classifier (dates, times, bare numbers) give no span.
import type { Mod } from './types';
import type { RawSpan } from './types';
import {
  NumeralMatch,
  canStartNumeral,
  codeBefore,
  insideAsciiToken,
  matchSpaced,
  notNumberWordEnd,
  roundFloat,
  scanNumeral,
} from './numerals';
import { fractionValue, isBareCardinal } from './bareNumbers';

// ---------------------------------------------------------------------------------------------------------------
// Vocabularies

/** Currency names written after the amount → ISO 4217 code (BTC for bitcoin, which has none). */
const CURRENCIES: Record<string, string> = {
  '元': 'CNY', '人民币': 'CNY', '元人民币': 'CNY', '块钱': 'CNY',
  '美元': 'USD', '美金': 'USD', '美圆': 'USD', '美刀': 'USD',
  '欧元': 'EUR', '港元': 'HKD', '港币': 'HKD', '日元': 'JPY', '日圆': 'JPY', '英镑': 'GBP',
  '韩元': 'KRW', '卢布': 'RUB', '澳元': 'AUD', '澳大利亚元': 'AUD', '加元': 'CAD', '加拿大元': 'CAD',
  '新台币': 'TWD', '台币': 'TWD', '瑞士法郎': 'CHF', '新加坡元': 'SGD', '新元': 'SGD', '泰铢': 'THB',
  '印度卢比': 'INR', '奈拉': 'NGN', '林吉特': 'MYR', '兰特': 'ZAR', '越南盾': 'VND', '雷亚尔': 'BRL',
  '澳门元': 'MOP', '澳门币': 'MOP', '新西兰元': 'NZD', '土耳其里拉': 'TRY', '瑞典克朗': 'SEK',
  '挪威克朗': 'NOK', '丹麦克朗': 'DKK', '比特币': 'BTC', '铢': 'THB', '马克': 'DEM', '法郎': 'FRF', '里拉': 'ITL',
  '卢比': 'INR', '菲律宾比索': 'PHP', '墨西哥比索': 'MXN', '阿根廷比索': 'ARS',
  '圆': 'CNY', '人民币元': 'CNY', '块人民币': 'CNY', '日币': 'JPY', '韩币': 'KRW', '澳币': 'AUD', '加币': 'CAD',
  '纽币': 'NZD', '新币': 'SGD', '马币': 'MYR', '瑞郎': 'CHF', '英磅': 'GBP', '俄罗斯卢布': 'RUB', '巴西雷亚尔': 'BRL',
  '南非兰特': 'ZAR', '马来西亚林吉特': 'MYR', '印尼盾': 'IDR', '印度尼西亚盾': 'IDR', '迪拉姆': 'AED',
  '阿联酋迪拉姆': 'AED', '里亚尔': 'SAR', '沙特里亚尔': 'SAR', '卡塔尔里亚尔': 'QAR', '伊朗里亚尔': 'IRR',
  '埃及镑': 'EGP', '格里夫纳': 'UAH', '兹罗提': 'PLN', '波兰兹罗提': 'PLN', '福林': 'HUF', '匈牙利福林': 'HUF',
  '捷克克朗': 'CZK', '冰岛克朗': 'ISK', '坚戈': 'KZT', '图格里克': 'MNT', '谢克尔': 'ILS', '新谢克尔': 'ILS',
  '巴基斯坦卢比': 'PKR', '斯里兰卡卢比': 'LKR', '尼泊尔卢比': 'NPR', '塔卡': 'BDT', '基普': 'LAK', '瑞尔': 'KHR',
  '缅元': 'MMK', '智利比索': 'CLP', '哥伦比亚比索': 'COP', '索尔': 'PEN', '第纳尔': 'KWD', '科威特第纳尔': 'KWD',
  '苏姆': 'UZS', '先令': 'KES', '肯尼亚先令': 'KES', '尼日利亚奈拉': 'NGN', '白俄罗斯卢布': 'BYN',
  '新台币元': 'TWD', '港币元': 'HKD',
  // Traditional-character spellings (Hong Kong, Taiwan and overseas Chinese news).
  '人民幣': 'CNY', '元人民幣': 'CNY', '歐元': 'EUR', '港幣': 'HKD', '港圓': 'HKD',
  '英鎊': 'GBP', '韓元': 'KRW', '韓圓': 'KRW', '韓幣': 'KRW', '盧布': 'RUB', '澳幣': 'AUD', '加幣': 'CAD',
  '新臺幣': 'TWD', '新台幣': 'TWD', '臺幣': 'TWD', '台幣': 'TWD', '新幣': 'SGD', '泰銖': 'THB', '銖': 'THB', '澳門幣': 'MOP',
  '紐幣': 'NZD', '馬幣': 'MYR', '新台幣元': 'TWD', '港幣元': 'HKD',
};
/** Currency names that may also stand before the amount (港币5亿元, 美元2.5亿, 新台币9000亿元); not 元 / 圆 alone. */
const PREFIX_CURRENCY_MIN_LENGTH = 2;
/** Hundredths of a currency written alone after an amount. */
const CENTS: [string, string][] = [['美分', 'USD'], ['欧分', 'EUR'], ['便士', 'GBP'], ['港仙', 'HKD']];
/** Currency signs written before the amount. */
const CURRENCY_SIGNS: Record<string, string> = {
  'US$': 'USD', 'HK$': 'HKD', 'NT$': 'TWD', 'S$': 'SGD', 'A$': 'AUD', 'C$': 'CAD', 'RMB': 'CNY', 'USD': 'USD',
  'EUR': 'EUR', 'HKD': 'HKD', 'GBP': 'GBP', 'JPY': 'JPY', 'CNY': 'CNY', '₩': 'KRW', '₽': 'RUB', '₹': 'INR', '$': 'USD', '＄': 'USD', '￥': 'CNY', '¥': 'CNY', '€': 'EUR', '£': 'GBP', '￡': 'GBP',
};
/** Sub-units that may follow a whole amount (五元三角, 两美元又三美分). */
const SUBUNITS: Record<string, Record<string, number>> = {
  CNY: { '角': 0.1, '毛': 0.1, '分': 0.01 },
  USD: { '美分': 0.01 },
  EUR: { '欧分': 0.01 },
  HKD: { '仙': 0.01 },
  JPY: { '钱': 0.01, '銭': 0.01, '日本钱': 0.01, '日本銭': 0.01 },
};

/** Physical units (QUANTITY); the value is the number in the unit as written. */
const QUANTITY_UNITS = [
  '平方公里', '平方千米', '平方米', '平米', '立方米', '立方', '公顷', '亩', '千米', '公里', '厘米', '毫米', '微米', '纳米',
  '米', '英里', '海里', '英尺', '公分', '千克', '公斤', '克', '毫克', '微克', '斤', '吨', '公吨', '千瓦时', '千瓦',
  '兆瓦', '吉瓦', '瓦', '千伏', '升', '毫升', '桶', '标箱', '标准箱', '摄氏度', '℃', '赫兹', '兆赫兹', '兆赫',
  '千赫', '比特', '千比特', '字节', '千字节', '兆字节', '千卡', '大卡', '卡路里', '马力', '英寸', '英亩', '毫安时',
  '毫安', '千帕', '兆帕', '分贝', '光年',
];
/** Units written in Latin letters; they must not run into a longer word (5km yes, 5kmh no). Not nm or L: 7nm and
 * 2.0L name a process node and an engine. */
const LATIN_UNITS = [
  'km', 'kg', 'cm', 'mm', 'm', 'kW', 'kWh', 'MW', 'GW', 'TEU', 'GB', 'MB', 'CM', 'KM', 'KG', 'TB', 'KB', 'PB', 'mAh',
  'Hz', 'kHz', 'MHz', 'GHz', 'W', 'Wh', 'mg', 'ml', 'mL', 'dB', 'Gbps', 'Mbps', 'ms', 'km/h',
];
/** A rate written after a unit: 350公里/小时, 10米/秒, 5吨/天. */
const PER_TIME = ['/小时', '/时', '/秒', '/分钟', '/天', '/日', '/年', '每小时', '每秒'];

/** Classifiers that make a numeral a CARDINAL (a count); 倍 for multiples. */
const CLASSIFIERS = [
  '人次', '架次', '批次', '艘次', '场次', '班次', '车次', '户次', '个', '個', '家', '人', '项', '件', '名', '位', '次', '辆', '台', '所', '座', '户', '套', '倍', '只', '头', '条',
  '张', '本', '部', '篇', '份', '批', '架', '艘', '列', '栋', '幢', '间', '处', '场', '届', '支', '种', '类', '起', '例',
  '宗', '笔', '株', '棵', '枚', '颗', '道', '层', '门', '款', '单', '票', '册', '匹', '口井', '所', '轮', '组', '对', '双',
  '块', '片', '根', '粒', '盏', '首', '幅', '集', '期', '节', '章', '卷', '帧', '例次', '股', '席', '段', '国', '省',
  '口', '面', '副', '句', '盒', '瓶', '袋', '箱', '球', '碗', '杯', '桌', '壶', '串', '捆', '罐', '筐',
  '余', '多',
].filter((c) => c !== '余' && c !== '多');
/** Classifiers that, followed by another number, make an address (8栋502室). */
const ADDRESS_CLASSIFIERS = new Set(['栋', '幢', '座', '层', '号', '排', '组', '区', '间', '单元']);
/** Classifiers that may follow 第 in an ORDINAL (第三届, 第5名). */
const ORDINAL_CLASSIFIERS = new Set([
  '届', '次', '名', '位', '个', '批', '期', '轮', '场', '章', '节', '条', '款', '项', '家', '号', '代', '波', '版',
  '集', '卷', '层', '排', '组', '局', '课', '站', '棒', '部', '篇', '种', '类', '阶段', '梯队', '产业', '辆', '枚',
  '座', '所', '件', '例', '起', '只', '架', '艘', '台', '份', '张', '首', '任', '幅', '盘', '枪', '球', '杯', '碗',
]);
/** Words that a classifier after 第 starts instead (第二台阶, 第一任务, 第一起跑): the classifier stays out. */
const ORDINAL_NOT_BEFORE: Record<string, string> = { '台': '阶风', '任': '务', '起': '跑', '首': '发都', '座': '谈' };
/** Classifiers that count produced items, so that a production volume (年产15万台) is a QUANTITY. */
const PRODUCT_CLASSIFIERS = new Set('件台辆套双只头部架艘块片株枚颗根粒盏册本张匹条桶箱'.split(''));
/** After 个 (or 多/半 after 个), these make a duration, which belongs to the date recogniser. */
const TIME_AFTER_GE = ['月', '小时', '钟头', '星期', '礼拜', '季度', '年头', '工作日', '交易日', '世纪', '学期', '周', '半月'];

const PREFIX_MODS: [string, Mod][] = [
  ['大约', 'approx'], ['约', 'approx'], ['将近', 'less_than'], ['近', 'less_than'], ['不足', 'less_than'],
  ['不到', 'less_than'], ['超', 'more_than'], ['逾', 'more_than'],
];
const SUFFIX_MODS: [string, Mod][] = [
  ['左右', 'approx'], ['上下', 'approx'], ['以上', 'more_than'], ['以下', 'less_than'], ['以内', 'equal_or_less'],
];
const RANGE_SEPARATORS = ['——', '—', '-', '－', '–', '~', '～', '〜', '至', '到'];

/** 成 is not a tenth before these (成品, 成员, 成为, …). */
const NOT_AFTER_CHENG = new Set('品员为立功本果绩交就长熟都型效年分批群语'.split(''));
/** 折 is not a discount before these (折合, 折算, 折叠, …). */
const NOT_AFTER_ZHE = new Set('合算叠旧腾返射服扣线页成'.split(''));
/** 球 counts goals (打进18球) except before these (球队, 球员, 球迷, …). */
const NOT_AFTER_QIU = new Set('队員员迷场星衣鞋拍馆赛类王技面体门'.split(''));
/** Before a bare numeral such as 十 / 百, these make an indefinite amount (数十人, 上百家, 几十个). */
const INDEFINITE_BEFORE = new Set(['数', '几', '上', '成', '好']);

// ---------------------------------------------------------------------------------------------------------------
// Longest-match lookup by first character.

function indexByFirst(words: Iterable<string>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const w of words) {
    const list = m.get(w[0]) ?? [];
    list.push(w);
    m.set(w[0], list);
  }
  for (const list of m.values()) list.sort((a, b) => b.length - a.length);
  return m;
}
const CURRENCY_INDEX = indexByFirst(Object.keys(CURRENCIES));
const QUANTITY_INDEX = indexByFirst(QUANTITY_UNITS);
const LATIN_INDEX = indexByFirst(LATIN_UNITS);
const CLASSIFIER_INDEX = indexByFirst(CLASSIFIERS);
const SIGN_INDEX = indexByFirst(Object.keys(CURRENCY_SIGNS));

function longestAt(index: Map<string, string[]>, text: string, i: number): string | undefined {
  const list = index.get(text[i]);
  if (!list) return undefined;
  for (const w of list) if (text.startsWith(w, i)) return w;
  return undefined;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) === 0x20) i++;
  return i;
}

// ---------------------------------------------------------------------------------------------------------------
// Units after a numeral

interface UnitMatch {
  label: 'MONEY' | 'PERCENT' | 'QUANTITY' | 'CARDINAL';
  end: number;
  /** Multiplies the numeral (PERCENT: 0.01 for %, 0.1 for 成). */
  factor: number;
  /** Added after multiplying (一吨半 → +0.5; 三成半 → +0.05; 五元三角 → +0.3). */
  add: number;
  unit?: string;
  mod?: Mod;
}

/** Is the numeral written with digits only (no 十 / 百 units): 5, 7.5, 三, 三点五, 75? */
function digitForm(m: NumeralMatch, text: string): boolean {
  for (let k = m.start; k < m.end; k++) {
    const ch = text[k];
    if ('十拾百佰千仟万萬亿億兆'.includes(ch)) return false;
  }
  return true;
}

/** The unit, classifier or percent sign at `at` (after a numeral m), or undefined. */
function unitAfter(text: string, m: NumeralMatch, at: number, production: boolean): UnitMatch | undefined {
  const j = skipSpaces(text, at);
  const ch = text[j];
  // Percent signs.
  if (ch === '%' || ch === '％') return { label: 'PERCENT', end: j + 1, factor: 0.01, add: 0 };
  if (ch === '‰') return { label: 'PERCENT', end: j + 1, factor: 0.001, add: 0 };
  if (ch === '‱') return { label: 'PERCENT', end: j + 1, factor: 0.0001, add: 0 };
  for (const w of ['个百分点', '個百分點', '百分点', '百分點']) {
    const e = matchSpaced(text, j, w);
    if (e >= 0) return { label: 'PERCENT', end: e, factor: 0.01, add: 0, unit: 'pp' };
  }
  // Basis points, read like 个百分点: 25个基点 → 0.0025 (unit bp).
  for (const w of ['个基点', '個基點', '基点', '基點']) {
    const e = matchSpaced(text, j, w);
    if (e >= 0) return { label: 'PERCENT', end: e, factor: 0.0001, add: 0, unit: 'bp' };
  }
  // Tenths: 三成, 9.5成, 七成六, 三成半.
  if (ch === '成' && !NOT_AFTER_CHENG.has(text[j + 1]) && (m.valueMax ?? m.value) <= 10 && m.value > 0) {
    let end = j + 1;
    let add = 0;
    if (text[end] === '半') {
      add = 0.05;
      end++;
    } else {
      const k = skipSpaces(text, end);
      const d = canStartNumeral(text.charCodeAt(k)) ? scanNumeral(text, k, k + 1, true) : undefined;
      if (d && d.value >= 1 && d.value <= 9 && !canStartNumeral(text.charCodeAt(k + 1)) && text[k + 1] !== '成') {
        add = d.value / 100;
        end = k + 1;
      }
    }
    return { label: 'PERCENT', end, factor: 0.1, add };
  }
  // Discounts: 八折, 8.5折, 75折 (the price as a fraction of the original).
  if (ch === '折' && !NOT_AFTER_ZHE.has(text[j + 1]) && digitForm(m, text) && m.value > 0 && m.value < 100) {
    return { label: 'PERCENT', end: j + 1, factor: m.value < 10 ? 0.1 : 0.01, add: 0 };
  }
  // Cents of a foreign currency: 7.5美分, 50欧分, 20便士.
  for (const [w, code] of CENTS) {
    if (text.startsWith(w, j)) return { label: 'MONEY', end: j + w.length, factor: 0.01, add: 0, unit: code };
  }
  // Currency.
  const cur = longestAt(CURRENCY_INDEX, text, j);
  if (cur) {
    let code = CURRENCIES[cur];
    let end = j + cur.length;
    if (cur === '元' || cur === '圆') {
      // 8亿元人民币, 27470元新台币: the currency named after 元.
      const named = longestAt(CURRENCY_INDEX, text, end);
      if (named && named.length >= PREFIX_CURRENCY_MIN_LENGTH && named[0] !== '元') {
        code = CURRENCIES[named];
        end += named.length;
      }
    }
    const sub = subunitsAfter(text, end, code);
    return { label: 'MONEY', end: wholeMark(text, sub.end, code), factor: 1, add: sub.add, unit: code };
  }
  // Colloquial and small-change yuan: 三块五毛, 两百块, 五角八分, 一毛五, 八毛钱, 五分钱.
  if (ch === '块' || ch === '角' || ch === '毛' || ch === '分') {
    const small = smallChangeAt(text, m, j);
    if (small) return small;
  }
  // Index points: 3052.14点, 3000点大关 (a clock hour is at most 24).
  if ((ch === '点' || ch === '點') && j === at && Math.abs(m.valueMax ?? m.value) >= 100 && /[0-9０-９]/.test(text[m.start] === '-' ? text[m.start + 1] : text[m.start])) {
    const after = text[j + 1];
    if (after !== '钟' && after !== '半' && after !== '多') return { label: 'CARDINAL', end: j + 1, factor: 1, add: 0, unit: '点' };
  }
  // Counts of characters (15万字, 3000字) and degrees (5度电, 300度, 零下5度) with an Arabic or 万/千-sized numeral;
  // 十字, 三度夺冠 are words.
  if ((ch === '字' || ch === '度') && j === at && writtenLarge(text, m, ch === '字')) {
    return ch === '字'
      ? { label: 'CARDINAL', end: j + 1, factor: 1, add: 0, unit: '字' }
      : { label: 'QUANTITY', end: j + 1, factor: 1, add: 0, unit: '度' };
  }
  // Scores: 总分689分, 689分的成绩.
  if (ch === '分' && j === at && m.value > 0 && (Number.isInteger(m.value) || /总分|得分|评分|打出|获得|以$/.test(text.slice(Math.max(0, m.start - 3), m.start))) && !/^[0-9０-９]{1,2}秒/.test(text.slice(j + 1, j + 4)) && scoreContext(text, m.start, j + 1)) {
    return { label: 'CARDINAL', end: j + 1, factor: 1, add: 0, unit: '分' };
  }
  // Physical units.
  const q = longestAt(QUANTITY_INDEX, text, j);
  // 分贝 after a small Chinese numeral is usually 分 + a name (拉科难取三分贝蒂斯).
  if (q && !(q === '分贝' && !writtenLarge(text, m, false) && m.value < 10)) {
    let end = j + q.length;
    let add = 0;
    if (text[end] === '半' && Number.isInteger(m.value) && m.valueMax === undefined) {
      add = 0.5;
      end++;
    }
    // A height in metres and centimetres: 1米85, 一米八 → 1.85, 1.8.
    if (q === '米' && add === 0 && m.value >= 1 && m.value <= 2 && Number.isInteger(m.value) && m.valueMax === undefined) {
      const cm = heightCentimetres(text, end);
      if (cm) return { label: 'QUANTITY', end: cm.end, factor: 1, add: cm.add, unit: q };
    }
    let per = PER_TIME.find((w) => text.startsWith(w, end));
    if (!per && (text[end] === '/' || text[end] === '／')) {
      // A unit per unit: 32微克/立方米, 5千克/平方米.
      const q2 = longestAt(QUANTITY_INDEX, text, end + 1);
      if (q2) per = '/' + q2;
    }
    return { label: 'QUANTITY', end: end + (per?.length ?? 0), factor: 1, add, unit: per ? q + per : q };
  }
  const latin = longestAt(LATIN_INDEX, text, j);
  if (latin && !isAsciiAlnum(text.charCodeAt(j + latin.length)) && !(latin === 'W' && text[j + 1] === '+')) {
    return { label: 'QUANTITY', end: j + latin.length, factor: 1, add: 0, unit: latin };
  }
  // Counts: 12个, 300家, 1.5万人次; 个 + a time unit is a duration (3个月), not a count.
  const cl = longestAt(CLASSIFIER_INDEX, text, j);
  if (cl && j === at) {
    let end = j + cl.length;
    if (cl === '个' || cl === '個') {
      const k = text[end] === '多' || text[end] === '半' ? end + 1 : end;
      if (TIME_AFTER_GE.some((w) => text.startsWith(w, k))) return undefined;
      const coin = text.startsWith('比特币', end) ? '比特币' : undefined;
      if (coin) return { label: 'MONEY', end: end + coin.length, factor: 1, add: 0, unit: CURRENCIES[coin] };
    }
    if (cl === '枚' && text.startsWith('比特币', end)) return { label: 'MONEY', end: end + 3, factor: 1, add: 0, unit: 'BTC' };
    if (cl === '块' && text[end] === '钱') return { label: 'MONEY', end: end + 1, factor: 1, add: 0, unit: 'CNY' };
    if (cl === '期' && (text[end] === '间' || text[end] === '内')) return undefined;
    if (cl === '节' && text[end] === '日') return undefined;
    if (cl === '位' && text[end] === '数') return undefined; // 两位数 (double digits)
    if (cl === '人' && text[end] === '口') return undefined; // 十几亿人口: 人口 is a noun, not 人 counted
    if (cl === '球' && NOT_AFTER_QIU.has(text[end])) return undefined; // 3球队, 5球员: nouns, not goals counted
    if (cl === '国' && (text.startsWith('集团', end) || text[end] === '峰')) return undefined; // 7国集团 is a name
    return { label: production && PRODUCT_CLASSIFIERS.has(cl) ? 'QUANTITY' : 'CARDINAL', end, factor: 1, add: 0, unit: cl };
  }
  return undefined;
}

/** The centimetres of a height after 米 (1米85 → +0.85, 一米八 → +0.8), closed by punctuation, 的 or 左右. */
function heightCentimetres(text: string, at: number): { end: number; add: number } | undefined {
  let k = at;
  let digits = '';
  while (k < at + 2 && /[0-9]/.test(text[k] ?? '')) digits += text[k++];
  if (!digits) {
    const d = '零一二三四五六七八九'.indexOf(text[k] ?? '\u0000');
    if (d < 0) return undefined;
    digits = String(d);
    k++;
    const d2 = '零一二三四五六七八九'.indexOf(text[k] ?? '\u0000');
    if (d2 >= 0) (digits += String(d2)), k++;
  }
  if (!(isClauseEnd(text, k) || text[k] === '的' || text.startsWith('左右', k) || text.startsWith('多', k))) return undefined;
  if (/[0-9０-９点.万千百十]/.test(text[k] ?? '')) return undefined;
  return { end: k, add: Number(`0.${digits}`) };
}

/** Whole-unit amounts followed by sub-units of the same currency: 五元三毛, 50元6角三分, 两美元又三美分. */
function subunitsAfter(text: string, at: number, code: string): { end: number; add: number } {
  const table = SUBUNITS[code];
  let end = at;
  let add = 0;
  if (!table) return { end, add };
  let j = text[end] === '又' ? end + 1 : end;
  for (let round = 0; round < 2; round++) {
    if (text[j] === '零' && canStartNumeral(text.charCodeAt(j + 1))) j++; // 壹仟零贰拾元零伍分
    if (!canStartNumeral(text.charCodeAt(j))) break;
    const d = scanNumeral(text, j, text.length, true);
    if (!d || d.value <= 0 || d.value >= 100) break;
    const name = Object.keys(table).find((w) => text.startsWith(w, d.end));
    if (!name) break;
    // 分 must close the amount (五元三分 yes; 三分之一 is a fraction, 三分钟 a duration).
    const after = text[d.end + name.length];
    if (name === '分' && (after === '之' || after === '钟')) break;
    add += d.value * table[name];
    end = d.end + name.length;
    j = end;
  }
  return { end, add: roundFloat(add) };
}

/** Written with Arabic digits, or (when `bigUnits`) with 百 / 千 / 万 / 亿. */
function writtenLarge(text: string, m: NumeralMatch, bigUnits: boolean): boolean {
  for (let k = m.start; k < m.end; k++) {
    const c = text.charCodeAt(k);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) return true;
    if (bigUnits && '百佰千仟万萬亿億'.includes(text[k])) return true;
  }
  return false;
}

const TEMPERATURE_UNITS = new Set(['度', '℃', '摄氏度', '华氏度', '°C']);

/** 整 closing a yuan amount (叁仟零伍拾圆整, 伍万元整). */
function wholeMark(text: string, end: number, code: string): number {
  return code === 'CNY' && text[end] === '整' ? end + 1 : end;
}

/** After a price: characters that may follow a colloquial amount (三块, 五毛) in a clause. */
const AFTER_PRICE = new Set('钱涨降提到增减左多的一每起了啊呢吧'.split(''));
/** Words before an amount that make 块 / 角 / 毛 / 分 money (价格, 卖, 花了, 票, 收费 …). */
const PRICE_CHARS = '花买卖付赚价值收退赔找费票钱涨降调租售要省贵便宜';

/** 三块五毛, 两块五, 二十块, 五角八分, 一毛五, 八毛钱, 五分钱: yuan written with 块 and sub-units 角 / 毛 / 分. */
function smallChangeAt(text: string, m: NumeralMatch, j: number): UnitMatch | undefined {
  const ch = text[j];
  if (m.valueMax !== undefined || m.value <= 0) return undefined;
  const money = (end: number, factor: number, add: number): UnitMatch => ({
    label: 'MONEY', end: text[end] === '钱' ? end + 1 : end, factor, add: roundFloat(add), unit: 'CNY',
  });
  const context = priceVerbBefore(text, m.start);
  if (ch === '块') {
    const k = j + 1;
    if (text[k] === '钱') return money(k, 1, 0);
    // Sub-units: 三块五毛, 两块五毛钱.
    const sub = jiaoFen(text, k);
    if (sub) return money(sub.end, 1, sub.add);
    // One digit for the jiao: 三块五, 12块5, 九块九.
    const d = singleDigitAt(text, k);
    if (d !== undefined && (isClauseEnd(text, k + 1) || AFTER_PRICE.has(text[k + 1]))) return money(k + 1, 1, d / 10);
    if (context && (isClauseEnd(text, k) || AFTER_PRICE.has(text[k]))) return money(k, 1, 0);
    return undefined;
  }
  if (!Number.isInteger(m.value) || m.value >= 100) return undefined;
  if (ch === '角' || ch === '毛') {
    const k = j + 1;
    if (text[k] === '钱') return money(k, 0.1, 0);
    const fen = fenAt(text, k);
    if (fen) return money(fen.end, 0.1, fen.add);
    const d = ch === '毛' ? singleDigitAt(text, k) : undefined; // 一毛五
    if (d !== undefined && (isClauseEnd(text, k + 1) || text[k + 1] === '钱')) return money(k + 1, 0.1, d / 100);
    if (context && (isClauseEnd(text, k) || AFTER_PRICE.has(text[k]))) return money(k, 0.1, 0);
    return undefined;
  }
  // 分: 五分钱, or a price at the end of a clause (每度电上调八分).
  if (text[j + 1] === '钱') return money(j + 1, 0.01, 0);
  if (context && isClauseEnd(text, j + 1)) return money(j + 1, 0.01, 0);
  return undefined;
}

/** A one-digit numeral at k that is not the start of a longer numeral. */
function singleDigitAt(text: string, k: number): number | undefined {
  if (!canStartNumeral(text.charCodeAt(k))) return undefined;
  const d = scanNumeral(text, k, k + 1, true);
  if (!d || !Number.isInteger(d.value) || d.value < 1 || d.value > 9) return undefined;
  if (canStartNumeral(text.charCodeAt(k + 1)) || text[k + 1] === '点' || text[k + 1] === '.') return undefined;
  return d.value;
}

/** 五毛 / 五角 (+ 八分) at k: the added yuan. */
function jiaoFen(text: string, k: number): { end: number; add: number } | undefined {
  const d = singleDigitAt(text, k);
  if (d === undefined || (text[k + 1] !== '毛' && text[k + 1] !== '角')) return undefined;
  const fen = fenAt(text, k + 2);
  return fen ? { end: fen.end, add: d / 10 + fen.add } : { end: k + 2, add: d / 10 };
}

/** 八分 at k (not 八分之一, 八分钟): the added yuan. */
function fenAt(text: string, k: number): { end: number; add: number } | undefined {
  const z = text[k] === '零' ? k + 1 : k;
  const d = singleDigitAt(text, z);
  if (d === undefined || text[z + 1] !== '分' || text[z + 2] === '之' || text[z + 2] === '钟') return undefined;
  return { end: z + 2, add: d / 100 };
}

/** A test or match score: 总分689分, 考了689分, 689分的成绩. */
function scoreContext(text: string, start: number, end: number): boolean {
  if (text.startsWith('的成绩', end) || text.startsWith('的高分', end) || text.startsWith('的总分', end)) return true;
  const before = text.slice(Math.max(0, start - 4), start);
  return /总分|得分|考了|考出|分数|成绩|打出|获得|评分|满分/.test(before);
}

function isClauseEnd(text: string, i: number): boolean {
  return i >= text.length || '，。；！？、,.;!?）)」”\r\n '.includes(text[i]);
}

function priceVerbBefore(text: string, start: number): boolean {
  for (let k = start - 1; k >= 0 && k >= start - 8; k--) {
    const c = text[k];
    if ('，。；！？\n'.includes(c)) return false;
    if (PRICE_CHARS.includes(c)) return true;
  }
  return false;
}

/** Production volumes (年产5000万件) are QUANTITY even with a classifier. */
function productionBefore(text: string, start: number): boolean {
  for (let k = start - 1; k >= 0 && k >= start - 3; k--) if (text[k] === '产') return true;
  return false;
}

function prefixModBefore(text: string, start: number): { start: number; mod: Mod } | undefined {
  for (const [w, mod] of PREFIX_MODS) {
    const s = start - w.length;
    if (s >= 0 && text.startsWith(w, s)) {
      if (w === '近' && s > 0 && '附最接邻靠将'.includes(text[s - 1])) return undefined;
      return { start: s, mod };
    }
  }
  return undefined;
}

function suffixModAt(text: string, at: number): { end: number; mod: Mod } | undefined {
  for (const [w, mod] of SUFFIX_MODS) if (text.startsWith(w, at)) return { end: at + w.length, mod };
  return undefined;
}

/** The multiplier a numeral ends with (5亿 → 1e8, 5千万 → 1e7, 5 → 1), to share it in a range (3-5亿元). */
function trailingMultiplier(text: string, m: NumeralMatch): number {
  let k = m.end;
  let mult = 1;
  let sawBig = false;
  while (k > m.start) {
    const ch = text[k - 1];
    const v = ch === '万' || ch === '萬' ? 1e4 : ch === '亿' || ch === '億' ? 1e8 : ch === '兆' ? 1e12 : 0;
    if (v) {
      mult *= v;
      sawBig = true;
      k--;
      continue;
    }
    if (sawBig && (ch === '千' || ch === '百' || ch === '十')) {
      // 千万 / 百万 written without a digit before them only.
      const before = text.charCodeAt(k - 2);
      if (k - 1 === m.start || !canStartNumeral(before)) {
        mult *= ch === '千' ? 1000 : ch === '百' ? 100 : 10;
        k--;
      }
    }
    break;
  }
  return sawBig ? mult : 1;
}

/** Reads a numeral at `i` and, if the text re-reads better as a shorter numeral + a unit such as 千米, does that. */
function numeralFor(text: string, i: number, context = false): NumeralMatch | undefined {
  const m = scanNumeral(text, i, text.length, context);
  if (!m) return undefined;
  if (m.tokens >= 2 && (m.lastChar === '千' || m.lastChar === '兆')) {
    const u = longestAt(QUANTITY_INDEX, text, m.end - 1);
    if (u && u.length > 1) {
      const shorter = scanNumeral(text, i, m.end - 1, context);
      if (shorter && shorter.end === m.end - 1) return shorter;
    }
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------------------

interface Figure {
  start: number;
  end: number;
  label: RawSpan['label'];
  value: number;
  valueMax?: number;
  unit?: string;
  mod?: Mod;
}

function toRaw(f: Figure): RawSpan {
  const r: RawSpan = { start: f.start, end: f.end, label: f.label, value: roundFloat(f.value) };
  if (f.valueMax !== undefined && f.valueMax !== f.value) r.valueMax = roundFloat(f.valueMax);
  if (f.unit !== undefined) r.unit = f.unit;
  if (f.mod !== undefined) r.mod = f.mod;
  return r;
}

/** Tries a figure whose numeral starts at `i` (after any sign); returns it and where scanning resumes. */
function figureAt(text: string, i: number): { figure?: Figure; next: number } {
  // After a modifier (逾百家, 近千人) a bare 百 / 千 is an amount.
  const broken = text[i - 1] === '破'; // 破百万, 破千: the verb stays out, the amount is meant
  const m = numeralFor(text, i, broken || prefixModBefore(text, i) !== undefined);
  if (!m) return { next: i + 1 };
  // A number right after a digit and a joiner (2018-10-26期, 0571-8765, 12:30) continues a date, code or time.
  const before = text[m.start - 1];
  if ((before === '-' || before === '－' || before === '/' || before === '／' || before === ':' || before === '：' || before === '∶') && /[0-9０-９]/.test(text[m.start - 2] ?? '')) {
    return { next: m.end };
  }
  // A hyphen right after a numeral is a range or a joiner, not a minus sign (5万亿-5.3万亿元, 2018-10).
  if ((text[m.start] === '-' || text[m.start] === '－') && /[0-9０-９万亿千百十]/.test(before ?? '')) return { next: m.start + 1 };
  // 4K / 8K before a screen or video word is a resolution, not four thousand (4K电视, 8K视频).
  if ((text[m.end - 1] === 'K' || text[m.end - 1] === 'Ｋ') && /^(?:电视|视频|屏|高清|超清|分辨率|显示|画质|投影|直播|片源|内容)/.test(text.slice(m.end, m.end + 3))) {
    return { next: m.end };
  }
  // Codes with a leading zero (08135期, 007号) are identifiers, not amounts.
  if (/^[0０][0-9０-９]/.test(text.slice(m.start, m.start + 2))) {
    let k = m.start;
    while (k < text.length && /[0-9０-９]/.test(text[k])) k++;
    return { next: k };
  }
  // A fraction (三分之二, 五百分之2.2, 3/4) is a CARDINAL with its value.
  const fracMark = matchSpaced(text, m.end, '分之');
  if (fracMark >= 0) {
    const k = skipSpaces(text, fracMark);
    const after = canStartNumeral(text.charCodeAt(k)) ? scanNumeral(text, k, text.length, true) : undefined;
    if (!after || m.value === 0 || m.valueMax !== undefined || after.valueMax !== undefined) return { next: after ? after.end : fracMark };
    return { figure: modified(text, m.start, after.end, fractionValue(after.value, m.value)), next: after.end };
  }
  const slash = slashFraction(text, m);
  if (slash) return { figure: modified(text, m.start, slash.end, slash.value), next: slash.end };
  // 数十人, 上百家, 几十个: indefinite amounts.
  if (INDEFINITE_BEFORE.has(text[i - 1]) && '十拾百佰千仟'.includes(text[i])) return { next: m.end };
  const production = productionBefore(text, m.start);

  let value = m.value;
  let valueMax = m.valueMax;
  let mod: Mod | undefined = m.approx === 'more' ? 'more_than' : m.approx;
  let at = m.end;
  // Social-media multipliers after Arabic digits: 1.2w, 50w, 10W+ (万), 8k, 5K+ (千); W alone is a watt (65W).
  const mult = shorthandMultiplier(text, m);
  if (mult) {
    value *= mult;
    at++;
  }
  // Placeholders between the numeral and the unit: 300余家, 1万多元, 十来个, 999+条, 3.6万+.
  const ph = text[at];
  if (ph === '+' || ph === '＋') {
    if (writtenLarge(text, m, false) && !isAsciiAlnum(text.charCodeAt(at + 1)) && !canStartNumeral(text.charCodeAt(at + 1))) {
      mod = 'more_than';
      at++;
    }
  } else if (ph === '余' || ph === '多') {
    mod = 'more_than';
    at++;
  } else if (ph === '来' && (m.lastChar === '十' || m.lastChar === '百' || m.lastChar === '千')) {
    mod = 'approx';
    at++;
  }
  // Two-digit discounts written digit by digit: 三八折, 九 九 折, 7 2 折.
  if (m.tokens === 1 && Number.isInteger(m.value) && m.value >= 1 && m.value <= 9 && m.valueMax === undefined) {
    const k = skipSpaces(text, at);
    const d = canStartNumeral(text.charCodeAt(k)) ? scanNumeral(text, k, k + 1, true) : undefined;
    if (d && d.value >= 0 && d.value <= 9 && k > at - 1) {
      const z = skipSpaces(text, k + 1);
      if (text[z] === '折' && !NOT_AFTER_ZHE.has(text[z + 1])) {
        return { figure: { start: m.start, end: z + 1, label: 'PERCENT', value: (m.value * 10 + d.value) / 100 }, next: z + 1 };
      }
    }
  }

  let unit = unitAfter(text, m, at, production);
  let end = unit ? unit.end : at;
  // A range to a second figure: 20%—30%, 3-5亿元, 10万至20万吨, 3亿元至5亿元.
  const sepAt = skipSpaces(text, end);
  const sep = RANGE_SEPARATORS.find((s) => text.startsWith(s, sepAt));
  if (sep && mod !== 'more_than') {
    const k = skipSpaces(text, sepAt + sep.length);
    const m2 = canStartNumeral(text.charCodeAt(k)) ? numeralFor(text, k) : undefined;
    if (m2 && m2.value >= 0) {
      // 余 / 多 on the upper bound (5万亿-5.3万亿余元): the range is more than its upper bound's wording says.
      const more = (text[m2.end] === '余' || text[m2.end] === '多') && !unit;
      const u2 = unitAfter(text, m2, more ? m2.end + 1 : m2.end, production);
      if (u2 && (!unit || (unit.label === u2.label && unit.unit === u2.unit))) {
        let lo = value;
        if (!unit && trailingMultiplier(text, m) === 1) lo *= trailingMultiplier(text, m2);
        if (lo <= m2.value) {
          if (more) mod = 'more_than';
          unit = u2;
          value = lo;
          valueMax = m2.valueMax ?? m2.value;
          end = u2.end;
        }
      }
    }
  }
  // An earthquake's magnitude: 5.8级地震, 里氏6级, 震级为4.2级.
  if (!unit && text[at] === '级' && magnitudeContext(text, m.start, at + 1)) {
    const f = modified(text, m.start, at + 1, value);
    f.label = 'QUANTITY';
    f.unit = '级';
    return { figure: f, next: f.end };
  }
  if (!unit) {
    // A bare number (12,580, 7.6万, 负350, 三百零五) is a CARDINAL unless it names, codes or dates something.
    const pre = prefixModBefore(text, m.start);
    if (!isBareCardinal(text, m, at, pre !== undefined || broken || mult !== undefined)) return { next: m.end };
    const f = modified(text, m.start, at, value);
    if (mod && !f.mod) f.mod = mod;
    return { figure: f, next: f.end };
  }
  if (unit.mod) mod = unit.mod;
  // An address (8栋502室, 3单元201): the count is part of a house number.
  if (unit.label === 'CARDINAL' && unit.unit !== undefined && ADDRESS_CLASSIFIERS.has(unit.unit) && /[0-9０-９]/.test(text[end] ?? '')) {
    return { next: end };
  }
  // A class modifier (万吨级码头, 千亿元级产业) is not an amount.
  if (m.bare && valueMax === undefined && text[end] === '级') return { next: end + 1 };

  // 一 alone before a classifier is usually an article (一个问题, 一家企业): not a count.
  if (unit.label === 'CARDINAL' && valueMax === undefined && mod === undefined && m.tokens === 1 && m.value === 1 && !/[0-9０-９]/.test(text[m.start])) {
    return { next: end };
  }
  let start = m.start;
  const pre = prefixModBefore(text, start);
  if (pre) {
    start = pre.start;
    mod = mod ?? pre.mod;
  }
  const post = suffixModAt(text, end);
  if (post) {
    end = post.end;
    mod = post.mod;
  } else if ((text[end] === '多' || text[end] === '余') && unit.label !== 'CARDINAL' && !unit.add) {
    end++; // 90％多, 3公里多
    mod = 'more_than';
  }
  const f: Figure = {
    start,
    end,
    label: unit.label,
    value: value * unit.factor + unit.add,
    unit: unit.unit,
    mod,
  };
  if (valueMax !== undefined) f.valueMax = valueMax * unit.factor + unit.add;
  // Below zero: 零下5度, 零下3至5℃ → -5, -5..-3.
  if (f.label === 'QUANTITY' && TEMPERATURE_UNITS.has(f.unit!) && text.startsWith('零下', f.start - 2) && f.value > 0) {
    f.start -= 2;
    const hi = f.valueMax ?? f.value;
    if (f.valueMax !== undefined) f.valueMax = -f.value;
    f.value = -hi;
  }
  return { figure: f, next: end };
}

/**
 * The multiplier of a social-media shorthand right after an Arabic numeral (1.2w → 1e4, 10W+ → 1e4, 8k → 1e3,
 * 5K+ → 1e3), or undefined. Lower-case w / k stand alone; upper-case W / K need a + after them (65W is watts, 4K a
 * resolution). The letter must not start a longer Latin word (5kg, 3km, 10Wh).
 */
function shorthandMultiplier(text: string, m: NumeralMatch): number | undefined {
  const ch = text[m.end];
  if (ch !== 'w' && ch !== 'W' && ch !== 'k' && ch !== 'K') return undefined;
  if (!digitForm(m, text) || m.valueMax !== undefined || !/[0-9０-９]/.test(text[m.end - 1])) return undefined;
  const after = text.charCodeAt(m.end + 1);
  if (isAsciiAlnum(after)) return undefined;
  const plus = after === 0x2b || after === 0xff0b;
  if ((ch === 'W' || ch === 'K') && !plus) return undefined;
  return ch === 'w' || ch === 'W' ? 1e4 : 1e3;
}

/** Whether 级 after a number is an earthquake's magnitude (5.8级地震, 里氏6级, 震级4.2级). */
function magnitudeContext(text: string, start: number, end: number): boolean {
  if (/^(?:强|大|左右的)?(?:地震|余震)/.test(text.slice(end, end + 5))) return true;
  return /里氏|震级(?:为|达|是)?$/.test(text.slice(Math.max(0, start - 4), start));
}

/** 翻一番, 翻了两番: the multiplier of doubling is a count with unit 番. */
function doublingAt(text: string, i: number): { figure?: Figure; next: number } | undefined {
  if (text[i - 1] !== '翻' && !(text[i - 1] === '了' && text[i - 2] === '翻')) return undefined;
  const m = scanNumeral(text, i, text.length, true);
  if (!m || text[m.end] !== '番' || m.value <= 0 || m.valueMax !== undefined) return undefined;
  return { figure: { start: m.start, end: m.end + 1, label: 'CARDINAL', value: m.value, unit: '番' }, next: m.end + 1 };
}

/** A CARDINAL from start to end with the modifiers written around it (约3/4, 近二分之一, 三分之二以上). */
function modified(text: string, start: number, end: number, value: number): Figure {
  const f: Figure = { start, end, label: 'CARDINAL', value };
  const pre = prefixModBefore(text, start);
  if (pre) {
    f.start = pre.start;
    f.mod = pre.mod;
  }
  const post = suffixModAt(text, end);
  if (post) {
    f.end = post.end;
    f.mod = post.mod;
  }
  return f;
}

/** 3/4, 2/3: small Arabic fractions (the denominator at most 10 and above the numerator; 5/20 is a date). */
function slashFraction(text: string, m: NumeralMatch): { end: number; value: number } | undefined {
  const s = text[m.end];
  if ((s !== '/' && s !== '／') || m.tokens !== 1 || m.lastKind !== 'num' || !Number.isInteger(m.value) || m.value <= 0) return undefined;
  const before = text.charCodeAt(m.start - 1);
  if (before === 0x2f || before === 0xff0f || isAsciiAlnum(before)) return undefined;
  const k = m.end + 1;
  if (!/[0-9０-９]/.test(text[k] ?? '')) return undefined;
  const den = scanNumeral(text, k, text.length);
  if (!den || den.lastKind !== 'num' || den.tokens !== 1 || !Number.isInteger(den.value) || den.value > 10 || den.value <= m.value) return undefined;
  const after = text.charCodeAt(den.end);
  if (after === 0x2f || after === 0xff0f || isAsciiAlnum(after) || canStartNumeral(after)) return undefined;
  return { end: den.end, value: fractionValue(m.value, den.value) };
}

const BASE_UNITS: Record<string, number> = { '百': 100, '佰': 100, '千': 1000, '仟': 1000, '万': 1e4, '萬': 1e4, '亿': 1e8, '億': 1e8 };

/** The bare base of a 百分之 / 千分之 / 万分之 / 百万分之 marker at `i`: its value and end (spaces allowed). */
function percentBase(text: string, i: number): { value: number; end: number } | undefined {
  let value = 1;
  let end = i;
  let k = i;
  while (BASE_UNITS[text[k]] !== undefined) {
    value *= BASE_UNITS[text[k]];
    end = k + 1;
    if (end - i > 6) return undefined; // a run of 万万万…: stop at once (linear time on long runs)
    k = skipSpaces(text, k + 1);
  }
  if (end === i) return undefined;
  return matchSpaced(text, end, '分之') >= 0 ? { value, end } : undefined;
}

/** 百分之十五, 千分之二点四, 万分之三, 百分之二十至三十. */
function percentWordAt(text: string, i: number): { figure?: Figure; next: number } {
  const base = percentBase(text, i);
  if (!base) return { next: i + 1 };
  const mark = matchSpaced(text, base.end, '分之');
  const k = skipSpaces(text, mark);
  const m = canStartNumeral(text.charCodeAt(k)) || text[k] === '负' || text[k] === '-' ? scanNumeral(text, k, text.length, true) : undefined;
  if (!m) return { next: mark };
  if ((text[m.end] === '点' || text[m.end] === '點') && (text[m.end + 1] === '几' || text[m.end + 1] === '幾')) {
    return { next: m.end + 2 }; // 百分之零点几: no value to give
  }
  let end = m.end;
  let valueMax = m.valueMax;
  let few = false;
  if ((text[end] === '几' || text[end] === '幾') && m.lastKind !== 'num' && m.lastChar === '十') {
    few = true; // 百分之二十几: about twenty-some per cent
    end++;
  }
  const sepAt = end;
  const sep = RANGE_SEPARATORS.find((s) => text.startsWith(s, sepAt));
  if (sep) {
    let k2 = sepAt + sep.length;
    const again = matchSpaced(text, k2, text.slice(i, mark));
    if (again >= 0) k2 = again;
    const m2 = canStartNumeral(text.charCodeAt(k2)) ? scanNumeral(text, k2, text.length, true) : undefined;
    if (m2 && m2.value >= m.value) {
      valueMax = m2.value;
      end = m2.end;
    }
  }
  let start = i;
  let mod: Mod | undefined;
  const pre = prefixModBefore(text, start);
  if (pre) {
    start = pre.start;
    mod = pre.mod;
  }
  const post = suffixModAt(text, end);
  if (post) {
    end = post.end;
    mod = post.mod;
  }
  if (few && mod === undefined) mod = 'approx';
  const f: Figure = { start, end, label: 'PERCENT', value: m.value / base.value, mod };
  if (valueMax !== undefined) f.valueMax = valueMax / base.value;
  return { figure: f, next: end };
}

/** 第三届, 第5名, 第十四个. */
function ordinalAt(text: string, i: number): { figure?: Figure; next: number } {
  const k = i + 1;
  if (!canStartNumeral(text.charCodeAt(k))) return { next: k };
  if (notNumberWordEnd(text, k) > k) return { next: notNumberWordEnd(text, k) };
  const m = scanNumeral(text, k, text.length, true);
  if (!m || m.value <= 0 || !Number.isInteger(m.value)) return { next: k };
  let end = m.end;
  for (const len of [3, 2, 1]) {
    const w = text.slice(end, end + len);
    if (w.length === len && ORDINAL_CLASSIFIERS.has(w) && !ORDINAL_NOT_BEFORE[w]?.includes(text[end + len])) {
      end += len;
      break;
    }
  }
  return { figure: { start: i, end, label: 'ORDINAL', value: m.value }, next: end };
}

/** Amounts written after a currency sign or name: ￥300, $20, US$5亿, 人民币50元, 港币5亿元, 美元2.5亿, RMB 500. */
function currencyPrefixAt(text: string, i: number): { figure?: Figure; next: number } {
  let code: string | undefined;
  let k: number;
  let named = false;
  const sign = longestAt(SIGN_INDEX, text, i);
  if (sign) {
    const letters = sign.length === 3 && /^[A-Z]{3}$/.test(sign);
    if (letters && (isAsciiAlnum(text.charCodeAt(i - 1)) || isAsciiAlnum(text.charCodeAt(i + 3)) && !/[0-9]/.test(text[i + 3]))) {
      return { next: i + 1 };
    }
    code = CURRENCY_SIGNS[sign];
    k = letters ? skipSpaces(text, i + 3) : i + sign.length;
  } else {
    const name = longestAt(CURRENCY_INDEX, text, i);
    if (!name || name.length < PREFIX_CURRENCY_MIN_LENGTH || name[0] === '元') return { next: i + 1 };
    code = CURRENCIES[name];
    k = skipSpaces(text, i + name.length);
    named = true;
  }
  if (!canStartNumeral(text.charCodeAt(k))) return { next: i + 1 };
  const m = scanNumeral(text, k, text.length, true);
  if (!m || m.valueMax !== undefined) return { next: i + 1 };
  let end = m.end;
  let add = 0;
  if (named) {
    const j = skipSpaces(text, end);
    const cur = longestAt(CURRENCY_INDEX, text, j);
    if (cur === '元' || cur === '圆') {
      // 人民币50元, 港币5亿元, 新台币9000亿元 (then 角 / 分 and 整).
      const sub = subunitsAfter(text, j + 1, code);
      end = wholeMark(text, sub.end, code);
      add = sub.add;
    } else if (code === 'CNY' || cur) {
      return { next: i + 1 }; // 人民币 alone before a number is a heading, not an amount
    } else if (trailingMultiplier(text, m) === 1 && !isClauseEnd(text, end) && text[end] !== '的') {
      return { next: i + 1 }; // 美元2.5亿 yes; 欧元3日 no
    }
  }
  let mod: Mod | undefined;
  const post = suffixModAt(text, end);
  if (post) {
    end = post.end;
    mod = post.mod;
  }
  return { figure: { start: i, end, label: 'MONEY', value: roundFloat(m.value + add), unit: code, mod }, next: end };
}

/** Discounts and tenths written with 半 or 对: 半成 (5%), 半折, 打对折. */
function halfAt(text: string, i: number): { figure?: Figure; next: number } {
  const ch = text[i + 1];
  if (text[i] === '半' && (ch === '成' || ch === '折')) {
    if (ch === '成' && NOT_AFTER_CHENG.has(text[i + 2])) return { next: i + 2 };
    if (ch === '折' && NOT_AFTER_ZHE.has(text[i + 2])) return { next: i + 2 };
    return { figure: { start: i, end: i + 2, label: 'PERCENT', value: ch === '成' ? 0.05 : 0.5 }, next: i + 2 };
  }
  if ((text[i] === '对' || text[i] === '對') && (ch === '折' || ch === '摺') && text[i - 1] === '打') {
    return { figure: { start: i, end: i + 2, label: 'PERCENT', value: 0.5 }, next: i + 2 };
  }
  return { next: i + 1 };
}

/** Longest title in 《》 skipped as a whole. */
const TITLE_MAX = 60;

const SPECIAL_START = new Set(['《', '万', '萬', '第', '半', '对', '對', '负', '負', '-', '－', '.', '．']);
for (const w of Object.keys(CURRENCY_SIGNS)) SPECIAL_START.add(w[0]);
/**
 * Where the scan stops, by UTF-16 code: 1 where a numeral can start (canStartNumeral), 2 at the other characters of
 * SPECIAL_START. One array read per character of text (no string per character).
 */
const STOP = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (canStartNumeral(c)) STOP[c] = 1;
for (const ch of SPECIAL_START) if (STOP[ch.charCodeAt(0)] === 0) STOP[ch.charCodeAt(0)] = 2;
/** Currency names that may precede an amount, by their last character (looked up backwards from a numeral). */
const PREFIX_NAMES_BY_LAST = new Map<string, string[]>();
for (const w of Object.keys(CURRENCIES)) {
  if (w.length < PREFIX_CURRENCY_MIN_LENGTH || w[0] === '元') continue;
  const last = w[w.length - 1];
  PREFIX_NAMES_BY_LAST.set(last, [...(PREFIX_NAMES_BY_LAST.get(last) ?? []), w].sort((a, b) => b.length - a.length));
}

/** The start of a currency name written right before the numeral at i (港币5亿元, 人民币 50元), or -1. */
function currencyNameBefore(text: string, i: number): number {
  let e = i;
  while (e > 0 && i - e < 4 && text[e - 1] === ' ') e--;
  const list = PREFIX_NAMES_BY_LAST.get(text[e - 1]);
  if (!list) return -1;
  for (const w of list) if (e >= w.length && text.startsWith(w, e - w.length)) return e - w.length;
  return -1;
}

/** Whether text[from, to) holds a CR or LF. */
function lineBreakIn(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

export function recogniseFigures(text: string): RawSpan[] {
  const out: RawSpan[] = [];
  const n = text.length;
  let i = 0;
  /** The first 》 after the last 《 looked at (-1: none to the end of the text). */
  let nextClose = -2;
  let lastEnd = -1; // figures start at 0 or later
  while (i < n) {
    const c = text.charCodeAt(i);
    const stop = STOP[c];
    if (stop === 0) {
      i++;
      continue;
    }
    const ch = text[i];
    const numeral = stop === 1;
    if (ch === '《') {
      // Titles are not annotated inside (《第二人生》, 《第一财经日报》) when closed within TITLE_MAX on the same line.
      // The next 》 is looked up once and kept until passed: an unclosed 《 (or a run of them) never scans the same
      // text again (linear time).
      if (nextClose !== -1 && nextClose <= i) nextClose = text.indexOf('》', i + 1);
      if (nextClose !== -1 && nextClose < i + TITLE_MAX + 1 && !lineBreakIn(text, i, nextClose)) {
        i = nextClose + 1;
        continue;
      }
      i++;
      continue;
    }
    let r: { figure?: Figure; next: number };
    if (BASE_UNITS[ch] !== undefined && !canStartNumeral(codeBefore(text, i)) && percentBase(text, i)) {
      r = percentWordAt(text, i);
    } else if (numeral) {
      if (c < 0x80 || (c >= 0xff10 && c <= 0xff19)) {
        if (insideAsciiToken(text, i)) {
          i++;
          while (i < n && (isAsciiAlnum(text.charCodeAt(i)) || (text.charCodeAt(i) >= 0xff10 && text.charCodeAt(i) <= 0xff19))) i++;
          continue;
        }
      }
      const doubling = doublingAt(text, i);
      if (doubling) {
        out.push(toRaw(doubling.figure!));
        lastEnd = doubling.figure!.end;
        i = doubling.next;
        continue;
      }
      const wordEnd = notNumberWordEnd(text, i);
      if (wordEnd > i) {
        i = wordEnd;
        continue;
      }
      const named = currencyNameBefore(text, i);
      const pre = named >= 0 ? currencyPrefixAt(text, named) : undefined;
      r = pre?.figure ? pre : figureAt(text, i);
    } else if (ch === '第') {
      r = ordinalAt(text, i);
    } else if (ch === '半' || ch === '对' || ch === '對') {
      r = halfAt(text, i);
    } else if ((ch === '.' || ch === '．') && isAsciiAlnum(codeBefore(text, i))) {
      // PM2.5, XBB.1.5, 2024.3.7: a dotted code, version or date continues.
      i++;
      while (i < n && (isAsciiAlnum(text.charCodeAt(i)) || text[i] === '.')) i++;
      continue;
    } else if (ch === '负' || ch === '負' || ch === '-' || ch === '－' || ch === '.' || ch === '．') {
      r = scanNumeral(text, i) ? figureAt(text, i) : { next: i + 1 };
    } else if ((ch === '万' || ch === '萬') && scanNumeral(text, i)) {
      // 万亿元, 突破万亿: a trillion written without a digit (the one numeral that starts with 万, numerals.ts)
      r = figureAt(text, i);
    } else {
      r = currencyPrefixAt(text, i);
    }
    if (r.figure) {
      const f = r.figure;
      // the end of the last span pushed, kept as a number: the spans (RawSpan) have several shapes
      if (lastEnd <= f.start && Number.isFinite(f.value)) {
        out.push(toRaw(f));
        lastEnd = f.end;
      }
    }
    i = Math.max(r.next, i + 1);
  }
  return out;
}
