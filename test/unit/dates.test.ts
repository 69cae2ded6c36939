import test from 'node:test';
import assert from 'node:assert/strict';
import { recogniseDates } from '../../server/src/core/dates';
import { analyze } from '../../server/src/analysis/analyze';

/** DCT used throughout: Sunday 18 June 2023 (ISO week 2023-W24, Monday 12 June … Sunday 18 June). */
const DCT = '2023-06-18';

type Row = [text: string, label: string, timex: string, mod?: string];

/** `null` runs without a DCT. */
function spans(text: string, dct: string | null = DCT): Row[] {
  return recogniseDates(text, dct ?? undefined).map((s) => {
    const row: Row = [text.slice(s.start, s.end), s.label, s.timex ?? ''];
    if (s.mod) row.push(s.mod);
    return row;
  });
}

function expectOne(text: string, expected: Row, dct: string | null = DCT) {
  assert.deepEqual(spans(text, dct), [expected], text);
}

test('absolute dates at the precision written', () => {
  expectOne('2023年', ['2023年', 'DATE', '2023']);
  expectOne('2023年6月18日', ['2023年6月18日', 'DATE', '2023-06-18']);
  expectOne('2019年10月', ['2019年10月', 'DATE', '2019-10']);
  expectOne('二〇二三年六月十八日', ['二〇二三年六月十八日', 'DATE', '2023-06-18']);
  expectOne('二零一七年下半年', ['二零一七年下半年', 'DATE', '2017-H2']);
  expectOne('2008 年', ['2008 年', 'DATE', '2008']);
  expectOne('2023年度', ['2023年度', 'DATE', '2023']);
  expectOne('6月份', ['6月份', 'DATE', '2023-06']);
});

test('numeric date formats', () => {
  expectOne('2023-06-18', ['2023-06-18', 'DATE', '2023-06-18']);
  expectOne('2023/6/18', ['2023/6/18', 'DATE', '2023-06-18']);
  expectOne('2023.6.18', ['2023.6.18', 'DATE', '2023-06-18']);
  // not dates: invalid month/day, phone numbers, IP addresses, version numbers
  assert.deepEqual(spans('2023-13-01'), []);
  assert.deepEqual(spans('电话888-000-9999'), []);
  assert.deepEqual(spans('192.168.255.255'), []);
});

test('month and day without a year take them from the DCT', () => {
  expectOne('6月18日', ['6月18日', 'DATE', '2023-06-18']);
  expectOne('18日', ['18日', 'DATE', '2023-06-18']);
  expectOne('十月一日', ['十月一日', 'DATE', '2023-10-01']);
  expectOne('12月', ['12月', 'DATE', '2023-12']);
  // 12号 before a numbered thing is a number (bus line, building, player) and after a name it is a name; after a
  // month, as a whole request, or beginning a clause it is a day of the DCT's month
  assert.deepEqual(spans('坐12号线'), []);
  assert.deepEqual(spans('12号楼的住户'), []);
  assert.deepEqual(spans('三号选手'), []);
  assert.deepEqual(spans('长征五号发射成功'), []);
  expectOne('12号', ['12号', 'DATE', '2023-06-12']);
  expectOne('提醒我二十号交房租', ['二十号', 'DATE', '2023-06-20']);
  expectOne('6月12号', ['6月12号', 'DATE', '2023-06-12']);
});

test('without a DCT nothing is invented: unknown parts are X', () => {
  expectOne('6月18日', ['6月18日', 'DATE', 'XXXX-06-18'], null);
  expectOne('18日', ['18日', 'DATE', 'XXXX-XX-18'], null);
  expectOne('今年', ['今年', 'DATE', 'XXXX'], null);
  expectOne('昨天', ['昨天', 'DATE', 'XXXX-XX-XX'], null);
  expectOne('二季度', ['二季度', 'DATE', 'XXXX-Q2'], null);
  expectOne('周三', ['周三', 'DATE', 'XXXX-WXX-3'], null);
  expectOne('2023年6月18日', ['2023年6月18日', 'DATE', '2023-06-18'], null);
  // an invalid DCT counts as none
  expectOne('今年', ['今年', 'DATE', 'XXXX'], '2023-02-30');
});

test('parts of months and years carry mod start/mid/end', () => {
  expectOne('6月中旬', ['6月中旬', 'DATE', '2023-06', 'mid']);
  expectOne('6月上旬', ['6月上旬', 'DATE', '2023-06', 'start']);
  expectOne('6月下旬', ['6月下旬', 'DATE', '2023-06', 'end']);
  expectOne('6月底', ['6月底', 'DATE', '2023-06', 'end']);
  expectOne('月底', ['月底', 'DATE', '2023-06', 'end']);
  expectOne('月初', ['月初', 'DATE', '2023-06', 'start']);
  expectOne('年底', ['年底', 'DATE', '2023', 'end']);
  expectOne('年末', ['年末', 'DATE', '2023', 'end']);
  expectOne('年初', ['年初', 'DATE', '2023', 'start']);
  expectOne('2022年底', ['2022年底', 'DATE', '2022', 'end']);
  expectOne('今年年初', ['今年年初', 'DATE', '2023', 'start']);
  expectOne('80年代中期', ['80年代中期', 'DATE', '198', 'mid']);
});

test('quarters, halves, seasons, decades, centuries', () => {
  expectOne('一季度', ['一季度', 'DATE', '2023-Q1']);
  expectOne('二季度', ['二季度', 'DATE', '2023-Q2']);
  expectOne('第三季度', ['第三季度', 'DATE', '2023-Q3']);
  expectOne('去年四季度', ['去年四季度', 'DATE', '2022-Q4']);
  expectOne('前三季度', ['前三季度', 'DATE', '2023-Q1/2023-Q3']);
  // a count of units is a start and a duration; a written range (1-5月) names its first and last period
  expectOne('前5个月', ['前5个月', 'DATE', '2023-01/P5M']);
  expectOne('1-5月', ['1-5月', 'DATE', '2023-01/2023-05']);
  expectOne('1995-1997年', ['1995-1997年', 'DATE', '1995/1997']);
  expectOne('上半年', ['上半年', 'DATE', '2023-H1']);
  expectOne('下半年', ['下半年', 'DATE', '2023-H2']);
  expectOne('明年下半年', ['明年下半年', 'DATE', '2024-H2']);
  expectOne('今年夏天', ['今年夏天', 'DATE', '2023-SU']);
  expectOne('2022年冬季', ['2022年冬季', 'DATE', '2022-WI']);
  expectOne('去年秋季', ['去年秋季', 'DATE', '2022-FA']);
  expectOne('2024年春季', ['2024年春季', 'DATE', '2024-SP']);
  expectOne('九十年代', ['九十年代', 'DATE', '199']);
  expectOne('21世纪', ['21世纪', 'DATE', '20']);
  expectOne('康熙三年五月', ['康熙三年五月', 'DATE', '1664-05']);
  expectOne('民国三年', ['民国三年', 'DATE', '1914']);
});

test('relative years, months, weeks and days resolve against the DCT', () => {
  const cases: [string, string][] = [
    ['今年', '2023'], ['去年', '2022'], ['前年', '2021'], ['明年', '2024'], ['后年', '2025'],
    ['今天', '2023-06-18'], ['今日', '2023-06-18'], ['昨天', '2023-06-17'], ['昨日', '2023-06-17'],
    ['前天', '2023-06-16'], ['明天', '2023-06-19'], ['明日', '2023-06-19'], ['后天', '2023-06-20'],
    ['本月', '2023-06'], ['上月', '2023-05'], ['上个月', '2023-05'], ['下月', '2023-07'], ['下个月', '2023-07'],
    ['本周', '2023-W24'], ['上周', '2023-W23'], ['下周', '2023-W25'],
    // weekdays: the date in the DCT's (ISO, Monday-first) week
    ['周三', '2023-06-14'], ['星期三', '2023-06-14'], ['礼拜一', '2023-06-12'], ['周日', '2023-06-18'],
    ['上周三', '2023-06-07'], ['下周一', '2023-06-19'], ['本周末', '2023-W24-WE'],
    ['本月十日', '2023-06-10'], ['去年11月', '2022-11'], ['前年4月', '2021-04'],
  ];
  for (const [text, timex] of cases) expectOne(text, [text, 'DATE', timex]);
  // month arithmetic crosses the year
  expectOne('下个月', ['下个月', 'DATE', '2024-01'], '2023-12-05');
  expectOne('上月', ['上月', 'DATE', '2022-12'], '2023-01-05');
  expectOne('昨天', ['昨天', 'DATE', '2022-12-31'], '2023-01-01');
});

test('vague references, since-start and 去年同期', () => {
  expectOne('近日', ['近日', 'DATE', 'PAST_REF']);
  expectOne('近期', ['近期', 'DATE', 'PAST_REF']);
  expectOne('近年来', ['近年来', 'DATE', 'PAST_REF']);
  expectOne('日前', ['日前', 'DATE', 'PAST_REF']);
  expectOne('今年以来', ['今年以来', 'DATE', '2023', 'since_start']);
  expectOne('自2018年以来', ['自2018年以来', 'DATE', '2018', 'since_start']);
  expectOne('从2016年3月1日开始', ['从2016年3月1日开始', 'DATE', '2016-03-01', 'since_start']);
  expectOne('6月1日起', ['6月1日起', 'DATE', '2023-06-01', 'since_start']);
  expectOne('去年同期', ['去年同期', 'DATE', '2022']);
  expectOne('2015年前', ['2015年前', 'DATE', '2015', 'before']);
  expectOne('2019年4月4日或之前', ['2019年4月4日或之前', 'DATE', '2019-04-04', 'on_or_before']);
  expectOne('2015年1月1日及以后', ['2015年1月1日及以后', 'DATE', '2015-01-01', 'on_or_after']);
  expectOne('2018年之后', ['2018年之后', 'DATE', '2018', 'after']);
  expectOne('5年前', ['5年前', 'DATE', '2018']);
  expectOne('三天前', ['三天前', 'DATE', '2023-06-15']);
});

test('deictic adverbs and 未来/将来 are not labelled', () => {
  for (const w of ['目前', '如今', '现在', '以前', '当年', '今后', '未来', '将来', '当时']) {
    assert.deepEqual(spans(`${w}，经济平稳。`), [], w);
  }
});

test('times of day', () => {
  expectOne('上午9时30分', ['上午9时30分', 'TIME', 'T09:30']);
  expectOne('9:30', ['9:30', 'TIME', 'T09:30']);
  expectOne('下午3点', ['下午3点', 'TIME', 'T15']);
  expectOne('下午3:00', ['下午3:00', 'TIME', 'T15:00']);
  expectOne('晚上8点', ['晚上8点', 'TIME', 'T20']);
  expectOne('凌晨2时', ['凌晨2时', 'TIME', 'T02']);
  expectOne('中午12时', ['中午12时', 'TIME', 'T12']);
  expectOne('中午1点', ['中午1点', 'TIME', 'T13']);
  expectOne('凌晨2点半', ['凌晨2点半', 'TIME', 'T02:30']);
  expectOne('下午五点一刻', ['下午五点一刻', 'TIME', 'T17:15']);
  expectOne('16时40分50秒', ['16时40分50秒', 'TIME', 'T16:40:50']);
  expectOne('11时许', ['11时许', 'TIME', 'T11', 'approx']);
  expectOne('上午', ['上午', 'TIME', 'TMO']);
  expectOne('今晚6点', ['今晚6点', 'TIME', '2023-06-18T18']);
  expectOne('昨晚', ['昨晚', 'TIME', '2023-06-17TEV']);
  // "three points" is not a time
  assert.deepEqual(spans('提出三点意见'), []);
  assert.deepEqual(spans('比分3:1'), []);
});

test('a date with its time of day is one TIME span carrying the day', () => {
  expectOne('2023年6月18日上午9时30分', ['2023年6月18日上午9时30分', 'TIME', '2023-06-18T09:30']);
  expectOne('2024年9月3日晚上8点半', ['2024年9月3日晚上8点半', 'TIME', '2024-09-03T20:30']);
  expectOne('当天上午', ['当天上午', 'TIME', '2023-06-18TMO']);
  // 当天 refers back to the last day named in the text
  assert.deepEqual(spans('5月3日，会议召开。当天下午'), [
    ['5月3日', 'DATE', '2023-05-03'],
    ['当天下午', 'TIME', '2023-05-03TAF'],
  ]);
  assert.deepEqual(spans('25日晚在开罗'), [['25日晚', 'TIME', '2023-06-25TEV']]);
  expectOne('明天下午5:00', ['明天下午5:00', 'TIME', '2023-06-19T17:00']);
  expectOne('2024-03-07 14:00', ['2024-03-07 14:00', 'TIME', '2024-03-07T14:00']);
  // a date with a modifier keeps its own span (月底 is no day)
  assert.deepEqual(spans('6月底晚上'), [['6月底', 'DATE', '2023-06', 'end'], ['晚上', 'TIME', 'TEV']]);
  // a time range keeps the day and the part of the day: one span, an ISO interval
  expectOne('下午5:00到6:00', ['下午5:00到6:00', 'TIME', 'T17:00/T18:00']);
  expectOne('明天上午9点到11点', ['明天上午9点到11点', 'TIME', '2023-06-19T09/2023-06-19T11']);
  expectOne('从昨天5:00-6:00', ['从昨天5:00-6:00', 'TIME', '2023-06-17T05:00/2023-06-17T06:00']);
});

test('durations', () => {
  expectOne('三年', ['三年', 'DURATION', 'P3Y']);
  expectOne('两个多小时', ['两个多小时', 'DURATION', 'PT2H', 'more_than']);
  expectOne('五天', ['五天', 'DURATION', 'P5D']);
  expectOne('多日', ['多日', 'DURATION', 'PXD']);
  expectOne('3个月', ['3个月', 'DURATION', 'P3M']);
  expectOne('半年', ['半年', 'DURATION', 'P6M']);
  expectOne('十年', ['十年', 'DURATION', 'P10Y']);
  expectOne('一周', ['一周', 'DURATION', 'P1W']);
  expectOne('30分钟', ['30分钟', 'DURATION', 'PT30M']);
  expectOne('半小时', ['半小时', 'DURATION', 'PT30M']);
  expectOne('一个半小时', ['一个半小时', 'DURATION', 'PT1H30M']);
  expectOne('三年半', ['三年半', 'DURATION', 'P3Y6M']);
  expectOne('两年多', ['两年多', 'DURATION', 'P2Y', 'more_than']);
  expectOne('十余年', ['十余年', 'DURATION', 'P10Y', 'more_than']);
  expectOne('约3年', ['约3年', 'DURATION', 'P3Y', 'approx']);
  expectOne('3年以上', ['3年以上', 'DURATION', 'P3Y', 'more_than']);
  expectOne('不到8分钟', ['不到8分钟', 'DURATION', 'PT8M', 'less_than']);
  expectOne('8天20小时', ['8天20小时', 'DURATION', 'P8DT20H']);
  expectOne('两天又一个月', ['两天又一个月', 'DURATION', 'P1M2D']);
  expectOne('几年', ['几年', 'DURATION', 'PXY']);
  expectOne('6 天', ['6 天', 'DURATION', 'P6D']);
});

test('a duration range is one span with value and valueMax', () => {
  const [s] = recogniseDates('3至5年', DCT);
  assert.equal(s.label, 'DURATION');
  assert.equal(s.timex, 'P3Y');
  assert.equal(s.value, 3);
  assert.equal(s.valueMax, 5);
  assert.equal(s.unit, 'Y');
  const [t] = recogniseDates('三到五个月', DCT);
  assert.deepEqual([t.timex, t.value, t.valueMax, t.unit], ['P3M', 3, 5, 'M']);
});

test('disambiguation: year vs duration', () => {
  expectOne('2023年', ['2023年', 'DATE', '2023']);
  expectOne('三年', ['三年', 'DURATION', 'P3Y']);
  expectOne('08年', ['08年', 'DATE', '2008']);
  expectOne('18年10月1日', ['18年10月1日', 'DATE', '2018-10-01']);
  expectOne('18年', ['18年', 'DURATION', 'P18Y']);
  // after 近/过去/未来 the number of years is a duration; the adverb is not part of it
  assert.deepEqual(spans('近3年'), [['3年', 'DURATION', 'P3Y']]);
  assert.deepEqual(spans('过去3年'), [['3年', 'DURATION', 'P3Y']]);
  assert.deepEqual(spans('未来五年'), [['五年', 'DURATION', 'P5Y']]);
  // ordinals, grades and counts with 第/每 are not durations
  assert.deepEqual(spans('第三年'), []);
  assert.deepEqual(spans('三年级'), []);
  assert.deepEqual(spans('每三年'), []);
});

test('a range written as one expression is one span with an ISO interval; the second end inherits', () => {
  expectOne('6月1日至30日', ['6月1日至30日', 'DATE', '2023-06-01/2023-06-30']);
  expectOne('2019年6月1日-6月30日', ['2019年6月1日-6月30日', 'DATE', '2019-06-01/2019-06-30']);
  expectOne('11月至2月', ['11月至2月', 'DATE', '2023-11/2024-02']);
  expectOne('从5月6号到12号', ['从5月6号到12号', 'DATE', '2023-05-06/2023-05-12']);
  expectOne('2023年7月3-9日', ['2023年7月3-9日', 'DATE', '2023-07-03/2023-07-09']);
  expectOne('9月3日22:30至次日凌晨2点', ['9月3日22:30至次日凌晨2点', 'TIME', '2023-09-03T22:30/2023-09-04T02']);
  expectOne('周一至周五', ['周一至周五', 'DATE', '2023-06-12/2023-06-16']);
  // ends with a modifier stay two spans; ends in the wrong order are not a range
  assert.deepEqual(spans('2023年初至2024年底'), [['2023年初', 'DATE', '2023', 'start'], ['2024年底', 'DATE', '2024', 'end']]);
  assert.deepEqual(spans('2024年至2023年').length, 2);
});

test('narrative references count from the date named last, not from the DCT', () => {
  assert.deepEqual(spans('2019年5月3日开幕，次日闭幕，第二天上午离开。'), [
    ['2019年5月3日', 'DATE', '2019-05-03'],
    ['次日', 'DATE', '2019-05-04'],
    ['第二天上午', 'TIME', '2019-05-05TMO'],
  ]);
  assert.deepEqual(spans('1998年入学，次年毕业，同年9月工作'), [
    ['1998年', 'DATE', '1998'],
    ['次年', 'DATE', '1999'],
    ['同年9月', 'DATE', '1999-09'],
  ]);
  assert.deepEqual(spans('2020年3月，当月'), [['2020年3月', 'DATE', '2020-03'], ['当月', 'DATE', '2020-03']]);
  // with no earlier date they count from the DCT (次日凌晨 in a timestamped item is the next night); without one
  // nothing is invented
  assert.deepEqual(spans('次日'), [['次日', 'DATE', '2023-06-19']]);
  assert.deepEqual(spans('次日凌晨', '2024-09-03T14:30'), [['次日凌晨', 'TIME', '2024-09-04TNI']]);
  assert.deepEqual(spans('同年'), [['同年', 'DATE', '2023']]);
  assert.deepEqual(spans('次日', null), [['次日', 'DATE', 'XXXX-XX-XX']]);
  assert.deepEqual(spans('同年', null), [['同年', 'DATE', 'XXXX']]);
  assert.deepEqual(spans('这次日本外务省'), []);
  assert.deepEqual(spans('出席本次年会'), []);
});

test('a weekday in brackets after the date belongs to it', () => {
  expectOne('6月18日（星期日）', ['6月18日（星期日）', 'DATE', '2023-06-18']);
});

test('lunar dates are DATEs with the Gregorian day', () => {
  // the lunar year as written (农历2015年十月初一 = 12 November 2015)
  expectOne('农历2015年十月初一', ['农历2015年十月初一', 'DATE', '2015-11-12']);
  expectOne('2023年农历八月十五', ['2023年农历八月十五', 'DATE', '2023-09-29']);
  expectOne('神龙二年正月初一', ['神龙二年正月初一', 'DATE', '0706-01-19']);
  expectOne('前年正月初二', ['前年正月初二', 'DATE', '2021-02-13']);
  // a leap month; 廿三 is the 23rd
  expectOne('闰二月初五', ['闰二月初五', 'DATE', '2023-03-26']);
  expectOne('腊月廿三', ['腊月廿三', 'DATE', '2017-01-20'], '2017-01-10');
  // no year written: the one nearest the DCT (in January 2017 the coming 正月, the current 腊月)
  expectOne('正月初一', ['正月初一', 'DATE', '2017-01-28'], '2017-01-10');
  expectOne('腊月二十三', ['腊月二十三', 'DATE', '2017-01-20'], '2017-01-10');
  expectOne('正月初一', ['正月初一', 'DATE', '2017-01-28'], '2017-03-22');
  // a lunar month alone: its first day and length
  expectOne('腊月', ['腊月', 'DATE', '2024-01-11/P30D'], '2023-12-20');
  // festivals; 除夕 is the last day of the twelfth month (29th or 30th)
  expectOne('今年春节', ['今年春节', 'DATE', '2023-01-22']);
  expectOne('2023年中秋节', ['2023年中秋节', 'DATE', '2023-09-29']);
  expectOne('雍正四年大年三十', ['雍正四年大年三十', 'DATE', '1727-01-21']);
  expectOne('除夕', ['除夕', 'DATE', '2024-02-09'], '2023-12-01');
  assert.deepEqual(spans('春节联欢晚会'), []);
  expectOne('春节前夕', ['春节前夕', 'DATE', '2023-01-22', 'before']);
  // recurring: not one day
  assert.deepEqual(spans('每年的端午节'), []);
  // the end of a range comes after its start
  expectOne('正月初一至腊月三十', ['正月初一至腊月三十', 'DATE', '2023-01-22/2024-02-09']);
  // a time of day on a lunar date carries the Gregorian day
  expectOne('2015年十月初一早上九点二十', ['2015年十月初一早上九点二十', 'TIME', '2015-11-12T09:20']);
  // without a DCT and no year written: unknown
  expectOne('正月初一', ['正月初一', 'DATE', 'XXXX-XX-XX'], null);
  expectOne('正月', ['正月', 'DATE', 'XXXX-XX'], null);
  // 十月初一 is lunar; 十月十日 and 十月初 are not
  expectOne('十月初一', ['十月初一', 'DATE', '2023-11-13']);
  expectOne('十月十日', ['十月十日', 'DATE', '2023-10-10']);
  expectOne('十月初', ['十月初', 'DATE', '2023-10', 'start']);
});

test('pitfalls from real news text', () => {
  // a day the DCT's month does not have belongs to the month before
  expectOne('31日', ['31日', 'DATE', '2023-05-31']);
  assert.deepEqual(spans('跌至140.30日元'), []);
  assert.deepEqual(spans('玩war3时'), []);
  assert.deepEqual(spans('并非一时半刻'), []);
  assert.deepEqual(spans('零点五'), []);
  assert.deepEqual(spans('数十年如一日'), [['数十年', 'DURATION', 'PXY']]);
  // midnight, and 起 as part of 起床
  assert.deepEqual(spans('半夜12点起床'), [['半夜12点', 'TIME', 'T00']]);
  expectOne('三点钟', ['三点钟', 'TIME', 'T03']);
  expectOne('零点', ['零点', 'TIME', 'T00']);
  // index points are not times
  assert.deepEqual(spans('指数下跌15点。'), []);
  assert.deepEqual(spans('下降24．15点，'), []);
  assert.deepEqual(spans('会议于9点开始'), [['9点', 'TIME', 'T09']]);
  expectOne('公元753年', ['753年', 'DATE', '0753']);
  // recurring times (TIMEX3 SET) are not labelled, the time of day after them neither
  assert.deepEqual(spans('每周一早晨'), []);
  assert.deepEqual(spans('每日7时，广场准时升旗'), []);
  assert.deepEqual(spans('每周三下午'), []);
  assert.deepEqual(spans('四周峰峦拥翠'), []);
  assert.deepEqual(spans('为期四周'), [['四周', 'DURATION', 'P4W']]);
  expectOne('十二点之后', ['十二点之后', 'TIME', 'T12', 'after']);
  expectOne('十几年', ['十几年', 'DURATION', 'P10Y', 'more_than']);
  expectOne('一九九六年元月', ['一九九六年元月', 'DATE', '1996-01']);
});

test('economic-news periods', () => {
  expectOne('1—5月份', ['1—5月份', 'DATE', '2023-01/2023-05']);
  expectOne('今年1-5月', ['今年1-5月', 'DATE', '2023-01/2023-05']);
  expectOne('一季度末', ['一季度末', 'DATE', '2023-Q1', 'end']);
  expectOne('2021—2025年', ['2021—2025年', 'DATE', '2021/2025']);
  assert.deepEqual(spans('截至2023年6月底'), [['2023年6月底', 'DATE', '2023-06', 'end']]);
  expectOne('18日凌晨3时许', ['18日凌晨3时许', 'TIME', '2023-06-18T03', 'approx']);
  // recurring dates (TIMEX3 SET) are not labelled
  assert.deepEqual(spans('每年6月'), []);
  assert.deepEqual(spans('每月15日'), []);
});

test('names and titles are not dates', () => {
  assert.deepEqual(spans('今日头条报道了今日在北京举行的会议'), [['今日', 'DATE', '2023-06-18']]);
  assert.deepEqual(spans('《明日之后》将于明日上线'), [['明日', 'DATE', '2023-06-19']]);
  assert.deepEqual(spans('节日前夕'), []);
  for (const w of ['上年纪的人', '最后年限', '上周期', '下周边', '基本月租费', '登上月球', '光明日报社', '青少年中',
    '目前年龄', '当日本周边地区', '许多日子', '这年初春']) {
    assert.deepEqual(spans(w), [], w);
  }
  assert.deepEqual(spans('这是我的队伍'), []);
});

test('analyze(): code-point offsets after astral characters, CRLF kept', () => {
  const text = '𠮷𪚥\r\n2023年6月18日\r\n上午9时，𠮷三年';
  const r = analyze(text, { groups: ['dates'] });
  const cps = [...text];
  const dates = r.spans.filter((s) => ['DATE', 'TIME', 'DURATION'].includes(s.label));
  assert.deepEqual(
    dates.map((s) => [s.start, s.end, s.label, s.timex]),
    [
      [4, 14, 'DATE', '2023-06-18'],
      [16, 20, 'TIME', 'T09'],
      [22, 24, 'DURATION', 'P3Y'],
    ],
  );
  for (const s of dates) assert.equal(cps.slice(s.start, s.end).join(''), s.text);
  assert.equal(r.dct.source, 'text');
  assert.equal(r.dct.date, '2023-06-18');
});

test('analyze(): the explicit DCT resolves relative dates', () => {
  const r = analyze('去年同期增长，今年以来', { dct: '2020-03-01', groups: ['dates'] });
  assert.deepEqual(
    r.spans.map((s) => [s.text, s.timex, s.mod]),
    [['去年同期', '2019', undefined], ['今年以来', '2020', 'since_start']],
  );
});

test('any input: no exception, spans inside the text, no overlap, no split surrogate pair, a timex on each', () => {
  const chars = [...'0123456789１年月日号时点分秒天周星期上下午晚早中今明昨去前后本近约多余个半至到-/.:（）()，。 初正腊农历季度第世纪代以来之或及起开始自从许左右\r\n一二三四五六七八九十百千零〇两', '𠮷'];
  let seed = 42;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let k = 0; k < 20000; k++) {
    let s = '';
    const len = 1 + Math.floor(rnd() * 14);
    for (let j = 0; j < len; j++) s += chars[Math.floor(rnd() * chars.length)];
    for (const dct of [DCT, undefined]) {
      const found = recogniseDates(s, dct).sort((a, b) => a.start - b.start);
      let last = 0;
      for (const x of found) {
        assert.ok(x.start >= last && x.start < x.end && x.end <= s.length, JSON.stringify(s));
        assert.match(x.timex ?? '', /^[0-9A-Z_:./-]+$/, JSON.stringify(s));
        const a = s.charCodeAt(x.start);
        const b = s.charCodeAt(x.end - 1);
        assert.ok(!(a >= 0xdc00 && a <= 0xdfff) && !(b >= 0xd800 && b <= 0xdbff), JSON.stringify(s));
        last = x.end;
      }
    }
  }
});

test('the first / last N weeks, days and months of a named period: start/duration', () => {
  expectOne('2021年的前2周', ['2021年的前2周', 'DATE', '2021-W01/P2W']);
  // ISO weeks: 2019 has 52, so its last three are W50–W52; 2020 has 53
  expectOne('今年的最後 3 週', ['今年的最後 3 週', 'DATE', '2019-W50/P3W'], '2019-11-29');
  expectOne('2020年最后两周', ['2020年最后两周', 'DATE', '2020-W52/P2W']);
  expectOne('2021 年的最後 4 个月', ['2021 年的最後 4 个月', 'DATE', '2021-09/P4M']);
  expectOne('去年的前10天', ['去年的前10天', 'DATE', '2022-01-01/P10D']);
  expectOne('2020年最后3天', ['2020年最后3天', 'DATE', '2020-12-29/P3D']);
  // one unit is that unit itself
  expectOne('2019年的最后一天', ['2019年的最后一天', 'DATE', '2019-12-31']);
  expectOne('明年前三个月', ['明年前三个月', 'DATE', '2024-01/P3M']);
  // without a DCT the year stays unknown
  expectOne('今年前10天', ['今年前10天', 'DATE', 'XXXX-01-01/P10D'], null);
  // not slices: a year followed by 前 and something else
  assert.deepEqual(spans('2015年前，这里很穷'), [['2015年前', 'DATE', '2015', 'before']]);
});

test('weeks, weekdays and days of a month; halves of the month and week', () => {
  expectOne('十月的第一周', ['十月的第一周', 'DATE', '2023-10-W01']);
  expectOne('四月的最后一个星期一', ['四月的最后一个星期一', 'DATE', '2023-04-24']);
  expectOne('2019年4月的最后一个星期一', ['2019年4月的最后一个星期一', 'DATE', '2019-04-29']);
  expectOne('5月第二个星期日', ['5月第二个星期日', 'DATE', '2023-05-14']);
  expectOne('6月的第一天', ['6月的第一天', 'DATE', '2023-06-01']);
  expectOne('2月最后一天', ['2月最后一天', 'DATE', '2023-02-28']);
  expectOne('2024年2月最后一天', ['2024年2月最后一天', 'DATE', '2024-02-29']);
  expectOne('6月的前10天', ['6月的前10天', 'DATE', '2023-06-01/P10D']);
  expectOne('9月上半月', ['9月上半月', 'DATE', '2023-09-01/P15D']);
  expectOne('9月下半月', ['9月下半月', 'DATE', '2023-09-16/P15D']);
  // the DCT's month and week (Sunday 18 June 2023: Monday 12 … Sunday 18)
  expectOne('上半月', ['上半月', 'DATE', '2023-06-01/P15D']);
  expectOne('下半月', ['下半月', 'DATE', '2023-06-16/P15D']);
  expectOne('上半周', ['上半周', 'DATE', '2023-06-12/P3D']);
  expectOne('下半周', ['下半周', 'DATE', '2023-06-15/P4D']);
  expectOne('上个半年', ['上个半年', 'DATE', '2023-H1'], '2023-09-03');
  expectOne('上个半年', ['上个半年', 'DATE', '2022-H2']);
  expectOne('下個半年', ['下個半年', 'DATE', '2023-H2']);
  // a range whose start is a weekday of a month
  assert.deepEqual(spans('从四月的最后一个星期一到十月一日', '2019-07-30'), [
    ['从四月的最后一个星期一到十月一日', 'DATE', '2019-04-29/2019-10-01'],
  ]);
  // 半月刊 is a fortnightly magazine, not the first half of the month
  assert.deepEqual(spans('上半月刊').filter((r) => r[1] === 'DATE'), []);
});

test('29 February without a year in a common-year document: the year is unknown', () => {
  assert.deepEqual(spans('2月29日-3月1日', '2019-09-18'), [['2月29日-3月1日', 'DATE', 'XXXX-02-29/XXXX-03-01']]);
  expectOne('2月29日', ['2月29日', 'DATE', '2020-02-29'], '2020-09-18');
  expectOne('2019年2月28日', ['2019年2月28日', 'DATE', '2019-02-28'], '2019-09-18');
});

test('minutes and hours ago or ahead: a TIME at that hour / minute of a DCT with a time, else on its day', () => {
  expectOne('2分钟前', ['2分钟前', 'TIME', '2023-06-18TXX:XX']);
  expectOne('10分钟之前', ['10分钟之前', 'TIME', '2023-06-18TXX:XX']);
  expectOne('48小时前', ['48小时前', 'TIME', '2023-06-16TXX:XX']);
  expectOne('3小时前', ['3小时前', 'TIME', 'XXXX-XX-XXTXX:XX'], null);
  expectOne('2小时后', ['2小时后', 'TIME', '2023-06-18TXX:XX']);
  // a DCT with a time of day (a news item's timestamp)
  expectOne('三小时前', ['三小时前', 'TIME', '2024-09-03T11'], '2024-09-03T14:30');
  expectOne('30分钟前', ['30分钟前', 'TIME', '2024-09-03T14:00'], '2024-09-03T14:30');
  expectOne('10小时前', ['10小时前', 'TIME', '2025-01-20T22'], '2025-01-21T08:00:00');
  expectOne('半小时后', ['半小时后', 'TIME', '2024-09-03T15:00'], '2024-09-03T14:30');
  expectOne('今晚', ['今晚', 'TIME', '2024-09-03TEV'], '2024-09-03T14:30');
});

test('offsets from the DCT are DATEs at the granularity of their unit', () => {
  expectOne('五年后', ['五年后', 'DATE', '2028']);
  expectOne('十天后', ['十天后', 'DATE', '2023-06-28']);
  expectOne('两周前', ['两周前', 'DATE', '2023-W22']);
  expectOne('三个月以前', ['三个月以前', 'DATE', '2023-03']);
  expectOne('半年后', ['半年后', 'DATE', '2023-12']);
  expectOne('二十多年前', ['二十多年前', 'DATE', '2003', 'approx']);
  expectOne('约十年前', ['约十年前', 'DATE', '2013', 'approx']);
  // 前后 is "around"; 后来 is "later"
  assert.deepEqual(spans('三年后来'), [['三年', 'DURATION', 'P3Y']]);
});

test('ages and anniversaries are DURATIONs', () => {
  expectOne('年满18岁', ['18岁', 'DURATION', 'P18Y']);
  expectOne('建院60周年', ['60周年', 'DURATION', 'P60Y']);
  expectOne('5岁半', ['5岁半', 'DURATION', 'P5Y6M']);
  expectOne('65岁以上', ['65岁以上', 'DURATION', 'P65Y', 'more_than']);
  // an age is not an offset
  expectOne('18岁前', ['18岁', 'DURATION', 'P18Y']);
});

test('day/month/year slash dates', () => {
  expectOne('1/2/2020', ['1/2/2020', 'DATE', '2020-02-01']);
  expectOne('25/12/2019', ['25/12/2019', 'DATE', '2019-12-25']);
  // the second number cannot be a month: month/day/year
  expectOne('12/25/2019', ['12/25/2019', 'DATE', '2019-12-25']);
  assert.deepEqual(spans('31/2/2019'), []);
  // a fraction is not a date
  assert.deepEqual(spans('1/2'), []);
});

test('马上一年半: 马上 is not 上一年', () => {
  assert.deepEqual(spans('马上一年半又要过去了'), [['一年半', 'DURATION', 'P1Y6M']]);
});

test('the end of a clock range after a part of the day is a time whatever follows', () => {
  assert.deepEqual(spans('会议于上午9点到11点举行'), [['上午9点到11点', 'TIME', 'T09/T11']]);
  assert.deepEqual(spans('周一上午10点到12点有空吗'), [['周一上午10点到12点', 'TIME', '2023-06-12T10/2023-06-12T12']]);
});

test('holidays and festivals: the day, the statutory days for 期间/假期, lunar ones in the right lunar year', () => {
  expectOne('国庆节', ['国庆节', 'DATE', '2023-10-01']);
  expectOne('国庆期间', ['国庆期间', 'DATE', '2023-10-01/2023-10-07']);
  expectOne('去年国庆节前', ['去年国庆节前', 'DATE', '2022-10-01', 'before']);
  expectOne('母亲节', ['母亲节', 'DATE', '2023-05-14']);
  expectOne('去年除夕', ['去年除夕', 'DATE', '2023-01-21']);
  expectOne('春节期间', ['春节期间', 'DATE', '2023-01-22/2023-01-28']);
  expectOne('除夕夜', ['除夕夜', 'TIME', '2023-01-21TNI']);
  // 当天 right after the holiday adds nothing
  assert.deepEqual(spans('国庆节当天'), [['国庆节', 'DATE', '2023-10-01']]);
  // short names that are other words: teams, roads, people, SETs
  assert.deepEqual(spans('上海、江苏和八一。'), []);
  assert.deepEqual(spans('他住在国庆路'), []);
  assert.deepEqual(spans('张国庆说'), []);
  assert.deepEqual(spans('每年春节'), []);
  expectOne('“七一”', ['七一', 'DATE', '2023-07-01']);
});

test('solar terms: the day in the year written or the DCT year; terms that are words need context', () => {
  expectOne('夏至', ['夏至', 'DATE', '2023-06-21']);
  expectOne('2022年冬至', ['2022年冬至', 'DATE', '2022-12-22']);
  expectOne('立冬以来', ['立冬以来', 'DATE', '2023-11-08', 'since_start']);
  expectOne('小雪节气', ['小雪节气', 'DATE', '2023-11-22']);
  assert.deepEqual(spans('明天有小雪，'), [['明天', 'DATE', '2023-06-19']]);
  assert.deepEqual(spans('张立春是创始人'), []);
  assert.deepEqual(spans('夏至未至'), []);
});

test('quarters and halves relative to the DCT; compact and numeric dates; years without 年; centuries', () => {
  expectOne('上个季度', ['上个季度', 'DATE', '2023-Q1']);
  expectOne('本季度末', ['本季度末', 'DATE', '2023-Q2', 'end']);
  expectOne('首季度', ['首季度', 'DATE', '2023-Q1']);
  expectOne('今年前两个季度', ['今年前两个季度', 'DATE', '2023-Q1/2023-Q2']);
  expectOne('1-3季度', ['1-3季度', 'DATE', '2023-Q1/2023-Q3']);
  expectOne('该公司于20230415完成登记', ['20230415', 'DATE', '2023-04-15']);
  assert.deepEqual(spans('身份证号110105199003071234'), []);
  assert.deepEqual(spans('订单号20230415001'), []);
  expectOne('2015.03-2018.07，', ['2015.03-2018.07', 'DATE', '2015-03/2018-07']);
  expectOne('2023赛季', ['2023赛季', 'DATE', '2023']);
  expectOne('2022卡塔尔世界杯', ['2022', 'DATE', '2022']);
  expectOne('2002年世界杯', ['2002年', 'DATE', '2002']);
  assert.deepEqual(spans('共有2022户居民'), []);
  expectOne('上世纪90年代', ['上世纪90年代', 'DATE', '199']);
  expectOne('12月29，', ['12月29', 'DATE', '2023-12-29']);
  assert.deepEqual(spans('7月20家企业'), [['7月', 'DATE', '2023-07']]);
});

test('quarter-hours (刻钟) are 15 minutes each, as durations and as offsets from the DCT', () => {
  expectOne('等了一刻钟', ['一刻钟', 'DURATION', 'PT15M']);
  expectOne('开了三刻钟的会', ['三刻钟', 'DURATION', 'PT45M']);
  expectOne('一刻钟后出发', ['一刻钟后', 'TIME', '2023-06-18T09:45'], '2023-06-18T09:30');
  expectOne('不到一刻钟', ['不到一刻钟', 'DURATION', 'PT15M', 'less_than']);
  // a moment, a clock's quarter and half a quarter are not counted
  assert.deepEqual(spans('他一刻不停地工作'), []);
  assert.deepEqual(spans('半刻钟'), []);
});

test('a ten-day part of the month alone: the month named last, else the DCT month', () => {
  expectOne('预计下旬开工', ['下旬', 'DATE', '2023-06', 'end']);
  assert.deepEqual(spans('5月份一路下滑，中旬越过135点'), [['5月份', 'DATE', '2023-05'], ['中旬', 'DATE', '2023-05', 'mid']]);
  assert.deepEqual(spans('俄于3月上旬和中旬发行国债'), [['3月上旬', 'DATE', '2023-03', 'start'], ['中旬', 'DATE', '2023-03', 'mid']]);
  // 6月中下旬: the month's reader reads it; no second span over 下旬
  assert.equal(spans('6月中下旬，笔者到意大利').filter(([t]) => t === '下旬').length, 0);
  assert.deepEqual(spans('年过七旬的老人'), []);
});

test('a week word before 天气 is the week (the weather), not Sunday', () => {
  expectOne('本周天气晴好', ['本周', 'DATE', '2023-W24']);
  expectOne('下周天气转凉', ['下周', 'DATE', '2023-W25']);
  expectOne('未来一周天气以晴为主', ['一周', 'DURATION', 'P1W']);
  expectOne('这周天去公园', ['这周天', 'DATE', '2023-06-18']);
});

test('当晚 / 当夜 are the evening and night of the day named last, else of the DCT; a clock after them is in the evening', () => {
  assert.deepEqual(spans('7日，代表团抵达北京。当晚，双方举行了会谈。'), [['7日', 'DATE', '2023-06-07'], ['当晚', 'TIME', '2023-06-07TEV']]);
  expectOne('当晚8时许，火势得到控制', ['当晚8时许', 'TIME', '2023-06-18T20', 'approx']);
  expectOne('当夜，救援队员坚守在一线', ['当夜', 'TIME', '2023-06-18TNI']);
});

test('午夜 is the night; 午夜12点 is the end of that day, as 晚上12点', () => {
  expectOne('午夜，街道上空无一人', ['午夜', 'TIME', 'TNI']);
  expectOne('午夜12点，新规生效', ['午夜12点', 'TIME', 'T24']);
  expectOne('昨天午夜，一辆货车起火', ['昨天午夜', 'TIME', '2023-06-17TNI']);
  assert.deepEqual(spans('午夜场电影的票已售罄'), []);
});

test('十一 is the National Day holiday only with a period word after it', () => {
  expectOne('十一黄金周期间，景区人满为患', ['十一黄金周', 'DATE', '2023-10-01/2023-10-07']);
  expectOne('十一期间，高速免费通行', ['十一期间', 'DATE', '2023-10-01/2023-10-07']);
  assert.deepEqual(spans('十一人制足球赛'), []);
  assert.deepEqual(spans('第十一期间'), []);
});

test('two ten-day parts together are the days they cover', () => {
  expectOne('本月中下旬将有降雨', ['本月中下旬', 'DATE', '2023-06-11/2023-06-30']);
  expectOne('7月上中旬气温偏高', ['7月上中旬', 'DATE', '2023-07-01/2023-07-20']);
  expectOne('2024年2月中下旬', ['2024年2月中下旬', 'DATE', '2024-02-11/2024-02-29']);
});
