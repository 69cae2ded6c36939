// Rules applied after the model where the project's guidelines differ from the MSRA training conventions, or
// where a pattern is certain enough to override the model. Spans use UTF-16 offsets into the whole text.
import type { EntityLabel } from '../core/types';

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
  '委员', '代表', '大使', '将军', '司令', '队长', '局长', '老师', '医生', '律师', '先生', '女士', '同志',
];
const AFTER_NAME = [
  '表示', '指出', '认为', '强调', '介绍', '透露', '说', '称', '称赞', '先生', '女士', '同志', '教授', '博士', '主席', '总统',
  '总理', '书记', '市长', '省长', '县长', '部长', '院长', '校长', '老师', '医生', '等人', '等',
];

/** PER spans without titles before the name or verbs/titles after it (副市长王建国说 -> 王建国). */
const BEFORE_LONGEST_FIRST = [...TITLES_BEFORE].sort((a, b) => b.length - a.length);
const AFTER_LONGEST_FIRST = [...AFTER_NAME].sort((a, b) => b.length - a.length);

export function trimPersonTitles(text: string, spans: EntitySpan[]): EntitySpan[] {
  const before = BEFORE_LONGEST_FIRST;
  const after = AFTER_LONGEST_FIRST;
  return spans.map((s) => {
    if (s.label !== 'PER') return s;
    let { start, end } = s;
    const t = () => text.slice(start, end);
    for (const w of before) {
      if (t().startsWith(w) && end - start - w.length >= 2) {
        start += w.length;
        break;
      }
    }
    for (const w of after) {
      if (t().endsWith(w) && end - start - w.length >= 2) {
        end -= w.length;
        break;
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

/** LOC spans that are several nested administrative names become one span each. */
export function splitNestedPlaces(text: string, spans: EntitySpan[]): EntitySpan[] {
  const out: EntitySpan[] = [];
  for (const s of spans) {
    const pieces = s.label === 'LOC' ? splitAdministrative(text.slice(s.start, s.end)) : undefined;
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

/** All rules in order. */
export function applyPostRules(text: string, spans: EntitySpan[]): EntitySpan[] {
  let out = registeredCompanyNames(text, spans);
  out = splitNestedPlaces(text, out);
  out = trimPersonTitles(text, out);
  out = bylines(text, out);
  out = dropInsideBookTitles(text, out);
  return out.sort((a, b) => a.start - b.start);
}
