// Everyday spoken dates and times (core/spokenDates.ts, core/clockTimes.ts and the offsets of core/clockOffsets.ts
// as the date scanner uses them): what an assistant request or a colloquial sentence writes, and what it must not
// turn into a date.
import test from 'node:test';
import assert from 'node:assert/strict';
import { recogniseDates } from '../../server/src/core/dates';

/** A Wednesday news timestamp (ISO week 2025-W11, Monday 10 … Sunday 16 March; lunar 2025-02-13). */
const DCT = '2025-03-12T09:30';

type Row = [text: string, label: string, timex: string, mod?: string];

function spans(text: string, dct = DCT): Row[] {
  return recogniseDates(text, dct).map((s) => {
    const row: Row = [text.slice(s.start, s.end), s.label, s.timex ?? ''];
    if (s.mod) row.push(s.mod);
    return row;
  });
}

test('colloquial day words resolve against the DCT', () => {
  assert.deepEqual(spans('明儿个有雨吗？'), [['明儿个', 'DATE', '2025-03-13']]);
  assert.deepEqual(spans('昨儿下午你去哪儿了？'), [['昨儿下午', 'TIME', '2025-03-11TAF']]);
  assert.deepEqual(spans('今儿晚上吃火锅吧。'), [['今儿晚上', 'TIME', '2025-03-12TEV']]);
  assert.deepEqual(spans('两名嫌疑人已于前日被抓获。'), [['前日', 'DATE', '2025-03-10']]);
  // 以前日本, 此前日方: 前日 inside other words.
  assert.deepEqual(spans('以前日本的出口很强。'), []);
  assert.deepEqual(spans('此前日方表示反对。'), []);
});

test('a day and its time of day joined by 的 are one TIME', () => {
  assert.deepEqual(spans('明天的下午三点去机场接人。'), [['明天的下午三点', 'TIME', '2025-03-13T15']]);
  assert.deepEqual(spans('礼拜天的早上去钓鱼。'), [['礼拜天的早上', 'TIME', '2025-03-16TMO']]);
  // 下午茶 is tea, 早上好 a greeting.
  assert.deepEqual(spans('今天的下午茶很好喝。'), [['今天', 'DATE', '2025-03-12']]);
  assert.deepEqual(spans('早上好，各位。'), []);
});

test('bare clock times: minutes in clock words, and what is done at a time', () => {
  assert.deepEqual(spans('定一个六点半的闹钟。'), [['六点半', 'TIME', 'T06:30']]);
  assert.deepEqual(spans('两点一刻开会。'), [['两点一刻', 'TIME', 'T02:15']]);
  assert.deepEqual(spans('十点过五分出发。'), [['十点过五分', 'TIME', 'T10:05']]);
  assert.deepEqual(spans('7点的闹钟帮我关掉。'), [['7点', 'TIME', 'T07']]);
  assert.deepEqual(spans('9点提醒我开会。'), [['9点', 'TIME', 'T09']]);
  assert.deepEqual(spans('晚7点，音乐会在大剧院上演。'), [['晚7点', 'TIME', 'T19']]);
  assert.deepEqual(spans('晚上12点，商场才结束营业。'), [['晚上12点', 'TIME', 'T24']]);
  // Points, not times: 三点意见, index points after a verb of change, 早一点 "earlier".
  assert.deepEqual(spans('他提出了三点意见。'), []);
  assert.deepEqual(spans('沪指下跌3点的消息传出。'), []);
  assert.deepEqual(spans('晚一点再说。'), []);
});

test('a range whose first end is a clear clock keeps its second end', () => {
  assert.deepEqual(spans('明天14点31到15点有空吗。'), [['明天14点31到15点', 'TIME', '2025-03-13T14:31/2025-03-13T15']]);
});

test('offsets forward with 再过, and offsets made of hours and minutes', () => {
  assert.deepEqual(spans('再过五分钟提醒我关火。'), [['再过五分钟', 'TIME', '2025-03-12T09:35']]);
  assert.deepEqual(spans('再过一天就是周四了。'), [['再过一天', 'DATE', '2025-03-13'], ['周四', 'DATE', '2025-03-13']]);
  assert.deepEqual(spans('一个半小时后叫我。'), [['一个半小时后', 'TIME', '2025-03-12T11:00']]);
  assert.deepEqual(spans('2小时18分钟以后提醒我。'), [['2小时18分钟以后', 'TIME', '2025-03-12T11:48']]);
  // 再过几天 is vague: nothing resolved.
  assert.deepEqual(spans('再过几天').filter((r) => r[1] !== 'DURATION'), []);
});

test('weekdays with an Arabic digit, and three weeks on', () => {
  assert.deepEqual(spans('这周4下午开会。'), [['这周4下午', 'TIME', '2025-03-13TAF']]);
  assert.deepEqual(spans('下下下周一出发。'), [['下下下周一', 'DATE', '2025-03-31']]);
  // A count of weeks and days, and a frequency, are no weekday.
  assert.deepEqual(spans('工期两周3天。'), [['两周3天', 'DURATION', 'P2W3D']]);
  assert.deepEqual(spans('每周3次'), []);
});

test('days of the month written alone, dotted and after a written year', () => {
  assert.deepEqual(spans('十五号之前把材料交上来。'), [['十五号之前', 'DATE', '2025-03-15', 'before']]);
  assert.deepEqual(spans('3号早上8点的闹钟'), [['3号早上8点', 'TIME', '2025-03-03T08']]);
  assert.deepEqual(spans('去年8.20有什么事情发生吗'), [['去年8.20', 'DATE', '2024-08-20']]);
  assert.deepEqual(spans('2025年10月31开支了些什么'), [['2025年10月31', 'DATE', '2025-10-31']]);
  // Numbers with 号 are lines, buildings and players; after a year and month, 15家 is a count.
  assert.deepEqual(spans('乘坐地铁3号线可以直达。'), []);
  assert.deepEqual(spans('他住在5号楼。'), []);
  assert.deepEqual(spans('2024年3月15家企业上市。'), [['2024年3月', 'DATE', '2024-03']]);
  assert.deepEqual(spans('去年3.5亿元'), [['去年', 'DATE', '2024']]);
});

test('lunar days spoken: 大年, Arabic days after 农历 or a month name, 本月初一', () => {
  assert.deepEqual(spans('大年初二，他陪妻子回娘家。', '2026-02-16'), [['大年初二', 'DATE', '2026-02-18']]);
  assert.deepEqual(spans('大年30晚上吃团圆饭。', '2026-02-16'), [['大年30晚上', 'TIME', '2026-02-16TEV']]);
  assert.deepEqual(spans('腊月18回老家。', '2026-02-16'), [['腊月18', 'DATE', '2026-02-05']]);
  assert.deepEqual(spans('农历6月6日是她的生日。'), [['农历6月6日', 'DATE', '2025-06-30']]);
  assert.deepEqual(spans('本月初一，我们去庙里上香。'), [['本月初一', 'DATE', '2025-02-28']]);
});

test('the year 两千 read aloud', () => {
  assert.deepEqual(spans('两千零八年，奥运会在北京举行。'), [['两千零八年', 'DATE', '2008']]);
  assert.deepEqual(spans('两千年的时候他才五岁。'), [['两千年', 'DATE', '2000'], ['五岁', 'DURATION', 'P5Y']]);
  // A count of years, and an offset of them.
  assert.deepEqual(spans('这座城市有两千年的历史。'), [['两千年', 'DURATION', 'P2000Y']]);
});

test('idioms and names made of date words are no dates', () => {
  for (const text of ['他一天到晚都在忙工作。', '这种事三天两头就会发生。', '一年四季，这里游客不断。', '五月天乐队的演唱会门票很快售罄。']) {
    assert.deepEqual(spans(text), [], text);
  }
  // 五月天气 is May's weather.
  assert.deepEqual(spans('五月天气转暖。'), [['五月', 'DATE', '2025-05']]);
});

test('a year and its month joined by 的, ISO 8601 T, a day shifted by a few days, a lunar month after 农历', () => {
  assert.deepEqual(spans('2019年的6月8号有什么安排'), [['2019年的6月8号', 'DATE', '2019-06-08']]);
  assert.deepEqual(spans('明年的3月，新馆开放。'), [['明年的3月', 'DATE', '2026-03']]);
  assert.deepEqual(spans('更新于2024-12-31T08:00'), [['2024-12-31T08:00', 'TIME', '2024-12-31T08:00']]);
  assert.deepEqual(spans('教师节前一天，学生们准备了贺卡。'), [['教师节前一天', 'DATE', '2025-09-09']]);
  assert.deepEqual(spans('9月18 预约了体检'), [['9月18', 'DATE', '2025-09-18']]);
  assert.deepEqual(spans('去年农历8月', '2025-07-24'), [['去年农历8月', 'DATE', '2024-09-03/P30D']]);
});

test('spoken forms inside other words stay unlabelled', () => {
  // 如今 + 儿子, 这一点 ("this point"), G7 after 下周.
  assert.deepEqual(spans('如今儿子已经工作了。'), []);
  assert.deepEqual(spans('要从这一点出发去认识问题。'), []);
  assert.deepEqual(spans('下周7国集团财长将开会。'), [['下周', 'DATE', '2025-W12']]);
});

test('a clock listed after a clock on a known day keeps the day and the part of the day', () => {
  assert.deepEqual(spans('定明天8点和9点的闹钟'), [['明天8点', 'TIME', '2025-03-13T08'], ['9点', 'TIME', '2025-03-13T09']]);
  assert.deepEqual(spans('明天晚上8点和10点各有一场'), [['明天晚上8点', 'TIME', '2025-03-13T20'], ['10点', 'TIME', '2025-03-13T22']]);
  assert.deepEqual(spans('明天上午9点和3个部门座谈'), [['明天上午9点', 'TIME', '2025-03-13T09']]);
});

test('recurring times (TIMEX3 SETs) stay unlabelled, listed ones and 天天 / 工作日 too', () => {
  for (const text of ['每天中午12点和晚上6点吃药。', '每个工作日早上8点打卡。', '工作日早上8点提醒我。', '天天早上7点跑步。', '每一天早上都要锻炼。']) {
    assert.deepEqual(spans(text), [], text);
  }
  assert.deepEqual(spans('今天天气不错。'), [['今天', 'DATE', '2025-03-12']]);
});

test('minutes before the hour with 差, and a clock moved by a verb of rescheduling', () => {
  assert.deepEqual(spans('九点差一刻出发。'), [['九点差一刻', 'TIME', 'T08:45']]);
  assert.deepEqual(spans('差十分八点叫我。'), [['差十分八点', 'TIME', 'T07:50']]);
  assert.deepEqual(spans('差一点就迟到了。'), []);
  assert.deepEqual(spans('把闹钟改成七点。'), [['七点', 'TIME', 'T07']]);
  // The moved appointment keeps the day and the part of the day.
  assert.deepEqual(spans('今天下午两点的会改到三点。'), [['今天下午两点', 'TIME', '2025-03-12T14'], ['三点', 'TIME', '2025-03-12T15']]);
  assert.deepEqual(spans('音量调高三点。'), []);
});

test('months two away: 上上个月, 下下个月', () => {
  assert.deepEqual(spans('下下个月有什么安排？'), [['下下个月', 'DATE', '2025-05']]);
  assert.deepEqual(spans('上上个月的工资条。'), [['上上个月', 'DATE', '2025-01']]);
});

test('a day number alone in a request is a day of the DCT month, a numbered thing is not', () => {
  assert.deepEqual(spans('二十号有什么安排？'), [['二十号', 'DATE', '2025-03-20']]);
  assert.deepEqual(spans('12号到15号出差。'), [['12号到15号', 'DATE', '2025-03-12/2025-03-15']]);
  assert.deepEqual(spans('3号的会取消了。'), [['3号', 'DATE', '2025-03-03']]);
  assert.deepEqual(spans('坐5号线到人民广场。'), []);
  assert.deepEqual(spans('9号台风登陆。'), []);
  assert.deepEqual(spans('他穿10号球衣。'), []);
  assert.deepEqual(spans('嫦娥五号返回地球。'), []);
});

test('ranges whose ends are parts of the day or a bare hour, and ends that inherit the year', () => {
  assert.deepEqual(spans('今晚八点30到明天上午'), [['今晚八点30到明天上午', 'TIME', '2025-03-12T20:30/2025-03-13TMO']]);
  assert.deepEqual(spans('周五晚上到周日都在外地。'), [['周五晚上到周日', 'TIME', '2025-03-14TEV/2025-03-16']]);
  assert.deepEqual(spans('十点到十一点半开会。'), [['十点到十一点半', 'TIME', 'T10/T11:30']]);
  assert.deepEqual(spans('2026年7月8月有哪些活动？'), [['2026年7月', 'DATE', '2026-07'], ['8月', 'DATE', '2026-08']]);
  assert.deepEqual(spans('去年8.20到11.10有什么事情发生吗？'), [['去年8.20到11.10', 'DATE', '2024-08-20/2024-11-10']]);
  // 1.5 after a date is a decimal; 两月 counts months (February is 二月).
  assert.deepEqual(spans('3月5日和1.5倍。'), [['3月5日', 'DATE', '2025-03-05']]);
  assert.deepEqual(spans('前两月的账单。'), []);
});

test('a short holiday name before what people plan for it is the day', () => {
  assert.deepEqual(spans('国庆去哪玩？'), [['国庆', 'DATE', '2025-10-01']]);
  assert.deepEqual(spans('五一前一天。'), [['五一前一天', 'DATE', '2025-04-30']]);
  assert.deepEqual(spans('张国庆去了北京。'), []);
  assert.deepEqual(spans('五一广场见。'), []);
});

test('a day offset with its time of day, and weekdays of a named week', () => {
  assert.deepEqual(spans('两天后的早上八点叫我。'), [['两天后的早上八点', 'TIME', '2025-03-14T08']]);
  assert.deepEqual(spans('三天之后的下午有空吗？'), [['三天之后的下午', 'TIME', '2025-03-15TAF']]);
  assert.deepEqual(spans('下周一至周五出差。'), [['下周一至周五', 'DATE', '2025-03-17/2025-03-21']]);
  assert.deepEqual(spans('下周的周三开会。'), [['下周的周三', 'DATE', '2025-03-19']]);
  assert.deepEqual(spans('这周天去爬山。'), [['这周天', 'DATE', '2025-03-16']]);
});

test('two-digit years said aloud or with a part of the year, and "three or four" counts', () => {
  assert.deepEqual(spans('九八年的时候我还在上学。'), [['九八年', 'DATE', '1998']]);
  assert.deepEqual(spans('18年底搬的家。'), [['18年底', 'DATE', '2018', 'end']]);
  assert.deepEqual(spans('98年的时候。'), [['98年', 'DATE', '1998']]);
  // 25年的努力 counts years; 三四年 is three or four years, not 34.
  assert.deepEqual(spans('25年的努力。'), [['25年', 'DURATION', 'P25Y']]);
  const r = recogniseDates('他在那里住了三四年。', DCT);
  assert.deepEqual(r.map((s) => [s.timex, s.value, s.valueMax]), [['P3Y', 3, 4]]);
  assert.deepEqual(spans('敌人在3点钟方向。'), []);
});

test('a day number alone stays a player or a numbered thing in news, and a day after a time continues its month', () => {
  assert.deepEqual(spans('锋线上的9号郝海东和20号王涛跑位合理。'), []);
  assert.deepEqual(spans('1号、2号、3号和4号机组分别并网发电。'), []);
  assert.deepEqual(spans('5月27日晚上到28日有雨。'), [['5月27日晚上到28日', 'TIME', '2025-05-27TEV/2025-05-28']]);
  assert.deepEqual(spans('三五年后家乡会变样。'), [['三五年', 'DURATION', 'P3Y']]);
  assert.deepEqual(spans('八点二十出发。'), [['八点二十', 'TIME', 'T08:20']]);
  assert.deepEqual(spans('体温三十七点五。'), []);
});

test('初一…初十 without a month: after 农历, or as a request of its own, in the DCT lunar month; not a school year', () => {
  // DCT 2025-03-12 falls in the second lunar month of 2025 (初一 = 2025-02-28).
  assert.deepEqual(spans('农历初八'), [['农历初八', 'DATE', '2025-03-07']]);
  assert.deepEqual(spans('初一'), [['初一', 'DATE', '2025-02-28']]);
  assert.deepEqual(spans('初一早上去拜年'), [['初一早上', 'TIME', '2025-02-28TMO']]);
  assert.deepEqual(spans('初三学生的数学'), []);
  assert.deepEqual(spans('他上初一了'), []);
  assert.deepEqual(spans('农历的八月十五'), [['农历的八月十五', 'DATE', '2024-09-17']]);
});

test('ranges from a start with 开始/起, bare hour ranges, and a weekday listed after a time of a named week', () => {
  assert.deepEqual(spans('从明天开始到下周五都请假。'), [['从明天开始到下周五', 'DATE', '2025-03-13/2025-03-21']]);
  assert.deepEqual(spans('自6月1日起至10日。'), [['自6月1日起至10日', 'DATE', '2025-06-01/2025-06-10']]);
  assert.deepEqual(spans('三点到五点开会。'), [['三点到五点', 'TIME', 'T03/T05']]);
  assert.deepEqual(spans('指数从三点涨到五点。'), []);
  assert.deepEqual(spans('下周一下午三点和周三上午十点。'), [['下周一下午三点', 'TIME', '2025-03-17T15'], ['周三上午十点', 'TIME', '2025-03-19T10']]);
});

test('recurring times are no dates: days before 每天, 隔周, 每一个, listed weekdays, 两周一次', () => {
  assert.deepEqual(spans('周一到周五每天早上七点叫我。'), []);
  assert.deepEqual(spans('工作日每天早上七点的闹钟。'), []);
  assert.deepEqual(spans('隔周周六去看外婆。'), []);
  assert.deepEqual(spans('每一个周一都开例会。'), []);
  assert.deepEqual(spans('每周二和周四上钢琴课。'), []);
  assert.deepEqual(spans('每两周一次。'), []);
  // 本周 before 每天 is still this week; 周六周日 are two days.
  assert.deepEqual(spans('本周每天都下雨。'), [['本周', 'DATE', '2025-W11']]);
  assert.deepEqual(spans('周六周日都加班。'), [['周六', 'DATE', '2025-03-15'], ['周日', 'DATE', '2025-03-16']]);
});

test('half past twelve at night is 00:30, not 24:30', () => {
  assert.deepEqual(spans('晚上12点半。'), [['晚上12点半', 'TIME', 'T00:30']]);
  assert.deepEqual(spans('晚上12点。'), [['晚上12点', 'TIME', 'T24']]);
});

test('the same day in another year, month or week is one day', () => {
  assert.deepEqual(spans('明年的今天我们再见。'), [['明年的今天', 'DATE', '2026-03-12']]);
  assert.deepEqual(spans('下个月的今天交房租。'), [['下个月的今天', 'DATE', '2025-04-12']]);
  assert.deepEqual(spans('下周的今天出发。'), [['下周的今天', 'DATE', '2025-03-19']]);
  assert.deepEqual(spans('去年的今天下了雪。'), [['去年的今天', 'DATE', '2024-03-12']]);
});

test('a bare hour before 前 is a deadline', () => {
  assert.deepEqual(spans('九点前交作业。'), [['九点前', 'TIME', 'T09', 'before']]);
  assert.deepEqual(spans('这是三点前提。'), []);
});
