// One name written two ways in a document (width, script, space, brackets): the comparison behind the four
// entity-*-variant rules, done once per document and shared (each rule file keeps the findings of its kind).
import type { Span } from '../core/types';
import type { CheckContext, RawFinding } from './types';

export type VariantKind = 'entity-bracket-variant' | 'entity-width-variant' | 'entity-script-variant' | 'entity-space-variant';
type VariantFinding = RawFinding & { kind: VariantKind };

/** The findings of one kind: names the recogniser found, written in another spelling elsewhere in the document. */
export function entityVariants(context: CheckContext, kind: VariantKind): RawFinding[] {
  const all = context.shared('entityVariants', () => computeVariants(context.text, context.analysis.spans));
  return all.filter((f) => f.kind === kind).map(({ kind: _kind, ...f }) => f);
}

/** Traditional → simplified for characters common in names of people, places and companies (one-to-one only). */
const TRAD =
  '國国華华張张陳陈劉刘黃黄趙赵吳吴楊杨東东廣广門门臺台灣湾區区縣县鄉乡鎮镇島岛灣湾嶺岭興兴龍龙鳳凤愛爱麗丽' +
  '偉伟強强軍军輝辉亞亚暉晖靜静會会廠厂銀银鐵铁電电氣气貿贸業业集集團团際际學学醫医藥药農农衛卫環环產产' +
  '開开發发濟济經经營营場场蘇苏滬沪漢汉廈厦門门遼辽寧宁雲云貴贵陝陕魯鲁閩闽贛赣瀋沈葉叶鄭郑謝谢羅罗馮冯' +
  '鄧邓許许蕭萧韓韩薛薛盧卢蔣蒋錢钱孫孙馬马傅傅儀仪紅红軒轩鵬鹏飛飞築筑報报聯联訊讯網网視视數数據据譯译' +
  '證证險险術术設设計计總总蘭兰鳴鸣慶庆齊齐賀贺燕燕劍剑濤涛寶宝潔洁玲玲維维聰聪穎颖嬌娇蓮莲錦锦鋼钢礦矿';

const TRAD_MAP = new Map<string, string>();
/** TRAD_MAP by UTF-16 code: the simplified character's code, or 0. */
const TRAD_CODES = new Uint16Array(0x10000);
for (let i = 0; i + 1 < TRAD.length; i += 2) {
  if (TRAD[i] === TRAD[i + 1]) continue;
  TRAD_MAP.set(TRAD[i], TRAD[i + 1]);
  TRAD_CODES[TRAD.charCodeAt(i)] = TRAD.charCodeAt(i + 1);
}
const isSpaceCode = (c: number) => c === 0x20 || c === 0x3000 || c === 0xa0 || c === 0x09;

const isSpace = (ch: string) => ch === ' ' || ch === '\u3000' || ch === '\u00a0' || ch === '\t';
const isCjk = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xf900 && c <= 0xfaff);

function normaliseChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  return TRAD_MAP.get(ch) ?? ch;
}

/** The text normalised one unit for one, without spaces between CJK characters; `at[i]` is unit i's original offset. */
function normaliseText(text: string): { norm: string; at: Int32Array } {
  const codes = new Uint16Array(text.length);
  const at = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      let j = i;
      while (j < text.length && isSpaceCode(text.charCodeAt(j))) j++;
      if (j - i <= 3 && i > 0 && j < text.length && isCjk(text.charCodeAt(i - 1)) && isCjk(text.charCodeAt(j))) {
        i = j - 1;
        continue;
      }
    }
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (TRAD_CODES[c]) c = TRAD_CODES[c];
    at[n] = i;
    codes[n++] = c;
  }
  let norm = '';
  for (let k = 0; k < n; k += 8192) norm += String.fromCharCode(...codes.subarray(k, Math.min(n, k + 8192)));
  return { norm, at };
}

function normaliseName(name: string): string {
  let out = '';
  for (const ch of name) if (!isSpace(ch)) out += [...ch].map(normaliseChar).join('');
  return out;
}

/** Why two spellings of one name differ, the most specific reason first. */
function variantKind(a: string, b: string): VariantKind | undefined {
  const strip = (s: string) => [...s].filter((ch) => !isSpace(ch));
  const x = strip(a);
  const y = strip(b);
  let width = false;
  let script = false;
  let bracket = false;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    if ('()（）'.includes(x[i]) && '()（）'.includes(y[i])) bracket = true;
    else if (normaliseChar(x[i]) === normaliseChar(y[i]) && (x[i].charCodeAt(0) >= 0xff01 || y[i].charCodeAt(0) >= 0xff01) && (x[i].charCodeAt(0) < 0x80 || y[i].charCodeAt(0) < 0x80)) width = true;
    else script = true;
  }
  if (bracket) return 'entity-bracket-variant';
  if (width) return 'entity-width-variant';
  if (script) return 'entity-script-variant';
  if (a !== b) return 'entity-space-variant';
  return undefined;
}

const BYLINE_WORDS = /记者|通讯员|编辑|作者|摄影|实习生|撰文|撰稿|記者|通訊員|編輯|(?:^|[\s(（])[文图]\s*[/／:：]/;

/** True when the occurrence is in a typeset byline: a short bracketed or line segment naming a reporter or editor. */
function inByline(text: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && start - a < 30 && !'\n（(【'.includes(text[a - 1])) a--;
  let b = end;
  while (b < text.length && b - end < 30 && !'\n）)】'.includes(text[b])) b++;
  const segment = text.slice(a, b);
  return segment.length <= 40 && BYLINE_WORDS.test(segment);
}

interface Occurrence {
  start: number;
  end: number;
  surface: string;
}

function computeVariants(text: string, spans: readonly Span[]): VariantFinding[] {
  const names = new Set<string>();
  for (const s of spans) {
    if (s.label !== 'PER' && s.label !== 'LOC' && s.label !== 'ORG') continue;
    const key = normaliseName(s.text);
    if ([...key].length >= 2 && /[\u3400-\u9fff\ud800-\udbff]/.test(key)) names.add(key);
  }
  if (names.size === 0) return [];
  const { norm, at } = normaliseText(text);
  // one pass over the text collects where each name's first two units occur; then each name is only compared there
  // (a search per name would be O(names × length): seconds on a 1M-character file)
  const prefix = (str: string, p: number) => str.charCodeAt(p) * 0x10000 + str.charCodeAt(p + 1);
  const byPrefix = new Map<number, number[]>();
  const startsName = new Uint8Array(0x10000);
  for (const key of names) {
    byPrefix.set(prefix(key, 0), []);
    startsName[key.charCodeAt(0)] = 1;
  }
  for (let p = 0; p + 1 < norm.length; p++) if (startsName[norm.charCodeAt(p)]) byPrefix.get(prefix(norm, p))?.push(p);
  const out: VariantFinding[] = [];
  for (const key of names) {
    const occurrences: Occurrence[] = [];
    for (const p of byPrefix.get(prefix(key, 0))!) {
      if (!norm.startsWith(key, p)) continue;
      const start = at[p];
      const end = at[p + key.length - 1] + 1;
      const surface = text.slice(start, end);
      if (surface !== key && /\s/.test(surface) && inByline(text, start, end)) continue;
      occurrences.push({ start, end, surface });
    }
    const counts = new Map<string, number>();
    for (const o of occurrences) counts.set(o.surface, (counts.get(o.surface) ?? 0) + 1);
    if (counts.size < 2) continue;
    // the form written most often is the house spelling; on a tie the standard form for simplified-Chinese news
    // (no space, simplified characters, full-width brackets, half-width Latin letters and digits), then the first
    let canonical = occurrences[0].surface;
    for (const [surface, n] of counts) {
      const best = counts.get(canonical)!;
      if (n > best || (n === best && standardness(surface) > standardness(canonical))) canonical = surface;
    }
    const first = occurrences.find((o) => o.surface === canonical)!;
    for (const o of occurrences) {
      if (o.surface === canonical) continue;
      const kind = variantKind(o.surface, canonical);
      if (!kind) continue;
      out.push({
        kind,
        start: o.start,
        end: o.end,
        message: `'${o.surface}' is written '${canonical}' elsewhere in this document (${describeKind(kind)})`,
        messageZh: `“${o.surface}”在本文其他地方写作“${canonical}”（${describeKindZh(kind)}）`,
        related: [{ start: first.start, end: first.end, message: `written '${canonical}' here`, messageZh: `此处写作“${canonical}”` }],
      });
    }
  }
  return out;
}

/** How closely a spelling follows the conventions of simplified-Chinese news (higher is more standard). */
function standardness(surface: string): number {
  let score = 0;
  if (![...surface].some(isSpace)) score++;
  if (![...surface].some((ch) => TRAD_MAP.has(ch))) score++;
  if (!/[()]/.test(surface)) score++;
  if (!/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/.test(surface)) score++;
  return score;
}

function describeKind(kind: VariantKind): string {
  return { 'entity-bracket-variant': 'full-/half-width brackets', 'entity-width-variant': 'full-/half-width characters', 'entity-script-variant': 'traditional/simplified characters', 'entity-space-variant': 'a space inside the name' }[kind];
}
function describeKindZh(kind: VariantKind): string {
  return { 'entity-bracket-variant': '括号全角/半角不一致', 'entity-width-variant': '全角/半角不一致', 'entity-script-variant': '繁体/简体不一致', 'entity-space-variant': '名称中有空格' }[kind];
}
