// Rules applied after the model where the project's guidelines differ from the MSRA training conventions, or
// where a pattern is certain enough to override the model. Spans use UTF-16 offsets into the whole text.
import type { EntityLabel } from '../core/types';
import { CLUB_ONLY, CLUB_OR_CITY, KNOWN_ORGS, MULTI_REGIONS, ORG_SUFFIXES, SURNAMES } from './gazetteer';

export interface EntitySpan {
  start: number;
  end: number;
  label: EntityLabel;
  confidence: number;
}

/** Confidence of a span a rule creates when it covers no model span. */
export const RULE_CONFIDENCE = 0.6;

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const HAN_START = new RegExp(`^[${HAN}]|^[\\ud840-\\ud8bf][\\udc00-\\udfff]`);
const isHan = (s: string) => HAN_START.test(s);
/** The dots between the parts of a transliterated name (安东尼·布朗). */
const NAME_DOT = /[·•‧・]/;

/**
 * Nothing inside 《》 (titles of books, laws, documents, programmes) is labelled, and no span may cut a 《》 pair.
 * Two exceptions: an ORG that is the whole title (a newspaper or magazine, 《人民日报》 -> 人民日报, since media
 * are ORG), and a span that contains the whole pair (美国《读者文摘》杂志).
 */
export function dropInsideBookTitles(text: string, spans: EntitySpan[]): EntitySpan[] {
  const blocked: [number, number][] = [];
  const re = /《[^《》\n]{0,100}》/g;
  for (let m; (m = re.exec(text)); ) blocked.push([m.index, m.index + m[0].length]);
  if (blocked.length === 0) return spans;
  return spans.filter((s) =>
    blocked.every(([a, b]) => !(s.start < b && a < s.end) || (s.start <= a && b <= s.end) || (s.label === 'ORG' && s.start === a + 1 && s.end === b - 1)),
  );
}

/** Replaces spans overlapping [start, end) by one span; its confidence is the best of those it replaces. */
function replace(spans: EntitySpan[], start: number, end: number, label: EntityLabel): EntitySpan[] {
  const over = spans.filter((s) => s.start < end && start < s.end);
  const confidence = over.length ? over.reduce((m, s) => Math.max(m, s.confidence), -Infinity) : RULE_CONFIDENCE;
  return [...spans.filter((s) => !(s.start < end && start < s.end)), { start, end, label, confidence }].sort((a, b) => a.start - b.start);
}

/**
 * Typeset bylines: （记者 李 明）, （本报记者 王芳 李 明）, （通讯员 张三、李四） give one PER per name, a space inside
 * a typeset two-character name kept in the span.
 */
const BYLINE = new RegExp(`[（(][ 　]*(?:本报|新华社|中新社)?(?:特约|实习|驻[${HAN}]{1,4})?(?:记者|通讯员|摄影|摄|文|图)[ 　]*([^（）()\\n]{2,40}?)[ 　]*[)）]`, 'g');
const BYLINE_NAME = new RegExp(`[${HAN}](?:[ 　]?[${HAN}]){1,3}`, 'g');

export function bylines(text: string, spans: EntitySpan[]): EntitySpan[] {
  if (!/记者|通讯员|摄|文|图/.test(text)) return spans;
  const re = BYLINE;
  re.lastIndex = 0;
  for (let m; (m = re.exec(text)); ) {
    const inner = m[1];
    const innerStart = m.index + m[0].indexOf(inner, m[0].search(/记者|通讯员|摄影|摄|文|图/) + 1);
    // names separated by 、，, or two or more spaces; a single space may sit inside a typeset name
    const nameRe = BYLINE_NAME;
    const parts = inner.split(/([、，,]|[ 　]{2,})/);
    let offset = innerStart;
    for (const part of parts) {
      const trimmed = part.trim();
      if (trimmed && !/^[、，,]$/.test(trimmed)) {
        nameRe.lastIndex = 0;
        const nm = nameRe.exec(part);
        // a whole part that is one name: 李 明 / 李明 / 欧阳 明; parts like 李明 王芳 (two names, one space) are two names
        if (nm && nm[0].length === part.trim().length) {
          const lead = part.indexOf(nm[0]);
          const compact = nm[0].replace(/[ 　]/g, '');
          const spaced = /[ 　]/.test(nm[0]);
          if (spaced && compact.length >= 4 && /^[^ 　]{2}[ 　][^ 　]{2}$/.test(nm[0])) {
            spans = replace(spans, offset + lead, offset + lead + 2, 'PER');
            spans = replace(spans, offset + lead + 3, offset + lead + 5, 'PER');
          } else if (spaced && compact.length === 4 && /^[^ 　]([ 　][^ 　]){3}$/.test(nm[0])) {
            // 陈 静 刘 洋: two typeset two-character names, one space between all characters
            spans = replace(spans, offset + lead, offset + lead + 3, 'PER');
            spans = replace(spans, offset + lead + 4, offset + lead + 7, 'PER');
          } else if (compact.length >= 2 && compact.length <= 4) {
            spans = replace(spans, offset + lead, offset + lead + nm[0].length, 'PER');
          }
        }
      }
      offset += part.length;
    }
  }
  return spans;
}

const TITLES_BEFORE = [
  '国家主席', '国务院总理', '副总理', '副主席', '副总统', '总书记', '副书记', '书记', '主席', '总统', '总理', '首相', '部长',
  '副部长', '省长', '副省长', '市长', '副市长', '县长', '副县长', '区长', '副区长', '镇长', '乡长', '村长', '主任', '副主任',
  '局长', '厅长', '处长', '科长', '院长', '校长', '董事长', '总经理', '经理', '总裁', '主编', '记者', '教授', '博士',
  '委员', '代表', '大使', '将军', '司令', '队长', '局长', '老师', '医生', '律师', '先生', '女士', '同志', '本报记者', '责任编辑',
];
const AFTER_NAME = [
  '表示', '指出', '认为', '强调', '介绍', '透露', '说', '称', '称赞', '先生', '女士', '同志', '教授', '博士', '主席', '总统',
  '总理', '书记', '市长', '省长', '县长', '部长', '院长', '校长', '老师', '医生', '等人', '等', '报道', '小姐', '师傅',
];
/** Forms of address after a bare surname (王老师, 李小姐): the surname alone is the PER. */
const ADDRESS_FORMS = new Set(['先生', '女士', '小姐', '老师', '师傅', '同志', '教授', '博士', '医生']);

/** PER spans without titles before the name or verbs/titles after it (副市长王建国说 -> 王建国). */
const BEFORE_LONGEST_FIRST = [...TITLES_BEFORE].sort((a, b) => b.length - a.length);
const AFTER_LONGEST_FIRST = [...AFTER_NAME].sort((a, b) => b.length - a.length);

const TITLE_FIRST_CHARS = new Set(TITLES_BEFORE.map((w) => w[0]));
const AFTER_LAST_CHARS = new Set(AFTER_NAME.map((w) => w[w.length - 1]));
export function trimPersonTitles(text: string, spans: EntitySpan[]): EntitySpan[] {
  const before = BEFORE_LONGEST_FIRST;
  const after = AFTER_LONGEST_FIRST;
  return spans.map((s) => {
    if (s.label !== 'PER') return s;
    let { start, end } = s;
    // only spans that start or end with a character some title or verb starts or ends with are looked at closely
    if (TITLE_FIRST_CHARS.has(text[start])) {
      for (const w of before) {
        if (text.startsWith(w, start) && end - start - w.length >= 2) {
          start += w.length;
          break;
        }
      }
    }
    if (AFTER_LAST_CHARS.has(text[end - 1])) {
      for (const w of after) {
        if (!text.startsWith(w, end - w.length)) continue;
        // a surname before a form of address is the name (王老师 -> 王, as MSRA labels 99 of its 100 such cases)
        if (end - start - w.length >= 2 || (end - start - w.length === 1 && ADDRESS_FORMS.has(w) && SINGLE_SURNAMES.has(text[start]))) {
          end -= w.length;
          break;
        }
      }
    }
    return start === s.start && end === s.end ? s : { ...s, start, end };
  });
}

const ADMIN_ENDINGS = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '街道', '社区', '省', '市', '县', '区', '州', '盟', '旗', '镇', '乡', '村'];

/** Pieces of a nested administrative name (浙江省温州市鹿城区 -> 浙江省 | 温州市 | 鹿城区), or undefined if it is one name. */
export function splitAdministrative(name: string): string[] | undefined {
  const pieces: string[] = [];
  let rest = name;
  outer: while (rest.length > 0) {
    // shortest prefix of two or more characters ending with an administrative ending and leaving >= 2 characters
    for (let k = 2; k <= rest.length - 2; k++) {
      const head = rest.slice(0, k);
      const ending = ADMIN_ENDINGS.find((e) => head.endsWith(e));
      if (!ending || head.length - ending.length < 1) continue;
      // not where the ending goes on (杭州|市西湖区, 自治|区): the rest must not start with an ending itself
      const tail = rest.slice(k);
      if (ADMIN_ENDINGS.some((e) => tail.startsWith(e)) || !isHan(tail)) continue;
      pieces.push(head);
      rest = tail;
      continue outer;
    }
    pieces.push(rest);
    break;
  }
  return pieces.length > 1 ? pieces : undefined;
}

/** Words of position a place span may run on into (耶路撒冷市西边): cut off when a nested name is split. */
const POSITION_TAIL = new Set(['东部', '西部', '南部', '北部', '中部', '东边', '西边', '南边', '北边', '东面', '西面', '南面', '北面', '以东', '以西', '以南', '以北', '一带', '境内', '郊区']);

/**
 * LOC spans that are several nested administrative names become one span each. Every piece must end with an
 * administrative ending (郑州维修中心 and 阿灵顿县图书馆 are not nested names: on MSRA dev, splitting them made two
 * wrong spans of one, or of one right one); a last piece that is a word of position (耶路撒冷市|西边) is cut off.
 */
export function splitNestedPlaces(text: string, spans: EntitySpan[]): EntitySpan[] {
  const out: EntitySpan[] = [];
  for (const s of spans) {
    let pieces = s.label === 'LOC' ? splitAdministrative(text.slice(s.start, s.end)) : undefined;
    if (pieces && POSITION_TAIL.has(pieces[pieces.length - 1])) pieces = pieces.slice(0, -1);
    else if (pieces && !ADMIN_ENDINGS.some((e) => pieces![pieces!.length - 1].endsWith(e))) pieces = undefined;
    if (!pieces) {
      out.push(s);
      continue;
    }
    let at = s.start;
    for (const p of pieces) {
      out.push({ ...s, start: at, end: at + p.length });
      at += p.length;
    }
  }
  return out;
}

/** Provinces and other province-level units by the short names news writes before a city (广东阳江, 海南海口). */
const PROVINCE_SHORT_NAMES = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南',
  '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '台湾',
  '香港', '澳门',
];
/**
 * A LOC written as a province's short name and a place in it (广东阳江, 海南海口, 山东济宁市) is two nested names, one
 * span each, as the guidelines split 浙江省|温州市: only when the rest is a current administrative name (full or
 * short) and the whole is not one.
 */
export function provincePlaces(text: string, spans: EntitySpan[], context: PostRuleContext): EntitySpan[] {
  const isPlace = context.isPlaceName;
  if (!isPlace) return spans;
  const out: EntitySpan[] = [];
  for (const s of spans) {
    const t = text.slice(s.start, s.end);
    const province = s.label === 'LOC' && /^[\u4e00-\u9fff]+$/.test(t) ? PROVINCE_SHORT_NAMES.find((p) => t.startsWith(p) && t.length - p.length >= 2) : undefined;
    if (!province || !isPlace(t.slice(province.length)) || isPlace(t)) {
      out.push(s);
      continue;
    }
    out.push({ ...s, end: s.start + province.length }, { ...s, start: s.start + province.length });
  }
  return out;
}

const STOP_CHARS = new Set([...'的和与及在是为由对向将把被从了据经同跟给让使请、，。；：！？“”（）()《》 　\n\r\t']);
const COMPANY_TAIL = new RegExp(`[（(][${HAN}]{2,8}[)）][${HAN}]{0,12}?(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)`, 'g');

/**
 * A registered company name with a bracketed place is one ORG, bracket included:
 * 杭州海康威视数字技术(苏州)有限公司. The name starts where the run of name characters before the bracket starts
 * (stopping at punctuation and function characters), extended to the start of a model span it cuts.
 */
export function registeredCompanyNames(text: string, spans: EntitySpan[]): EntitySpan[] {
  COMPANY_TAIL.lastIndex = 0;
  for (let m; (m = COMPANY_TAIL.exec(text)); ) {
    const bracket = m.index;
    let start = bracket;
    while (start > 0 && bracket - start < 24 && !STOP_CHARS.has(text[start - 1])) start--;
    // the run must end in a model entity or be a plausible name of at least two characters
    if (bracket - start < 2) continue;
    // a model span inside the run marks where the name starts (据杭州海康威视… starts at 杭州)
    const inside = spans.filter((s) => s.start >= start && s.start < bracket && (s.label === 'ORG' || s.label === 'LOC'));
    if (inside.length) start = inside.reduce((m, s) => Math.min(m, s.start), Infinity);
    for (const s of spans) if (s.start < start && s.end > start) start = s.start;
    spans = replace(spans, start, bracket + m[0].length, 'ORG');
  }
  return spans;
}

const HAN_CLASS = `[${HAN}]`;
const SINGLE_SURNAMES = new Set(SURNAMES.filter((x) => x.length === 1));
const COMPOUND_SURNAMES = new Set(SURNAMES.filter((x) => x.length === 2));
const startsWithSurname = (name: string) => SINGLE_SURNAMES.has(name[0]) || COMPOUND_SURNAMES.has(name.slice(0, 2));

/** Puts a span of `label` on [start, end) unless a span overlapping it reaches outside it (a longer name wins). */
function claim(spans: EntitySpan[], start: number, end: number, label: EntityLabel): EntitySpan[] {
  if (spans.some((s) => s.start < end && start < s.end && (s.start < start || s.end > end))) return spans;
  if (spans.some((s) => s.start === start && s.end === end && s.label === label)) return spans;
  return replace(spans, start, end, label);
}

/**
 * Names in a bracket with no role word, at the end of a paragraph: （王芳 赵磊） or (陈静 刘洋) → one PER each; every
 * name two or three characters starting with a surname.
 */
const PAREN_NAMES = new RegExp(`[（(]((?:${HAN_CLASS}{2,3})(?:[ 　]+${HAN_CLASS}{2,3})*)[)）][ 　]*(?=$|[\r\n])`, 'gm');
export function bracketedNames(text: string, spans: EntitySpan[]): EntitySpan[] {
  PAREN_NAMES.lastIndex = 0;
  for (let m; (m = PAREN_NAMES.exec(text)); ) {
    const names = m[1].split(/[ 　]+/);
    if (!names.every(startsWithSurname)) continue;
    let at = m.index + 1;
    for (const n of names) {
      at = text.indexOf(n, at);
      spans = replace(spans, at, at + n.length, 'PER');
      at += n.length;
    }
  }
  return spans;
}

/** Photo credits: 李华 摄 / 李华摄 at the end of a line (or before a closing bracket) → PER 李华. */
const PHOTO_CREDIT = new RegExp(`(?:^|(?<=[\\s。！？；，、：:（(]|记者|通讯员))(${HAN_CLASS}{2,3})[ 　]?摄(?:影)?(?=[ 　]*(?:$|[\\r\\n）)]))`, 'gm');
export function photoCredits(text: string, spans: EntitySpan[]): EntitySpan[] {
  PHOTO_CREDIT.lastIndex = 0;
  for (let m; (m = PHOTO_CREDIT.exec(text)); ) {
    if (!startsWithSurname(m[1])) continue;
    spans = replace(spans, m.index, m.index + m[1].length, 'PER');
  }
  return spans;
}

/**
 * Two names written together in a byline (记者陈静刘洋报道, 文/王磊张敏, a line of its own): a four-character PER whose
 * halves both start with a common surname becomes two.
 */
const BYLINE_BEFORE = /(?:记者|编辑|通讯员|摄影|实习生|作者|文|图|[：:\/／])[ 　]*$/;
const BYLINE_AFTER = /^[ 　]*(?:报道|摄|[）)])/;
const LINE_END = /^[ 　]*(?:$|\r|\n)/;
export function twoNamesTogether(text: string, spans: EntitySpan[]): EntitySpan[] {
  const out: EntitySpan[] = [];
  for (const s of spans) {
    if (s.label !== 'PER' || s.end - s.start !== 4) {
      out.push(s);
      continue;
    }
    const t = text.slice(s.start, s.end);
    const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
    const before = text.slice(Math.max(lineStart, s.start - 6), s.start);
    const after = text.slice(s.end, s.end + 3);
    const byline = BYLINE_BEFORE.test(before) || BYLINE_AFTER.test(after) || (/^[ 　]*$/.test(before) && s.start - lineStart === before.length && LINE_END.test(after));
    if (s.label === 'PER' && byline && /^[\u4e00-\u9fff]{4}$/.test(t) && SINGLE_SURNAMES.has(t[0]) && SINGLE_SURNAMES.has(t[2]) && !COMPOUND_SURNAMES.has(t.slice(0, 2))) {
      out.push({ ...s, end: s.start + 2 }, { ...s, start: s.start + 2 });
    } else out.push(s);
  }
  return out;
}

/** A transliterated name cut at its dot (安东尼 · 布朗 as two spans) becomes one PER. */
export function dottedNames(text: string, spans: EntitySpan[]): EntitySpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: EntitySpan[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.label === 'PER' && s.label === 'PER' && s.start - prev.end === 1 && NAME_DOT.test(text[prev.end])) {
      out[out.length - 1] = { ...prev, end: s.end, confidence: Math.min(prev.confidence, s.confidence) };
    } else out.push(s);
  }
  return out;
}

/**
 * Names in Latin script: a run of two or three capitalised words (Tom Ellis) is one PER when the model put PER on
 * part of it, or when a role word stands right before it (演员, 首席执行官 …) or a speech verb right after it (then
 * also over an ORG or LOC the model put there).
 */
const LATIN_NAME = /[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+){1,2}(?![A-Za-z])/g;
const ROLE_BEFORE = /(?:演员|歌手|导演|编剧|作家|首席执行官|执行官|总裁|董事长|创始人|CEO|教练|主帅|球员|选手|主持人|记者|教授|博士|先生|女士|总统|总理|部长|发言人)$/;
const VERB_AFTER = /^(?:表示|说|称|指出|认为|宣布|透露|强调|在社交|发文|回应)/;
export function latinNames(text: string, spans: EntitySpan[]): EntitySpan[] {
  if (!/[A-Z][a-z]+ [A-Z]/.test(text)) return spans;
  LATIN_NAME.lastIndex = 0;
  for (let m; (m = LATIN_NAME.exec(text)); ) {
    const start = m.index;
    const end = start + m[0].length;
    if (start > 0 && /[A-Za-z]/.test(text[start - 1])) continue;
    const over = spans.filter((s) => s.start < end && start < s.end);
    const perInside = over.some((s) => s.label === 'PER');
    const cue = ROLE_BEFORE.test(text.slice(Math.max(0, start - 6), start)) || VERB_AFTER.test(text.slice(end, end + 4));
    if ((perInside || cue) && over.every((s) => s.start >= start && s.end <= end)) spans = replace(spans, start, end, 'PER');
  }
  return spans;
}

/**
 * No span cuts a word written in Latin letters. The model labels letter by letter, and inside a Latin word it
 * sometimes puts pieces in spans of their own (Shepard → LOC h | LOC e | LOC p | LOC ard, estelle → LOC t | LOC e |
 * LOC ll | LOC e). A span that runs into the word from outside is stretched over the whole word; spans lying inside
 * it become one span over the word, of the label that covers most of its letters, when they cover at least half of
 * it, and are dropped when they cover less.
 */
const LATIN_WORD = /[A-Za-z]+/g;
export function latinWordFragments(text: string, spans: EntitySpan[]): EntitySpan[] {
  LATIN_WORD.lastIndex = 0;
  for (let m; (m = LATIN_WORD.exec(text)); ) {
    const a = m.index;
    const b = a + m[0].length;
    const over = spans.filter((s) => s.start < b && a < s.end);
    if (!over.some((s) => (s.start > a && s.start < b) || (s.end > a && s.end < b))) continue;
    const outer = over.filter((s) => s.start < a || s.end > b);
    if (outer.length === 1) spans = replace(spans, Math.min(a, outer[0].start), Math.max(b, outer[0].end), outer[0].label);
    if (outer.length > 0) continue;
    const letters = new Map<EntityLabel, number>();
    for (const s of over) letters.set(s.label, (letters.get(s.label) ?? 0) + s.end - s.start);
    const [label] = [...letters].reduce((x, y) => (y[1] > x[1] ? y : x));
    const covered = [...letters.values()].reduce((x, y) => x + y, 0);
    spans = 2 * covered >= b - a ? replace(spans, a, b, label) : spans.filter((s) => !(s.start < b && a < s.end));
  }
  return spans;
}

/**
 * A PER of Latin letters alone (game titles, companies, handles, English film titles: Dota, Valve, portdouglas) that
 * the model is unsure of (calibrated confidence below UNSURE_LATIN_PER) and no role word or speech verb stands beside
 * is dropped: on the CLUENER dev part 21 of the 24 such spans were wrong, the other Latin-only PER 17 of 40.
 */
export const UNSURE_LATIN_PER = 0.5;
const LATIN_ONLY = /^[A-Za-z][A-Za-z.'\- \u00a0]*$/;
export function unsureLatinNames(text: string, spans: EntitySpan[]): EntitySpan[] {
  return spans.filter((s) => {
    if (s.label !== 'PER' || s.confidence >= UNSURE_LATIN_PER || !LATIN_ONLY.test(text.slice(s.start, s.end))) return true;
    return ROLE_BEFORE.test(text.slice(Math.max(0, s.start - 6), s.start)) || VERB_AFTER.test(text.slice(s.end, s.end + 4));
  });
}

/**
 * A name's original spelling in brackets right after it (迈克.内维尔(MikeNewell), 黛博拉·莫柔（deborahmarrow）) is a PER of
 * its own: a PER that took the bracket in is cut before it, and the Latin letters inside (no brackets) become a PER
 * when no span is there.
 */
const NAME_ORIGINAL = /^[ 　]*[（(]([A-Za-z][A-Za-z.'\- ]{2,40})[)）]/;
export function nameOriginals(text: string, spans: EntitySpan[]): EntitySpan[] {
  if (!/[（(][ 　]*[A-Za-z]/.test(text)) return spans;
  for (const per of spans.filter((s) => s.label === 'PER')) {
    const inner = /^(.+?)([ 　]*[（(][A-Za-z][A-Za-z.'\- ]{2,40}[)）])$/u.exec(text.slice(per.start, per.end));
    let end = per.end;
    if (inner && /[^A-Za-z.'\- ]/.test(inner[1])) {
      end = per.start + inner[1].length;
      spans = [...spans.filter((s) => s !== per), { ...per, end }].sort((a, b) => a.start - b.start);
    }
    const m = NAME_ORIGINAL.exec(text.slice(end, end + 48));
    if (!m) continue;
    const start = end + m[0].indexOf(m[1]);
    const stop = start + m[1].trimEnd().length;
    if (spans.some((s) => s.start < stop && start < s.end && !(s.label === 'PER' && s.start === start && s.end === stop))) continue;
    spans = replace(spans, start, stop, 'PER');
  }
  return spans;
}

/**
 * A PER the model is very unsure of (calibrated confidence below UNSURE_PER) that starts with no surname and is no
 * transliteration (彩迷, 查明, 海冰, 赫赫) is dropped: on the dev parts 4 of 15 such spans were right (MSRA dev 2 of
 * 5, CLUENER dev 2 of 10), against 9 of 16 of those starting with a surname.
 */
export const UNSURE_PER = 0.3;
export function unsureNonNames(text: string, spans: EntitySpan[]): EntitySpan[] {
  return spans.filter((s) => {
    if (s.label !== 'PER' || s.confidence >= UNSURE_PER) return true;
    const t = text.slice(s.start, s.end);
    return startsWithSurname(t) || !/^[\u4e00-\u9fff]+$/.test(t) || NAME_DOT.test(t);
  });
}

/**
 * Countries written as one character each in a run (中美关系, 中印两国, 中加友谊, 中日韩首脑): each character is a LOC,
 * as MSRA labels them (761 of 799 such runs in its training part) and as the guidelines count country names. The
 * run must stand after a boundary (not 其中|美, 空中|加) and before a word of relations; a longer span around it
 * stays (中美联合经济委员会).
 */
const COUNTRY_CHARS = '中美英法德俄日韩朝印巴加澳泰越缅菲叙伊以埃土希意葡荷瑞挪丹芬波捷匈罗蒙哈墨智秘非新柬马沙';
// found from the word of relations back (the words are rarer than the characters, so most of the text is skipped fast)
const RELATION_WORD = /两国|三国|四国|关系|友谊|双边|合作|建交|边界|边境|贸易|会谈|首脑|领导人|友好|战略|经贸|外长|双方|之间|交往|谈判|两党|议会|联合声明|联合公报|峰会/g;
const COUNTRY_CODES = new Set([...COUNTRY_CHARS].map((c) => c.charCodeAt(0)));
const RUN_BOUNDARY = new RegExp(`^(?:[^${HAN}]|[在和与的是对为了及同跟将把从据就由向])$`);
export function countryAbbreviations(text: string, spans: EntitySpan[]): EntitySpan[] {
  RELATION_WORD.lastIndex = 0;
  for (let m; (m = RELATION_WORD.exec(text)); ) {
    let start = m.index;
    while (start > 0 && m.index - start < 4 && COUNTRY_CODES.has(text.charCodeAt(start - 1))) start--;
    // two to four characters after a boundary: not 其中|美, 空中|加, nor part of a longer run of such characters
    if (m.index - start < 2 || (start > 0 && (COUNTRY_CODES.has(text.charCodeAt(start - 1)) || !RUN_BOUNDARY.test(text[start - 1])))) continue;
    const run = text.slice(start, m.index);
    // the same character twice is no pair of countries (中中)
    if (new Set(run).size !== run.length) continue;
    for (let i = 0; i < run.length; i++) spans = claim(spans, start + i, start + i + 1, 'LOC');
  }
  return spans;
}

/**
 * Foreign clubs are ORG: names that are only clubs (尤文图斯, 皇家马德里) everywhere, names that are also cities
 * (利物浦, 多特蒙德) when the sentence around them is about sport.
 */
const CLUB_RE = new RegExp([...CLUB_ONLY, ...CLUB_OR_CITY].sort((a, b) => b.length - a.length).join('|'), 'g');
/** Club names that are also common words (勇士 warriors, 火箭 rocket) need the sports context as city names do. */
const CLUB_WORDS = new Set(['勇士', '火箭', '热火', '雷霆', '马刺', '湖人', '快船', '流浪者', '狼队', '维拉', '凯尔特人', '尼克斯', '勇士队', '火箭队']);
const CLUB_ONLY_SET = new Set(CLUB_ONLY.filter((c) => !CLUB_WORDS.has(c)));
const SPORTS_NEAR = /\d+\s*[比:：-]\s*\d+|主场|客场|战胜|击败|负于|不敌|逼平|战平|大胜|力克|完胜|憾负|vs|VS|对阵|联赛|英超|西甲|意甲|德甲|法甲|欧冠|欧联|主帅|主教练|转会|进球|德比|赛季|积\d+分|出线|晋级|保级|[让受]球|盘口|赔率|球队/;
const PLACE_BEFORE = /(?:在|到|赴|抵达|从|(?<![负败])于|来自|飞往|前往|访问|位于)$/;
export function foreignClubs(text: string, spans: EntitySpan[]): EntitySpan[] {
  CLUB_RE.lastIndex = 0;
  for (let m; (m = CLUB_RE.exec(text)); ) {
    const start = m.index;
    const end = start + m[0].length;
    // not the middle of a longer Latin word (AC米兰 inside xAC米兰)
    if (/[A-Za-z]/.test(text[start - 1] ?? '') && /^[A-Za-z]/.test(m[0])) continue;
    if (!CLUB_ONLY_SET.has(m[0])) {
      const around = text.slice(Math.max(0, start - 15), end + 15);
      if (!SPORTS_NEAR.test(around) || PLACE_BEFORE.test(text.slice(Math.max(0, start - 2), start))) continue;
      // a city name is a club only where the model saw a name there (or nothing else)
      if (spans.some((s) => s.start < end && start < s.end && s.label === 'PER')) continue;
    }
    spans = claim(spans, start, end, 'ORG');
  }
  return spans;
}

/**
 * Companies and media known by one name (gazetteer.ts KNOWN_ORGS: 特斯拉, 英伟达, 人民网, 央视) are ORG, unless a
 * longer span around them holds them (特斯拉上海超级工厂) or they are part of a transliterated name (尼古拉·特斯拉).
 */
const KNOWN_ORG_RE = new RegExp([...KNOWN_ORGS].sort((a, b) => b.length - a.length).join('|'), 'g');
export function knownOrganisations(text: string, spans: EntitySpan[]): EntitySpan[] {
  KNOWN_ORG_RE.lastIndex = 0;
  for (let m; (m = KNOWN_ORG_RE.exec(text)); ) {
    const start = m.index;
    const end = start + m[0].length;
    if (NAME_DOT.test(text[start - 1] ?? '') || NAME_DOT.test(text[end] ?? '')) continue;
    // 新浪网友, 人民网民: a site's name before 友 / 民 is the word 网友 / 网民; 中央视察: not 央视
    if (m[0].endsWith('网') && (text[end] === '友' || text[end] === '民')) continue;
    if (m[0][0] === '央' && text[start - 1] === '中') continue;
    spans = claim(spans, start, end, 'ORG');
  }
  return spans;
}

/** Names of regions made of several places (长三角, 京津冀, 粤港澳大湾区) are one LOC. */
// river basins (长江流域) stay as the model has them: MSRA and our guidelines label the river
const REGION_RE = new RegExp(MULTI_REGIONS.filter((r) => !r.endsWith('流域')).sort((a, b) => b.length - a.length).join('|'), 'g');
const ORG_ENDINGS = new RegExp(`(?:${[...ORG_SUFFIXES].sort((a, b) => b.length - a.length).join('|')})$`);
export function multiRegions(text: string, spans: EntitySpan[]): EntitySpan[] {
  REGION_RE.lastIndex = 0;
  for (let m; (m = REGION_RE.exec(text)); ) {
    const start = m.index;
    const end = start + m[0].length;
    // a longer name around it stays (长三角一体化示范区执委会); a span that merely runs on (京津冀协|同) does not
    if (spans.some((s) => s.start < end && start < s.end && (s.start < start || s.end > end) && ORG_ENDINGS.test(text.slice(s.start, s.end)))) continue;
    spans = replace(spans, start, end, 'LOC');
  }
  return spans;
}

/**
 * Development zones and parks act as bodies: a place followed by 工业园区 / 高新区 / 经开区 / 开发区 … (and an optional
 * 管委会) is one ORG (苏州工业园区, 合肥高新区管委会). The place is a model LOC or ORG span ending at the suffix.
 */
const ZONE = /(?:高新技术产业开发区|经济技术开发区|高科技园区|科技园区|工业园区|产业园区|高新区|经开区|开发区|科技园|自贸区|综合保税区|保税区)(?:管委会|管理委员会)?/g;
export function developmentZones(text: string, spans: EntitySpan[]): EntitySpan[] {
  ZONE.lastIndex = 0;
  for (let m; (m = ZONE.exec(text)); ) {
    const at = m.index;
    const end = at + m[0].length;
    // the place is a span ending at the suffix (苏州 | 工业园区; the model may call 张江 a PER there), or the model's LOC
    // covers the whole zone name
    const place = spans.find((s) => s.end === at && s.end - s.start >= 2) ??
      spans.find((s) => s.label === 'LOC' && s.end === end && at - s.start >= 2);
    if (!place) continue;
    spans = replace(spans, place.start, end, 'ORG');
  }
  return spans;
}

/**
 * A place name cut before its administrative ending (萧山 | 区, 雄安 | 新区) gets it back, unless the ending starts a
 * word (福州|市民, 市场, 区域, 县城, 乡村: on MSRA dev 福州市民 made 福州市 of a right 福州).
 */
const ENDING_AFTER = /^(?:新区|区|县|市|镇|乡|街道)(?![民场郊县区中域间别城村亲下镇])/;
export function administrativeEndings(text: string, spans: EntitySpan[], isAdminName?: (name: string) => boolean): EntitySpan[] {
  return spans.map((s) => {
    if (s.label !== 'LOC') return s;
    const m = ENDING_AFTER.exec(text.slice(s.end, s.end + 3));
    if (!m || spans.some((o) => o !== s && o.start < s.end + m[0].length && o.end > s.end)) return s;
    const whole = text.slice(s.start, s.end + m[0].length);
    if (m[0] === '新区' || isAdminName?.(whole)) return { ...s, end: s.end + m[0].length };
    return s;
  });
}

/** Villages and communities after a town, street or county (衙前镇 | 凤凰村, 望京街道 | 花家地社区) are LOC. */
const VILLAGE = new RegExp(`^(${HAN_CLASS}{1,4}?)(?:村|社区|嘎查)`);
const NOT_VILLAGE_NAMES = new Set(['农', '乡', '新农', '各', '全', '本', '该', '每', '城乡', '城', '一', '两', '几', '多', '美丽乡', '的', '和', '在', '与']);
export function villages(text: string, spans: EntitySpan[]): EntitySpan[] {
  for (const s of [...spans]) {
    if (s.label !== 'LOC' || !/(镇|乡|街道|县|区)$/.test(text.slice(s.start, s.end))) continue;
    const m = VILLAGE.exec(text.slice(s.end, s.end + 7));
    if (!m || NOT_VILLAGE_NAMES.has(m[1]) || /[的和在与是了为]/.test(m[1])) continue;
    spans = claim(spans, s.end, s.end + m[0].length, 'LOC');
  }
  return spans;
}

/** Government departments of a province, city, district or county, by their usual names (财政局, 卫生健康委员会). */
const GOV_DEPARTMENTS = ['发展和改革', '发展改革', '教育', '科学技术', '科技', '科技创新', '工业和信息化', '经济和信息化', '民政',
  '司法', '财政', '人力资源和社会保障', '自然资源和规划', '规划和自然资源', '自然资源', '生态环境', '住房和城乡建设', '城市管理',
  '综合行政执法', '交通运输', '水利', '水务', '农业农村', '商务', '文化和旅游', '文化广电旅游', '文化广电和旅游', '卫生健康',
  '退役军人事务', '应急管理', '审计', '市场监督管理', '统计', '医疗保障', '体育', '林业', '国有资产监督管理', '数据资源管理',
  '大数据发展管理', '政务服务管理', '信访', '人民防空', '机关事务管理', '投资促进', '金融工作', '外事', '民族宗教事务',
  '粮食和物资储备', '公安', '税务'].flatMap((d) => [`${d}局`, `${d}委员会`, `${d}委`, `${d}厅`]);
/**
 * Bodies with no proper-name part are not entities (区委, 市政府, 管委会 on their own; a level word and a department with
 * no place named: 市财政局, 区教育局).
 */
const ELLIPTICAL_DEPARTMENT = new RegExp(`^[省市区县镇乡州](?:${GOV_DEPARTMENTS.join('|')})$`);
const ELLIPTICAL_BODIES = new Set(['区委', '县委', '市委', '省委', '镇委', '乡党委', '党委', '党组', '区政府', '县政府', '市政府', '省政府', '镇政府', '乡政府',
  '管委会', '村委会', '居委会', '区人大', '市人大', '县人大', '区政协', '市政协', '县政协', '区纪委', '市纪委', '县纪委']);
export function ellipticalBodies(text: string, spans: EntitySpan[]): EntitySpan[] {
  return spans.filter((s) => {
    if (s.label !== 'ORG') return true;
    const t = text.slice(s.start, s.end);
    return !ELLIPTICAL_BODIES.has(t) && !ELLIPTICAL_DEPARTMENT.test(t);
  });
}

/**
 * 党组 / 党委 after a body stay outside it (萧山区工业和信息化局党组书记 → 萧山区工业和信息化局), and so does a verb the
 * model took in (苏州市吴江区农业农村局组织专家… → 苏州市吴江区农业农村局) and a company's board before a title of it.
 */
const PARTY_TAIL = /(?:局|委员会|厅|部|办|院|署|会|政府|公司|集团|中心)(党组|党委|党工委|党总支|党支部|组织|开展|举办|召开|发布|印发|推出)$/;
const BOARD_TAIL = /(?:公司|集团|银行)(董事会|监事会)$/;
const BOARD_TITLE = /^(?:主席|副主席|秘书|成员)/;
export function partyCommitteeTails(text: string, spans: EntitySpan[]): EntitySpan[] {
  return spans.map((s) => {
    if (s.label !== 'ORG') return s;
    const t = text.slice(s.start, s.end);
    const m = PARTY_TAIL.exec(t);
    if (m && t.length - m[1].length >= 3) return { ...s, end: s.end - m[1].length };
    // the board before its titles (…有限公司董事会主席张勇 → …有限公司): 董事会主席 is the title
    const b = BOARD_TITLE.test(text.slice(s.end, s.end + 3)) ? BOARD_TAIL.exec(t) : null;
    return b ? { ...s, end: s.end - b[1].length } : s;
  });
}

const BODY_OR_COMPANY = /(?:公司|集团|局|委员会|厅|办公室|人民政府|政府|法院|检察院|管委会)$/;
/**
 * A registered company name or a government body starting with its places (杭州市萧山区国有资本投资运营有限公司,
 * 上海市浦东新区市场监督管理局): an ORG ending in 公司, 集团, 局, 委员会 … that starts at, or after a run of name
 * characters that starts at, a LOC span takes the run and the LOC spans before it.
 */
export function companyWithPlacePrefix(text: string, spans: EntitySpan[]): EntitySpan[] {
  let byEnd = new Map(spans.map((s) => [s.end, s]));
  for (const org of spans.filter((s) => s.label === 'ORG' && BODY_OR_COMPANY.test(text.slice(s.start, s.end).replace(/\s+/g, '')))) {
    let start = org.start;
    // a company's name may have words between its places and the model's span (国有资本投|资运营有限公司); a body's may not
    if (/(?:公司|集团)$/.test(text.slice(org.start, org.end))) {
      while (start > 0 && org.start - start < 12 && !STOP_CHARS.has(text[start - 1]) && !/[0-9０-９]/.test(text[start - 1]) && !byEnd.has(start)) start--;
    }
    let place = byEnd.get(start);
    if (!place || place.label !== 'LOC') continue;
    while (place && place.label === 'LOC') {
      start = place.start;
      place = byEnd.get(start);
    }
    if (start < org.start) {
      spans = replace(spans, start, org.end, 'ORG');
      byEnd = new Map(spans.map((s) => [s.end, s]));
    }
  }
  return spans;
}

/**
 * A Chinese place right before the word of an institution it names is one ORG with it (文昌看守所, 沈丘师范, 洪山一中,
 * 吉林省戏校, 海淀看守所): the model often stops at the place when the institution's word is less usual than 大学 or
 * 医院. Only for places that are current administrative names (full or short), so that a country before a generic
 * word (美国法院, 日本大学) stays LOC; the institution word must not go on as a longer word (看守所长).
 */
const INSTITUTION_WORDS: string[] = [
  '看守所', '拘留所', '戒毒所', '监狱', '派出所', '公安局', '公安分局', '法院', '中级人民法院', '人民法院', '检察院', '人民检察院',
  '师范学院', '师范学校', '师范', '戏校', '卫校', '党校', '技校', '职业技术学院', '职业学院', '中学', '小学', '实验小学', '实验中学',
  '幼儿园', '一中', '二中', '三中', '四中', '五中', '六中', '七中', '八中', '九中', '十中', '人民医院', '中医院', '医院', '卫生院',
  '电视台', '广播电台', '日报', '晚报', '火车站', '汽车站', '车站', '供电局', '税务局', '地税局', '国税局', '海关',
  '铁路局', '铁路分局', '车务段', '机务段', '工务段', '电务段', '车辆段', '供电段', '建筑段',
  // government departments of a province, city, district or county (深圳市南山区科技创新局, 萧山区工业和信息化局)
  ...GOV_DEPARTMENTS,
  '街道办事处', '办事处',
].sort((a, b) => b.length - a.length);
const INSTITUTION_AFTER = new RegExp(`^(?:${INSTITUTION_WORDS.join('|')})`);
const INSTITUTION_WORD_MAX = INSTITUTION_WORDS[0].length;
/** Characters after an institution word that make it part of a longer word or a title (看守所长, 法院院长 is fine). */
const INSTITUTION_GOES_ON = new Set([...'长生员']);
export function placeInstitutions(text: string, spans: EntitySpan[], context: PostRuleContext): EntitySpan[] {
  const isPlace = context.isPlaceName;
  if (!isPlace) return spans;
  for (const loc of spans.filter((s) => s.label === 'LOC')) {
    const m = INSTITUTION_AFTER.exec(text.slice(loc.end, loc.end + INSTITUTION_WORD_MAX));
    if (!m) continue;
    const end = loc.end + m[0].length;
    if (INSTITUTION_GOES_ON.has(text[end])) continue;
    // the word is free: no span starts right after the place, and none inside it but a piece of it the model found
    // (人力资源和 | 社会保障局)
    if (spans.some((s) => s !== loc && s.start < end && loc.end <= s.start && (s.start === loc.end || s.end > end))) continue;
    if (!isPlace(text.slice(loc.start, loc.end))) continue;
    // the places it starts with belong to it (深圳市 | 南山区 | 科技创新局 → one ORG)
    const placeEndingAt = (at: number) => spans.find((s) => s.label === 'LOC' && s.end === at && isPlace(text.slice(s.start, s.end)));
    let start = loc.start;
    for (let before = placeEndingAt(start); before; before = placeEndingAt(start)) start = before.start;
    spans = replace(spans, start, end, 'ORG');
  }
  return spans;
}

/**
 * Short company names in a list closed by a kind of company (华为、中兴、小米等企业): each item is an ORG. The first
 * item starts after a function character (有, 的, 在 …) or punctuation.
 */
// found from its end (等…企业), then the list before it within a window, so the text is not backtracked at every character
const LIST_TAIL = new RegExp(`等(?:${HAN_CLASS}{0,4}?)(?:企业|公司|品牌|厂商|车企|药企|房企|平台|项目|银行|券商)`, 'g');
const LIST_BEFORE = new RegExp(`((?:${HAN_CLASS}{2,6}、)+${HAN_CLASS}{2,6}(?:[和与及]${HAN_CLASS}{2,6})?)$`);
const LIST_STARTERS = new Set([...'有的是在和与及对由了把被向从为将如像包括含']);
export function companyLists(text: string, spans: EntitySpan[]): EntitySpan[] {
  LIST_TAIL.lastIndex = 0;
  for (let t; (t = LIST_TAIL.exec(text)); ) {
    const from = Math.max(0, t.index - 80);
    const m = LIST_BEFORE.exec(text.slice(from, t.index));
    if (!m) continue;
    const items = m[1].split(/[、和与及]/);
    let at = from + m.index;
    const found: [number, number][] = [];
    items.forEach((item, k) => {
      let start = at;
      let name = item;
      if (k === 0) {
        // the first item: back to the last function character inside it
        let cut = 0;
        for (let i = 0; i < item.length - 2; i++) if (LIST_STARTERS.has(item[i])) cut = i + 1;
        name = item.slice(cut);
        start = at + cut;
        const span = spans.find((s) => s.start >= at && s.end === at + item.length);
        if (span && span.start > start) (start = span.start), (name = text.slice(start, at + item.length));
      }
      if (name.length >= 2 && name.length <= 6) found.push([start, start + name.length]);
      at += item.length + 1;
    });
    // a list of places (北京、上海等城市) is not meant: every item must not be a LOC of the model
    if (found.every(([a, b]) => spans.some((s) => s.start === a && s.end === b && s.label === 'LOC'))) continue;
    // nor a list of trades or things (电镀、造纸、制药和化工等项目: 4 wrong ORG on MSRA dev): the model must have seen
    // a name in at least one item
    if (!found.some(([a, b]) => spans.some((s) => s.start < b && a < s.end))) continue;
    // an item where the model has an ORG stays as the model has it (丰田 in 丰田汽车)
    for (const [a, b] of found) if (!spans.some((s) => s.start < b && a < s.end && s.label === 'ORG')) spans = claim(spans, a, b, 'ORG');
  }
  return spans;
}

/**
 * The government of an administrative unit is a body with a proper-name part, one ORG (guidelines: an organisation
 * named after a place is ORG as a whole; CLUENER labels it so): a LOC span and 政府 after an administrative ending
 * (昆明市政府, 北京市|市政府, 萧山区人民政府, 香港|特区政府). The government of a country written as "the X government"
 * (中国政府, 美国政府) stays LOC X, as in OntoNotes and MSRA (on MSRA dev that form is 31 of the 34 X政府).
 */
const GOVERNMENT_AFTER = /^(?:特别行政区|特区|自治区|省|市|县|区|州|镇|乡)?(?:人民)?政府(?!部门|机构|官员|工作|采购|债务|投资|补贴|领导|网站|办公厅|办公室|新闻办|部门)/;
const ADMIN_UNIT_END = /(?:特别行政区|自治区|自治州|自治县|省|市|县|区|州|镇|乡)$/;
export function placeGovernments(text: string, spans: EntitySpan[]): EntitySpan[] {
  if (!text.includes('政府')) return spans;
  for (const s of [...spans]) {
    if (s.label !== 'LOC') continue;
    const m = GOVERNMENT_AFTER.exec(text.slice(s.end, s.end + 12));
    if (!m || spans.some((o) => o !== s && o.start < s.end + m[0].length && o.end > s.end)) continue;
    // an administrative unit: the place ends with its ending, or the ending (or 人民, 特区) comes with 政府
    if (!ADMIN_UNIT_END.test(text.slice(s.start, s.end)) && m[0].startsWith('政府')) continue;
    spans = replace(spans, s.start, s.end + m[0].length, 'ORG');
  }
  return spans;
}

// (‘ ’ are left out: they stand for apostrophes in Latin names, fool‘s)
const OPENERS = '（(“《〈「『【[';
const CLOSERS = '）)”》〉」』】]';
/**
 * No span has half a bracket or quote pair: a span that takes a closing mark whose opening mark is not in it
 * (FTC”, coates）) ends before it; one that takes an opening mark whose closing mark is not in it
 * (麦克雷(ColinMcRae, 新浪微博（http://t.sina) ends before that, and an opening mark it starts with and does not
 * close (“中国航空公司) is left out. What is left must be two characters or more.
 */
const MARK_CODES = new Set([...OPENERS, ...CLOSERS].map((c) => c.charCodeAt(0)));
export function unpairedMarks(text: string, spans: EntitySpan[]): EntitySpan[] {
  let out: EntitySpan[] | undefined;
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    let marked = false;
    for (let i = s.start; i < s.end && !marked; i++) marked = MARK_CODES.has(text.charCodeAt(i));
    let start = s.start;
    let end = s.end;
    if (marked) {
      // an opening mark the span starts with and does not close (“中国航空公司) is left outside it
      while (start < s.end && OPENERS.includes(text[start]) && !text.slice(start + 1, s.end).includes(CLOSERS[OPENERS.indexOf(text[start])])) start++;
      const stack: number[] = [];
      for (let i = start; i < end; i++) {
        const c = CLOSERS.indexOf(text[i]);
        if (c >= 0 && stack.length && text[stack[stack.length - 1]] === OPENERS[c]) stack.pop();
        else if (c >= 0 && !OPENERS.includes(text[i])) end = i;
        else if (OPENERS.includes(text[i])) stack.push(i);
      }
      if (stack.length) end = Math.min(end, stack[0]);
    }
    if (start === s.start && end === s.end) {
      out?.push(s);
      continue;
    }
    out ??= spans.slice(0, k);
    if (end - start >= 2) out.push({ ...s, start, end });
  }
  return out ?? spans;
}

/** Context the rules may use: whether a string is an administrative name (the model's gazetteer). */
export interface PostRuleContext {
  /** A full current administrative name of China (萧山区). */
  isAdminName?: (name: string) => boolean;
  /** A full or short one (萧山区, 萧山). */
  isPlaceName?: (name: string) => boolean;
}

type PostRule = (text: string, spans: EntitySpan[], context: PostRuleContext) => EntitySpan[];

/**
 * The original title in brackets right after a 《》 title (《朱诺》（Juno）, 《闪灵》(The Shining)) is part of the
 * title: nothing inside it is labelled.
 */
const TITLE_TRANSLATION = /》[ 　]*[（(][^（）()\n]{1,80}[)）]/g;
export function dropTitleTranslations(text: string, spans: EntitySpan[]): EntitySpan[] {
  if (!text.includes('》')) return spans;
  const blocked: [number, number][] = [];
  TITLE_TRANSLATION.lastIndex = 0;
  for (let m; (m = TITLE_TRANSLATION.exec(text)); ) {
    const open = m.index + m[0].search(/[（(]/);
    // a translation: Latin letters, not the bracketed date or note of a Chinese title (《…》（2009年）)
    if (/[A-Za-z]{2}/.test(m[0]) && !/[\u4e00-\u9fff]/.test(m[0].slice(open - m.index))) blocked.push([open, m.index + m[0].length]);
  }
  if (blocked.length === 0) return spans;
  return spans.filter((s) => blocked.every(([a, b]) => !(a <= s.start && s.end <= b)));
}

/**
 * A name with a function word stuck to its edge, the model unsure (嘱王涛, 找贞雅, 米勒携, 郭田勇则): the word is left
 * out. Only for spans of three characters or more below UNSURE_EDGE confidence, when the character is no surname
 * (front) and the rest is still two characters or more.
 */
export const UNSURE_EDGE = 0.65;
const FRONT_WORDS = new Set([...'嘱找像跟让叫请给对和与被把将从在向由令派带陪送帮']);
const BACK_WORDS = new Set([...'则也就都还又便曾却携逼和与是的在说对把被将给']);
export function functionCharEdges(text: string, spans: EntitySpan[]): EntitySpan[] {
  return spans.map((s) => {
    if (s.label !== 'PER' || s.confidence >= UNSURE_EDGE || s.end - s.start < 3) return s;
    const t = text.slice(s.start, s.end);
    if (!/^[\u4e00-\u9fff]+$/.test(t)) return s;
    if (FRONT_WORDS.has(t[0]) && !SINGLE_SURNAMES.has(t[0]) && startsWithSurname(t.slice(1))) return { ...s, start: s.start + 1 };
    if (BACK_WORDS.has(t[t.length - 1]) && startsWithSurname(t)) return { ...s, end: s.end - 1 };
    return s;
  });
}

/** All rules in order, by name (`npm run eval:ner -- --rules` shows what each one changes on the dev parts). */
export const POST_RULES: readonly (readonly [string, PostRule])[] = [
  ['registeredCompanyNames', registeredCompanyNames],
  ['placeGovernments', placeGovernments],
  ['companyWithPlacePrefix', companyWithPlacePrefix],
  ['partyCommitteeTails', partyCommitteeTails],
  ['ellipticalBodies', ellipticalBodies],
  ['splitNestedPlaces', splitNestedPlaces],
  ['administrativeEndings', (t, s, c) => administrativeEndings(t, s, c.isAdminName)],
  ['provincePlaces', provincePlaces],
  ['placeInstitutions', placeInstitutions],
  ['developmentZones', developmentZones],
  ['villages', villages],
  ['multiRegions', multiRegions],
  ['foreignClubs', foreignClubs],
  ['knownOrganisations', knownOrganisations],
  ['countryAbbreviations', countryAbbreviations],
  ['companyLists', companyLists],
  ['dottedNames', dottedNames],
  ['latinWordFragments', latinWordFragments],
  ['latinNames', latinNames],
  ['unsureLatinNames', unsureLatinNames],
  ['nameOriginals', nameOriginals],
  ['unsureNonNames', unsureNonNames],
  ['trimPersonTitles', trimPersonTitles],
  ['functionCharEdges', functionCharEdges],
  ['twoNamesTogether', twoNamesTogether],
  ['bylines', bylines],
  ['bracketedNames', bracketedNames],
  ['photoCredits', photoCredits],
  ['dropInsideBookTitles', dropInsideBookTitles],
  ['dropTitleTranslations', dropTitleTranslations],
  ['unpairedMarks', unpairedMarks],
];

/** All rules in order. */
export function applyPostRules(text: string, spans: EntitySpan[], context: PostRuleContext = {}): EntitySpan[] {
  let out = spans;
  for (const [, rule] of POST_RULES) out = rule(text, out, context);
  return out.sort((a, b) => a.start - b.start);
}
