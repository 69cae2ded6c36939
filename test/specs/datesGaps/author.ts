// The date/time gaps set of round 2's eighth session: three classes that a probe of everyday forms (sentences
// written for it, none from a test set) showed us missing, written before the recogniser was changed for them:
// - quarter-hours and colloquial hours: 一刻钟 / 三刻钟 (15 and 45 minutes) and 钟头 (an hour) as durations and as
//   offsets from the DCT (一刻钟后, 两个钟头以后);
// - a ten-day part of the month written alone (上旬 / 中旬 / 下旬: the DCT's month with mod start / mid / end, as
//   月中 and 本月下旬 already are) or after a relative month;
// - a week word right before 天气 (未来一周天气, 本周天气): the week is read, not a Sunday (周天) that leaves nothing;
// and texts with a 刻 or 钟 that are no time (classes added later in the session: see below). Expected spans follow the README conventions (datesEveryday/author.ts).
//
//   npx tsx test/specs/datesGaps/author.ts     (rewrites dev.jsonl and test.jsonl beside this file)
//
// Split fixed before any fix: a seeded shuffle within each class (seed 1208), half to each. Score with
// `npm run specs:dates-gaps` (the dev part may be listed case by case, the test part never).
import { CaseSet, add, week, weekday } from '../datesAuthoring';

const set = new CaseSet();
const c = set.add.bind(set);

// DCTs: a Wednesday news timestamp in March, a Sunday in August, a Monday evening at the turn of the year.
const F = '2025-03-12T09:30';
const G = '2023-08-27';
const H = '2024-12-30T21:15';

// ---------------------------------------------------------------------------------------------------------------
set.cls = 'quarter-hour';
c('一刻钟后出发，别迟到。', F, ['一刻钟后', 'TIME', '2025-03-12T09:45']);
c('三刻钟以后，救援队赶到了现场。', F, ['三刻钟以后', 'TIME', '2025-03-12T10:15']);
c('他在门口等了一刻钟。', G, ['一刻钟', 'DURATION', 'PT15M']);
c('这场发布会只开了三刻钟。', H, ['三刻钟', 'DURATION', 'PT45M']);
c('还有一刻钟列车就要进站了。', H, ['一刻钟', 'DURATION', 'PT15M']);
c('救护车一刻钟之内赶到了。', F, ['一刻钟', 'DURATION', 'PT15M']);
c('过了一刻钟，雨停了。', G, ['一刻钟', 'DURATION', 'PT15M']);
c('半个钟头后再出发。', F, ['半个钟头后', 'TIME', '2025-03-12T10:00']);
// an offset is resolved at the granularity of its unit (README; 6个小时后 → the hour in datesEveryday)
c('两个钟头以后，手术顺利结束。', H, ['两个钟头以后', 'TIME', '2024-12-30T23']);
c('排队排了三个钟头。', G, ['三个钟头', 'DURATION', 'PT3H']);
c('一刻钟后提醒我关火。', G, ['一刻钟后', 'TIME', `${G}TXX:XX`]);
c('会议推迟了一个钟头。', F, ['一个钟头', 'DURATION', 'PT1H']);
c('两个半钟头后抵达北京。', F, ['两个半钟头后', 'TIME', '2025-03-12T12:00']);
c('走路到车站要一刻钟。', H, ['一刻钟', 'DURATION', 'PT15M']);

// ---------------------------------------------------------------------------------------------------------------
set.cls = 'ten-day-part';
c('下旬，第二批物资将运抵灾区。', G, ['下旬', 'DATE', '2023-08', 'end']);
c('上旬完成了首批设备交付。', F, ['上旬', 'DATE', '2025-03', 'start']);
c('中旬以后，气温将明显回升。', F, ['中旬', 'DATE', '2025-03', 'mid']);
c('预计下旬开工建设。', H, ['下旬', 'DATE', '2024-12', 'end']);
c('本月上旬，全市完成了春耕备耕。', F, ['本月上旬', 'DATE', '2025-03', 'start']);
c('上个月下旬，两地签署了合作协议。', F, ['上个月下旬', 'DATE', '2025-02', 'end']);
c('下月上旬，展会将在上海开幕。', H, ['下月上旬', 'DATE', '2025-01', 'start']);
c('这个月下旬，新校区将投入使用。', G, ['这个月下旬', 'DATE', '2023-08', 'end']);
c('去年12月下旬，该公司宣布重组。', F, ['去年12月下旬', 'DATE', '2024-12', 'end']);
c('据悉，中旬将召开第二次听证会。', G, ['中旬', 'DATE', '2023-08', 'mid']);
c('该批疫苗上旬已全部运抵。', H, ['上旬', 'DATE', '2024-12', 'start']);
c('下个月下旬，新航线将正式开通。', G, ['下个月下旬', 'DATE', '2023-09', 'end']);

// ---------------------------------------------------------------------------------------------------------------
set.cls = 'week-before-tian';
c('未来一周天气以晴为主。', F, ['一周', 'DURATION', 'P1W']);
c('本周天气晴好，适宜出行。', F, ['本周', 'DATE', week(F.slice(0, 10))]);
c('下周天气转凉，注意添衣。', G, ['下周', 'DATE', week(add(G, 7))]);
c('上周天气闷热，用电负荷创新高。', H, ['上周', 'DATE', week(add(H.slice(0, 10), -7))]);
c('这周天气不错，我们去爬山吧。', F, ['这周', 'DATE', week(F.slice(0, 10))]);
c('过去一周天气多变。', H, ['一周', 'DURATION', 'P1W']);
c('周天我们去公园。', F, ['周天', 'DATE', weekday(F.slice(0, 10), 0, 7)]);
c('未来两周天气总体平稳。', G, ['两周', 'DURATION', 'P2W']);
c('下周天气预报显示有雨。', F, ['下周', 'DATE', week(add(F.slice(0, 10), 7))]);
c('近一周天气干燥，森林火险等级较高。', G, ['一周', 'DURATION', 'P1W']);

// ---------------------------------------------------------------------------------------------------------------
set.cls = 'negative';
c('他一刻不停地工作到深夜。', F, ['深夜', 'TIME', 'TNI']);
c('钟表店的橱窗里挂满了时钟。', G);
c('此刻，全场安静下来。', H);
c('他刻苦钻研技术，成了行家。', F);
c('这口钟已有三百多年历史。', G, ['三百多年', 'DURATION', 'P300Y', 'more_than']);
c('雕刻家用了一周时间完成作品。', H, ['一周', 'DURATION', 'P1W']);

// ---------------------------------------------------------------------------------------------------------------
// Added in the same session after a second probe (news wording), before the recogniser was changed for them; appended
// after the classes above, so that their split is unchanged: 当晚 / 当夜 (the evening or night of the day named last,
// else of the DCT, as 当天), 午夜 (midnight: the night as a part of the day; 午夜12点 as 晚上12点), and 十一 as the
// National Day holiday with 黄金周 / 长假 / 假期 / 期间 (the statutory days, as 国庆期间).
const K = '2024-10-15';

set.cls = 'that-evening';
c('7日，代表团抵达北京。当晚，双方举行了会谈。', K, ['7日', 'DATE', '2024-10-07'], ['当晚', 'TIME', '2024-10-07TEV']);
c('当晚8时许，火势得到控制。', K, ['当晚8时许', 'TIME', '2024-10-15T20', 'approx']);
c('当晚，演出圆满结束。', K, ['当晚', 'TIME', '2024-10-15TEV']);
c('12日上午，会议开幕；当晚9点，举行欢迎晚宴。', K, ['12日上午', 'TIME', '2024-10-12TMO'], ['当晚9点', 'TIME', '2024-10-12T21']);
c('当夜，救援队员坚守在一线。', K, ['当夜', 'TIME', '2024-10-15TNI']);
c('事发当晚，警方迅速出警。', K, ['当晚', 'TIME', '2024-10-15TEV']);
c('比赛于3月2日举行，当晚7点半开赛。', K, ['3月2日', 'DATE', '2024-03-02'], ['当晚7点半', 'TIME', '2024-03-02T19:30']);
c('当晚10时左右，雨势减弱。', K, ['当晚10时左右', 'TIME', '2024-10-15T22', 'approx']);

set.cls = 'midnight';
c('午夜，街道上空无一人。', K, ['午夜', 'TIME', 'TNI']);
c('午夜时分，雨势减弱。', K, ['午夜', 'TIME', 'TNI']);
c('午夜12点，新规正式生效。', K, ['午夜12点', 'TIME', 'T24']);
c('今天午夜，新规正式生效。', K, ['今天午夜', 'TIME', '2024-10-15TNI']);
c('昨天午夜时分，一辆货车起火。', K, ['昨天午夜', 'TIME', '2024-10-14TNI']);
c('午夜零点，跨年烟花准时燃放。', K, ['午夜零点', 'TIME', 'T00']);

set.cls = 'national-day-shiyi';
c('十一黄金周期间，景区人满为患。', K, ['十一黄金周', 'DATE', '2024-10-01/2024-10-07']);
c('十一长假，出游人数大增。', K, ['十一长假', 'DATE', '2024-10-01/2024-10-07']);
c('十一期间，高速公路免费通行。', K, ['十一期间', 'DATE', '2024-10-01/2024-10-07']);
c('十一假期，全国接待游客7亿人次。', K, ['十一假期', 'DATE', '2024-10-01/2024-10-07']);
c('今年十一黄金周，电影票房创新高。', K, ['今年十一黄金周', 'DATE', '2024-10-01/2024-10-07']);
c('去年十一期间，出境游人数翻番。', '2025-10-15', ['去年十一期间', 'DATE', '2024-10-01/2024-10-07']);

set.cls = 'negative-2';
c('十一人制足球赛在这里举行。', K);
c('他十一岁那年离开了家乡。', K, ['十一岁', 'DURATION', 'P11Y']);
c('当晚会的主持人走上舞台时，全场欢呼。', K);
c('午夜场电影的票已售罄。', K);

// A third probe in the same session, before the recogniser was changed for it: two ten-day parts together (中下旬: the
// 11th to the month's end; 上中旬 / 中上旬: the 1st to the 20th), as a range of days.
set.cls = 'two-ten-day-parts';
c('本月中下旬将有降雨。', K, ['本月中下旬', 'DATE', '2024-10-11/2024-10-31']);
c('7月中上旬气温偏高。', K, ['7月中上旬', 'DATE', '2024-07-01/2024-07-20']);
c('预计5月中下旬上市。', K, ['5月中下旬', 'DATE', '2024-05-11/2024-05-31']);
c('下个月上中旬将举行比赛。', K, ['下个月上中旬', 'DATE', '2024-11-01/2024-11-20']);
c('2月中下旬，气温回升。', K, ['2月中下旬', 'DATE', '2024-02-11/2024-02-29']);
c('去年12月中下旬，寒潮来袭。', K, ['去年12月中下旬', 'DATE', '2023-12-11/2023-12-31']);
c('6月上中旬，小麦陆续成熟。', K, ['6月上中旬', 'DATE', '2024-06-01/2024-06-20']);
c('今年9月中下旬，台风频繁登陆。', K, ['今年9月中下旬', 'DATE', '2024-09-11/2024-09-30']);

// ---------------------------------------------------------------------------------------------------------------
set.write(__dirname, 1208);
