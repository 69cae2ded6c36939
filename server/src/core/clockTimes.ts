// When a clock time written without a part of the day (8点, 六点半, 两点一刻, 十点过五分) is a time, and the small
// readings of the everyday clock (README "Dates and times": TIME, 24-hour at the precision given). A bare 3点 is
// usually "three points" (三点意见, 下跌3点); it is a time when minutes are given in words that only clocks use
// (半, 一刻, 三刻, 过N分) or when what follows is something done or due at a time (8点的闹钟, 9点提醒我, 7点出发).

/** Words after a bare hour that make it a time of day. */
const CLOCK_FOLLOWERS = [
  '的闹钟', '的鬧鐘', '闹钟', '鬧鐘', '提醒', '叫我', '叫醒', '喊我', '起床', '出发', '出發', '开会', '開會', '集合',
  '见面', '見面', '碰头', '碰頭', '上班', '下班', '吃饭', '吃飯', '的会', '的會', '的航班', '的飞机', '的飛機', '的高铁',
  '的高鐵', '的火车', '的火車', '的动车', '的動車', '的电影', '的電影', '的车', '的車', '的课', '的課', '的比赛', '的比賽',
  '的闹铃', '前后', '前後', '见', '見',
];

/**
 * Whether what follows a bare hour at p makes it a time of day (8点的闹钟, 9点提醒我, 三点见). `hourStart` is where
 * the hour begins: 一点 ("a little", 从这一点出发) and hours after a demonstrative or a count (这两点, 几点) are points.
 */
export function clockFollowerAt(t: string, p: number, hourStart: number): boolean {
  if (t[hourStart] === '一' && p === hourStart + 2) return false;
  if ('这這那此几幾哪每各第有两兩'.includes(t[hourStart - 1] ?? '\uffff')) return false;
  for (const w of CLOCK_FOLLOWERS) if (t.startsWith(w, p)) return w !== '见' && w !== '見' ? true : !'解识識面证證效过過'.includes(t[p + 1] ?? '\uffff');
  return false;
}

/** Minutes written with 过 after the hour: 十点过五分 → 5 (过 + 1–59 + 分), with the end, or undefined. */
export function minutesPast(t: string, p: number, readNumber: (i: number) => { end: number; value: number } | undefined): { min: number; end: number } | undefined {
  if (t[p] !== '过' && t[p] !== '過') return undefined;
  const m = readNumber(p + 1);
  if (!m || !Number.isInteger(m.value) || m.value < 1 || m.value > 59) return undefined;
  if (t[m.end] !== '分') return undefined;
  const end = t[m.end + 1] === '钟' || t[m.end + 1] === '鐘' ? m.end + 2 : m.end + 1;
  return { min: m.value, end };
}

/**
 * Whether a part of the day at p (after its word) is another word: 下午茶 (tea), 早上好 / 晚上好 (greetings).
 */
export function partOfDayIsOtherWord(t: string, p: number): boolean {
  const nx = t[p];
  return nx === '茶' || nx === '好';
}

/** Verbs of moving an appointment or setting a clock: the bare hour after them is the new time (改到三点, 改成七点). */
const RESCHEDULE_VERBS = [
  '改到', '改成', '改为', '改為', '改在', '推迟到', '推遲到', '推到', '提前到', '延后到', '延後到', '延期到', '延迟到',
  '延遲到', '挪到', '换到', '換到', '换成', '換成', '调成', '調成', '设为', '設為', '设成', '設成', '设到', '設到', '定在',
  '定到', '约在', '約在', '约到', '約到',
];

/** Whether the bare hour at hourStart follows a verb of rescheduling (把闹钟改成七点, 会议推迟到三点). */
export function clockPrecederAt(t: string, hourStart: number): boolean {
  for (const w of RESCHEDULE_VERBS) if (hourStart >= w.length && t.startsWith(w, hourStart - w.length)) return true;
  return false;
}

/**
 * Whether the text between a clock time and a later bare hour moves the same appointment (下午两点的会改到三点): the
 * later hour then keeps the day and the part of the day of the first. A short stretch without punctuation that ends
 * in a verb of rescheduling.
 */
export function rescheduledAfterTime(between: string): boolean {
  if (between.length > 8 || /[，。！？；,.!?;\n]/.test(between)) return false;
  return RESCHEDULE_VERBS.some((w) => between.endsWith(w));
}

/**
 * Minutes before the hour written with 差 (九点差一刻 → 15, 八点差五分 → 5; 差十分八点 reads the same way from 差):
 * 差 + 一刻 / 三刻 / 1–59 分(钟) at p, with the end, or undefined.
 */
export function minutesTo(t: string, p: number, readNumber: (i: number) => { end: number; value: number } | undefined): { min: number; end: number } | undefined {
  if (t[p] !== '差') return undefined;
  if (t.startsWith('一刻', p + 1)) return { min: 15, end: p + 3 };
  if (t.startsWith('三刻', p + 1)) return { min: 45, end: p + 3 };
  const m = readNumber(p + 1);
  if (!m || !Number.isInteger(m.value) || m.value < 1 || m.value > 59 || t[m.end] !== '分') return undefined;
  const end = t[m.end + 1] === '钟' || t[m.end + 1] === '鐘' ? m.end + 2 : m.end + 1;
  return { min: m.value, end };
}
