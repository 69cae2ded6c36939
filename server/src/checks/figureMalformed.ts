// figure-malformed: a number written wrongly — two decimal points, bad digit grouping, full- and half-width digits
// in one number, 百分之 together with %, Chinese and Arabic digits mixed in one number.
import { defineRule, RawFinding } from './types';
import { isFullDigit, isHalfDigit } from './width';

export const figureMalformed = defineRule({
  id: 'figure-malformed',
  defaultSeverity: 'error',
  description: 'A number written wrongly: two decimal points (3.5.2亿), bad digit grouping (1,20,000), full- and half-width digits mixed in one number, 百分之 together with %, Chinese and Arabic digits mixed (二0二三, 3千5百).',
  descriptionZh: '数字写法错误：两个小数点（3.5.2亿）、千分位错误（1,20,000）、同一数字中全角半角数字混用、“百分之”与“%”并用、汉字与阿拉伯数字混用（二0二三、3千5百）。',
  check({ text, half }) {
    const out: RawFinding[] = [];
    const add = (start: number, end: number, message: string, messageZh: string) => out.push({ start, end, message, messageZh });

    // Two or more decimal points in an amount: 3.5.2亿, 1.2.5%.
    for (const m of half.matchAll(/(?<![0-9.A-Za-z])[0-9]+(?:\.[0-9]+){2,}(?=\s*(?:[万亿%]|元|美元|倍|个百分点))/g)) {
      add(m.index, m.index + m[0].length, `'${text.slice(m.index, m.index + m[0].length)}' has more than one decimal point`, `“${text.slice(m.index, m.index + m[0].length)}”含有多个小数点`);
    }

    // Digit grouping: after the first comma every group has three digits (1,20,000 and 3,500,00 are wrong).
    for (const m of half.matchAll(/(?<![0-9.,A-Za-z])[0-9]+(?:,[0-9]+)+(?![0-9])/g)) {
      if (text.slice(m.index, m.index + m[0].length).includes('，')) continue; // a full-width comma is a clause comma
      const groups = m[0].split(',');
      const later = groups.slice(1);
      const wellGrouped = later.every((g) => g.length === 3) && groups[0].length <= 3;
      if (wellGrouped || !later.some((g) => g.length === 3)) continue; // 1,2,3 and 2008,2009 are lists
      add(m.index, m.index + m[0].length, `'${m[0]}' is grouped wrongly: thousands separators go every three digits`, `“${text.slice(m.index, m.index + m[0].length)}”千分位分隔错误：应每三位一个逗号`);
    }

    // Full- and half-width digits in one number: ２0２3.
    for (const m of text.matchAll(/[0-9０-９]+(?:[.．,][0-9０-９]+)*/g)) {
      let full = false;
      let halfW = false;
      for (let i = 0; i < m[0].length; i++) {
        const c = m[0].charCodeAt(i);
        if (isFullDigit(c)) full = true;
        else if (isHalfDigit(c)) halfW = true;
      }
      if (full && halfW) add(m.index, m.index + m[0].length, `'${m[0]}' mixes full-width and half-width digits`, `“${m[0]}”全角与半角数字混用`);
    }

    // 百分之 together with a percent sign: 百分之15%.
    for (const m of half.matchAll(/百分之\s*[0-9.〇零一二三四五六七八九十百千万两点]+\s*%/g)) {
      const s = text.slice(m.index, m.index + m[0].length);
      add(m.index, m.index + m[0].length, `'${s}' says "percent" twice (百分之 and %)`, `“${s}”中“百分之”与“%”重复`);
    }

    // Chinese and Arabic digits in one number: 二0二三年, 2〇23, 3千5百万. Only a digit of one kind between digits of
    // the other is taken as one number (and Arabic digits between Chinese ones only as 0s or before 年): in
    // 1小时零10分钟, 53118四川, 69三个 or 周五119一位 the two merely touch.
    for (const m of half.matchAll(/(?<![A-Za-z\-])(?:[一二三四五六七八九〇]0{1,3}[〇零一二三四五六七八九]|[一二三四五六七八九〇][0-9]{1,3}[〇零一二三四五六七八九](?=年)|[0-9](?:[〇零]{1,3}|[一二三四五六七八九])[0-9]|[0-9][十百千][0-9])/g)) {
      let a = m.index;
      let b = m.index + m[0].length;
      while (a > 0 && /[0-9〇零一二三四五六七八九十百千]/.test(half[a - 1])) a--;
      while (b < half.length && /[0-9〇零一二三四五六七八九十百千万亿]/.test(half[b])) b++;
      const s = text.slice(a, b);
      add(a, b, `'${s}' mixes Chinese and Arabic digits in one number`, `“${s}”同一数字中汉字数字与阿拉伯数字混用`);
    }
    return out;
  },
});
