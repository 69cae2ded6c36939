// The wide figure set of the "generalise" round for figures: sentences in the styles of news, finance, sports, tech
// and social-media text, composed from general knowledge of how Chinese text writes amounts, for the classes our
// issue #10 set (test/specs/figuresNews/) covers thinly or not at all: modifiers in every position (三千余万元, 近两成,
// 百分之五十以上), shares, fractions and discounts (七成, 打八折, 千分之五), ranges (3万至5万元, 二三十个), multipliers
// (翻了一番, 1.5倍), large-number words and mixed scripts (1.2万亿, 3千万, 2,345.67万元), currency signs and names,
// physical and tech units, ordinals, counts with measure words, sports, social-media shorthands (10W+, 8k), and
// negatives (phone numbers, ids, codes, model names, versions, rooms, dates and times, idioms with numerals).
//
//   npx tsx test/specs/figuresWide/author.ts     (rewrites dev.jsonl and test.jsonl beside this file)
//   npm run specs:figures-wide [-- --verbose] [-- --part dev]
//
// Expected spans follow the README's figure conventions; where the README was silent these choices were made before
// the recogniser was run on the set (and are written into the README with it):
//   - sports scores and ratios (3比1, 2:0, 1:1) are not figures (numbers joined by 比 or : as in 9:30); points, goals
//     and rebounds with a classifier are counts (32分 → CARDINAL 32, unit 分, not money);
//   - 首个 / 首次 / 头号 carry no numeral and are not ORDINAL; 第二季度 is a date; 第一大股东 → ORDINAL 1;
//   - 千分之五 is the written-out ‰ (PERCENT 0.005), other 分之 fractions are CARDINAL as in the README;
//   - 翻了一番 / 翻两番: the multiplier is a count with unit 番 (一番 → 1, 两番 → 2), 3倍 → 3 倍;
//   - 一半 and 半数 are words (not labelled); 十几亿, 数十 and 上千 are indefinite (not labelled);
//   - social-media multipliers after Arabic digits: w/W = 万, k/K = 千 (10W+ → CARDINAL 100000 more_than, 8k → 8000),
//     but W after a number before a charging/power word is watts (65W快充 → QUANTITY 65 W); 999+ → more_than;
//   - basis points are read like 个百分点: 25个基点 → PERCENT 0.0025 with unit "bp";
//   - tech units are QUANTITY with the unit as written (256GB, 5000mAh, 6.7英寸, 120Hz), as are temperatures (-3℃ → -3).
//
// Split fixed before any fix: a seeded shuffle within each class (seed 2027), half (rounded up) to dev. The test part
// is run once, after the fixes; `--verbose` lists dev failures only.
import { writeSplitByClass } from '../splitByClass';

type Label = 'MONEY' | 'PERCENT' | 'QUANTITY' | 'CARDINAL' | 'ORDINAL';
interface Opt {
  max?: number;
  unit?: string;
  mod?: 'approx' | 'less_than' | 'more_than' | 'equal_or_less';
  occ?: number;
}
type Span = [text: string, label: Label, value: number, opt?: Opt];
interface Case {
  id: string;
  class: string;
  text: string;
  spans: { text: string; start: number; label: Label; value: number; valueMax?: number; unit?: string; mod?: string }[];
}

const cases: Case[] = [];
let cls = '';
const cp = (s: string) => [...s].length;

function c(text: string, ...spans: Span[]): void {
  const out: Case['spans'] = [];
  for (const [t, label, value, o = {}] of spans) {
    let at = -1;
    for (let k = 0; k <= (o.occ ?? 0); k++) at = text.indexOf(t, at + 1);
    if (at < 0) throw new Error(`"${t}" not in "${text}"`);
    out.push({
      text: t,
      start: cp(text.slice(0, at)),
      label,
      value,
      ...(o.max !== undefined ? { valueMax: o.max } : {}),
      ...(o.unit ? { unit: o.unit } : {}),
      ...(o.mod ? { mod: o.mod } : {}),
    });
  }
  out.sort((a, b) => a.start - b.start);
  cases.push({ id: `${cls}-${cases.filter((x) => x.class === cls).length + 1}`, class: cls, text, spans: out });
}
const CNY = { unit: 'CNY' };
const cny = (o: Opt = {}): Opt => ({ unit: 'CNY', ...o });

// ---------------------------------------------------------------------------------------------------------------
cls = 'modifier';
c('该项目已累计投入资金三千余万元。', ['三千余万元', 'MONEY', 3e7, cny({ mod: 'more_than' })]);
c('今年以来，全市新增市场主体近两万户。', ['近两万户', 'CARDINAL', 20000, { unit: '户', mod: 'less_than' }]);
c('该店日均客流量超5000人次。', ['超5000人次', 'CARDINAL', 5000, { unit: '人次', mod: 'more_than' }]);
c('此次拍卖成交额逾12亿元。', ['逾12亿元', 'MONEY', 1.2e9, cny({ mod: 'more_than' })]);
c('目前仍有1000多名旅客滞留机场。', ['1000多名', 'CARDINAL', 1000, { unit: '名', mod: 'more_than' }]);
c('这辆车的维修费用花了两万多元。', ['两万多元', 'MONEY', 20000, cny({ mod: 'more_than' })]);
c('新房均价在每平方米3万元左右。', ['3万元左右', 'MONEY', 30000, cny({ mod: 'approx' })]);
c('单笔消费满500元以上可享受免费停车。', ['500元以上', 'MONEY', 500, cny({ mod: 'more_than' })]);
c('该县贫困发生率已降至不到1%。', ['不到1%', 'PERCENT', 0.01, { mod: 'less_than' }]);
c('活动现场聚集了大约300名志愿者。', ['大约300名', 'CARDINAL', 300, { unit: '名', mod: 'approx' }]);
c('这批货物总重将近40吨。', ['将近40吨', 'QUANTITY', 40, { unit: '吨', mod: 'less_than' }]);
c('全年营业收入不足8000万元。', ['不足8000万元', 'MONEY', 8e7, cny({ mod: 'less_than' })]);
c('每次充电可续航600公里以上。', ['600公里以上', 'QUANTITY', 600, { unit: '公里', mod: 'more_than' }]);
c('本轮降雨过程累计雨量50毫米以下。', ['50毫米以下', 'QUANTITY', 50, { unit: '毫米', mod: 'less_than' }]);
c('单次取款金额须控制在2万元以内。', ['2万元以内', 'MONEY', 20000, cny({ mod: 'equal_or_less' })]);
c('受灾群众有十多万人被紧急转移。', ['十多万人', 'CARDINAL', 100000, { unit: '人', mod: 'more_than' }]);
c('这家初创公司的估值已达约50亿美元。', ['约50亿美元', 'MONEY', 5e9, { unit: 'USD', mod: 'approx' }]);
c('这座大桥主跨长约1.2公里。', ['约1.2公里', 'QUANTITY', 1.2, { unit: '公里', mod: 'approx' }]);
c('全市超八成的小区已完成垃圾分类改造。', ['超八成', 'PERCENT', 0.8, { mod: 'more_than' }]);
c('每吨价格下跌了200元上下。', ['200元上下', 'MONEY', 200, cny({ mod: 'approx' })]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'share-fraction';
c('受访者中有七成表示会继续网购。', ['七成', 'PERCENT', 0.7]);
c('今年以来近两成的门店调整了营业时间。', ['近两成', 'PERCENT', 0.2, { mod: 'less_than' }]);
c('国庆期间，部分景区门票打八折。', ['八折', 'PERCENT', 0.8]);
c('会员购买全场商品可打5折。', ['5折', 'PERCENT', 0.5]);
c('这款手机首发当天就降到了8.5折。', ['8.5折', 'PERCENT', 0.85]);
c('约三分之一的受访企业计划扩大招聘。', ['约三分之一', 'CARDINAL', 0.3333, { mod: 'approx' }]);
c('该型号产品的不良率控制在千分之五以内。', ['千分之五以内', 'PERCENT', 0.005, { mod: 'equal_or_less' }]);
c('参加投票的股东中，百分之五十以上赞成该议案。', ['百分之五十以上', 'PERCENT', 0.5, { mod: 'more_than' }]);
c('该地区四分之三的耕地实现了高标准改造。', ['四分之三', 'CARDINAL', 0.75]);
c('印花税税率为千分之一。', ['千分之一', 'PERCENT', 0.001]);
c('逾六成网友认为票价偏高。', ['逾六成', 'PERCENT', 0.6, { mod: 'more_than' }]);
c('公司三成多的收入来自海外市场。', ['三成多', 'PERCENT', 0.3, { mod: 'more_than' }]);
c('五成以上的受访家庭有购车计划。', ['五成以上', 'PERCENT', 0.5, { mod: 'more_than' }]);
c('不到百分之十的用户开通了该功能。', ['不到百分之十', 'PERCENT', 0.1, { mod: 'less_than' }]);
c('该病毒的致死率约0.5‰。', ['约0.5‰', 'PERCENT', 0.0005, { mod: 'approx' }]);
c('会员卡消费享受九五折优惠。', ['九五折', 'PERCENT', 0.95]);
c('超过一半的受访者支持延迟退休。');
c('外资持股占比约十分之一。', ['约十分之一', 'CARDINAL', 0.1, { mod: 'approx' }]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'range';
c('该岗位月薪在3万至5万元之间。', ['3万至5万元', 'MONEY', 30000, cny({ max: 50000 })]);
c('预计全年增速在5%-8%之间。', ['5%-8%', 'PERCENT', 0.05, { max: 0.08 }]);
c('每个班级有二三十个学生。', ['二三十个', 'CARDINAL', 20, { max: 30, unit: '个' }]);
c('预计投资规模为1.5万-2万元。', ['1.5万-2万元', 'MONEY', 15000, cny({ max: 20000 })]);
c('新药的疗效是传统药物的3到5倍。', ['3到5倍', 'CARDINAL', 3, { max: 5, unit: '倍' }]);
c('明天白天气温20~30℃。', ['20~30℃', 'QUANTITY', 20, { max: 30, unit: '℃' }]);
c('救援队在5-10公里范围内展开搜索。', ['5-10公里', 'QUANTITY', 5, { max: 10, unit: '公里' }]);
c('现场聚集了七八十人。', ['七八十人', 'CARDINAL', 70, { max: 80, unit: '人' }]);
c('每年培训两三百名乡村医生。', ['两三百名', 'CARDINAL', 200, { max: 300, unit: '名' }]);
c('该车型售价为15.98万-21.98万元。', ['15.98万-21.98万元', 'MONEY', 159800, cny({ max: 219800 })]);
c('单价从50元到80元不等。', ['50元到80元', 'MONEY', 50, cny({ max: 80 })]);
c('房贷利率下调了10至20个基点。', ['10至20个基点', 'PERCENT', 0.001, { max: 0.002, unit: 'bp' }]);
c('这批设备的采购价格约为300万~500万美元。', ['300万~500万美元', 'MONEY', 3e6, { max: 5e6, unit: 'USD' }]);
c('市场普遍预期降息25至50个基点。', ['25至50个基点', 'PERCENT', 0.0025, { max: 0.005, unit: 'bp' }]);
c('全国有十几亿人口。');
c('每亩增收三四百元。', ['三四百元', 'MONEY', 300, cny({ max: 400 })]);
c('该湖泊水深在2米到5米之间。', ['2米到5米', 'QUANTITY', 2, { max: 5, unit: '米' }]);
c('此次降价幅度在百分之十到百分之十五。', ['百分之十到百分之十五', 'PERCENT', 0.1, { max: 0.15 }]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'multiplier';
c('十年间，该市经济总量翻了一番。', ['一番', 'CARDINAL', 1, { unit: '番' }]);
c('到2035年，人均收入力争翻两番。', ['两番', 'CARDINAL', 2, { unit: '番' }]);
c('新能源汽车销量同比增长3倍。', ['3倍', 'CARDINAL', 3, { unit: '倍' }]);
c('新款芯片的性能是上一代的1.5倍。', ['1.5倍', 'CARDINAL', 1.5, { unit: '倍' }]);
c('订单量达到去年同期的两倍多。', ['两倍多', 'CARDINAL', 2, { unit: '倍', mod: 'more_than' }]);
c('部分商品价格上涨近3倍。', ['近3倍', 'CARDINAL', 3, { unit: '倍', mod: 'less_than' }]);
c('该项目的投资回报是预期的十余倍。', ['十余倍', 'CARDINAL', 10, { unit: '倍', mod: 'more_than' }]);
c('运输效率提高了数倍。');
c('今年的出口额是五年前的2.3倍。', ['2.3倍', 'CARDINAL', 2.3, { unit: '倍' }]);
c('该股市盈率高达一百倍。', ['一百倍', 'CARDINAL', 100, { unit: '倍' }]);
c('与十年前相比，研发投入增长了十倍。', ['十倍', 'CARDINAL', 10, { unit: '倍' }]);
c('平台用户规模在三年内翻了三番。', ['三番', 'CARDINAL', 3, { unit: '番' }]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'large-mixed';
c('全年社会消费品零售总额达1.2万亿元。', ['1.2万亿元', 'MONEY', 1.2e12, CNY]);
c('该平台注册用户超过3千万。', ['3千万', 'CARDINAL', 3e7]);
c('公司当期实现净利润2,345.67万元。', ['2,345.67万元', 'MONEY', 23456700, CNY]);
c('网传该项目耗资4亿5千万的说法有误。', ['4亿5千万', 'CARDINAL', 4.5e8]);
c('该市今年计划新增就业1万2千人。', ['1万2千人', 'CARDINAL', 12000, { unit: '人' }]);
c('项目总投资两千三百万元。', ['两千三百万元', 'MONEY', 2.3e7, CNY]);
c('银行向企业发放贷款一亿两千万元。', ['一亿两千万元', 'MONEY', 1.2e8, CNY]);
c('全国外汇储备规模为3.2万亿美元。', ['3.2万亿美元', 'MONEY', 3.2e12, { unit: 'USD' }]);
c('参观人数累计达3百万。', ['3百万', 'CARDINAL', 3e6]);
c('该基金管理规模为1,280亿元。', ['1,280亿元', 'MONEY', 1.28e11, CNY]);
c('全国共有2.6亿名在校学生。', ['2.6亿名', 'CARDINAL', 2.6e8, { unit: '名' }]);
c('这次捐款总额为10,000.50元。', ['10,000.50元', 'MONEY', 10000.5, CNY]);
c('当地人口已突破一千万。', ['一千万', 'CARDINAL', 1e7]);
c('该公司市值蒸发了近千亿港元。', ['近千亿港元', 'MONEY', 1e11, { unit: 'HKD', mod: 'less_than' }]);
c('全年粮食产量达6.95亿吨。', ['6.95亿吨', 'QUANTITY', 6.95e8, { unit: '吨' }]);
c('政府专项债额度为3.9万亿。', ['3.9万亿', 'CARDINAL', 3.9e12]);
c('该app日活用户为5千万左右。', ['5千万左右', 'CARDINAL', 5e7, { mod: 'approx' }]);
c('银行间市场成交额为12.6万亿元人民币。', ['12.6万亿元人民币', 'MONEY', 1.26e13, CNY]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'currency';
c('这款耳机的售价为￥199。', ['￥199', 'MONEY', 199, CNY]);
c('新款笔记本电脑起售价$999。', ['$999', 'MONEY', 999, { unit: 'USD' }]);
c('该画作以€1,250,000成交。', ['€1,250,000', 'MONEY', 1250000, { unit: 'EUR' }]);
c('门票价格为HK$500。', ['HK$500', 'MONEY', 500, { unit: 'HKD' }]);
c('这笔交易金额约1.5亿美元。', ['约1.5亿美元', 'MONEY', 1.5e8, { unit: 'USD', mod: 'approx' }]);
c('欧盟将提供20亿欧元援助。', ['20亿欧元', 'MONEY', 2e9, { unit: 'EUR' }]);
c('一碗拉面在东京要卖1200日元。', ['1200日元', 'MONEY', 1200, { unit: 'JPY' }]);
c('该公司在香港募资88亿港元。', ['88亿港元', 'MONEY', 8.8e9, { unit: 'HKD' }]);
c('双方签署了价值人民币30亿元的合同。', ['人民币30亿元', 'MONEY', 3e9, CNY]);
c('一杯咖啡在伦敦要4.5英镑。', ['4.5英镑', 'MONEY', 4.5, { unit: 'GBP' }]);
c('这台相机的售价为¥6,999。', ['¥6,999', 'MONEY', 6999, CNY]);
c('基金规模为$2.5亿。', ['$2.5亿', 'MONEY', 2.5e8, { unit: 'USD' }]);
c('在首尔，一张地铁票为1400韩元。', ['1400韩元', 'MONEY', 1400, { unit: 'KRW' }]);
c('该矿企以32亿澳元收购了一座锂矿。', ['32亿澳元', 'MONEY', 3.2e9, { unit: 'AUD' }]);
c('加拿大政府拨款5亿加元用于住房建设。', ['5亿加元', 'MONEY', 5e8, { unit: 'CAD' }]);
c('在曼谷，一份炒河粉只要60泰铢。', ['60泰铢', 'MONEY', 60, { unit: 'THB' }]);
c('每股派发现金红利0.35元。', ['0.35元', 'MONEY', 0.35, CNY]);
c('一根冰棍卖3块8。', ['3块8', 'MONEY', 3.8, CNY]);
c('公交票价只要5毛钱。', ['5毛钱', 'MONEY', 0.5, CNY]);
c('这只股票今天收于每股50美分。', ['50美分', 'MONEY', 0.5, { unit: 'USD' }]);
c('新加坡政府拨款10亿新元支持企业转型。', ['10亿新元', 'MONEY', 1e9, { unit: 'SGD' }]);
c('该笔融资金额为1000万瑞士法郎。', ['1000万瑞士法郎', 'MONEY', 1e7, { unit: 'CHF' }]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'unit';
c('该保护区面积达8.6万平方公里。', ['8.6万平方公里', 'QUANTITY', 86000, { unit: '平方公里' }]);
c('全村新增高标准农田2000亩。', ['2000亩', 'QUANTITY', 2000, { unit: '亩' }]);
c('该电站年发电量为3.6亿千瓦时。', ['3.6亿千瓦时', 'QUANTITY', 3.6e8, { unit: '千瓦时' }]);
c('新机型配备了256GB存储空间。', ['256GB', 'QUANTITY', 256, { unit: 'GB' }]);
c('这款手机内置5000mAh大电池。', ['5000mAh', 'QUANTITY', 5000, { unit: 'mAh' }]);
c('列车最高运行速度为350公里/小时。', ['350公里/小时', 'QUANTITY', 350, { unit: '公里/小时' }]);
c('受寒潮影响，当地最低气温降至-3℃。', ['-3℃', 'QUANTITY', -3, { unit: '℃' }]);
c('过去24小时，全市平均降雨量为86.5毫米。', ['86.5毫米', 'QUANTITY', 86.5, { unit: '毫米' }]);
c('这块屏幕的尺寸为6.7英寸。', ['6.7英寸', 'QUANTITY', 6.7, { unit: '英寸' }]);
c('新品支持120Hz高刷新率。', ['120Hz', 'QUANTITY', 120, { unit: 'Hz' }]);
c('该手机支持65W快充。', ['65W', 'QUANTITY', 65, { unit: 'W' }]);
c('光伏电站装机容量为200兆瓦。', ['200兆瓦', 'QUANTITY', 200, { unit: '兆瓦' }]);
c('每位旅客可免费托运行李20公斤。', ['20公斤', 'QUANTITY', 20, { unit: '公斤' }]);
c('这座水库的蓄水量约3.2亿立方米。', ['约3.2亿立方米', 'QUANTITY', 3.2e8, { unit: '立方米', mod: 'approx' }]);
c('今年小麦平均亩产达到1100斤。', ['1100斤', 'QUANTITY', 1100, { unit: '斤' }]);
c('该林场造林面积达1.5万公顷。', ['1.5万公顷', 'QUANTITY', 15000, { unit: '公顷' }]);
c('新款轻薄本重量仅为1.2千克。', ['1.2千克', 'QUANTITY', 1.2, { unit: '千克' }]);
c('这款电动车的电池容量为75千瓦时。', ['75千瓦时', 'QUANTITY', 75, { unit: '千瓦时' }]);
c('每人每天饮水应不少于1.5升。', ['1.5升', 'QUANTITY', 1.5, { unit: '升' }]);
c('新一代固态硬盘容量达4TB。', ['4TB', 'QUANTITY', 4, { unit: 'TB' }]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'ordinal';
c('他在全国大赛中获得第1名。', ['第1名', 'ORDINAL', 1]);
c('该省经济总量排名第三。', ['第三', 'ORDINAL', 3]);
c('这是全国首个数据交易所。');
c('该公司是全球第二大芯片代工厂。', ['第二', 'ORDINAL', 2]);
c('该基金现为公司第一大股东。', ['第一', 'ORDINAL', 1]);
c('今年第二季度，营收同比增长12%。', ['12%', 'PERCENT', 0.12]);
c('第一批援助物资已运抵灾区。', ['第一批', 'ORDINAL', 1]);
c('她连续第5次入选国家队。', ['第5次', 'ORDINAL', 5]);
c('该剧在收视榜上位列第十二。', ['第十二', 'ORDINAL', 12]);
c('首次参赛的他便取得了好成绩。');
c('第三方检测机构出具了报告。');
c('第二十届中国国际工业博览会开幕。', ['第二十届', 'ORDINAL', 20]);
c('我国已连续14年保持全球第一制造业大国地位。', ['第一', 'ORDINAL', 1]);
c('该项目进入第2阶段测试。', ['第2阶段', 'ORDINAL', 2]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'count';
c('全市新增3家上市公司。', ['3家', 'CARDINAL', 3, { unit: '家' }]);
c('今年以来共发生交通事故5起。', ['5起', 'CARDINAL', 5, { unit: '起' }]);
c('警方共侦破电信诈骗案件12宗。', ['12宗', 'CARDINAL', 12, { unit: '宗' }]);
c('两名嫌疑人已被警方控制。', ['两名', 'CARDINAL', 2, { unit: '名' }]);
c('一位专家在会上作了发言。');
c('海警部门出动舰艇4艘、飞机2架。', ['4艘', 'CARDINAL', 4, { unit: '艘' }], ['2架', 'CARDINAL', 2, { unit: '架' }]);
c('今年将新建9所学校和12座公园。', ['9所', 'CARDINAL', 9, { unit: '所' }], ['12座', 'CARDINAL', 12, { unit: '座' }]);
c('此次发布会推出了30款新品。', ['30款', 'CARDINAL', 30, { unit: '款' }]);
c('公司已获得授权专利300多项。', ['300多项', 'CARDINAL', 300, { unit: '项', mod: 'more_than' }]);
c('上千家企业参加了本届展会。');
c('数十名消防员赶到现场。');
c('一辆货车在高速上侧翻。');
c('该市共有三十六个乡镇。', ['三十六个', 'CARDINAL', 36, { unit: '个' }]);
c('她一个人照顾着三个孩子。', ['三个', 'CARDINAL', 3, { unit: '个' }]);
c('本次展会吸引了一万名观众。', ['一万名', 'CARDINAL', 10000, { unit: '名' }]);
c('工作人员发放了口罩2000只。', ['2000只', 'CARDINAL', 2000, { unit: '只' }]);
c('这部电影上映两周收获了800万张电影票。', ['800万张', 'CARDINAL', 8e6, { unit: '张' }]);
c('工厂每天可组装汽车1200辆。', ['1200辆', 'CARDINAL', 1200, { unit: '辆' }]);
c('该项目共涉及农户两千余户。', ['两千余户', 'CARDINAL', 2000, { unit: '户', mod: 'more_than' }]);
c('全国共有博物馆6833家。', ['6833家', 'CARDINAL', 6833, { unit: '家' }]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'sports';
c('主队最终以3比1战胜对手。');
c('上半场比赛双方战成2:0。');
c('他本场比赛砍下32分、12个篮板。', ['32分', 'CARDINAL', 32, { unit: '分' }], ['12个', 'CARDINAL', 12, { unit: '个' }]);
c('本赛季他已打进18球。', ['18球', 'CARDINAL', 18, { unit: '球' }]);
c('中国队共获得金牌38枚。', ['38枚', 'CARDINAL', 38, { unit: '枚' }]);
c('她以12秒85的成绩夺冠。');
c('该队的投篮命中率为47.5%。', ['47.5%', 'PERCENT', 0.475]);
c('男女比例为1:1。');
c('他在这届比赛中排名第四。', ['第四', 'ORDINAL', 4]);
c('这名前锋的转会费高达1.2亿欧元。', ['1.2亿欧元', 'MONEY', 1.2e8, { unit: 'EUR' }]);
c('马拉松比赛吸引了3万名选手参赛。', ['3万名', 'CARDINAL', 30000, { unit: '名' }]);
c('本场比赛他拿下了25分。', ['25分', 'CARDINAL', 25, { unit: '分' }]);
c('全场比赛现场观众达6万人。', ['6万人', 'CARDINAL', 60000, { unit: '人' }]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'social';
c('这篇推文的阅读量已经10W+。', ['10W+', 'CARDINAL', 100000, { mod: 'more_than' }]);
c('应届生月薪8k左右很正常。', ['8k左右', 'CARDINAL', 8000, { mod: 'approx' }]);
c('他的视频点赞数已达3.6万+。', ['3.6万+', 'CARDINAL', 36000, { mod: 'more_than' }]);
c('评论区已有999+条留言。', ['999+条', 'CARDINAL', 999, { unit: '条', mod: 'more_than' }]);
c('该博主粉丝1.2w。', ['1.2w', 'CARDINAL', 12000]);
c('新书预售首日卖出5万册！', ['5万册', 'CARDINAL', 50000, { unit: '册' }]);
c('直播间同时在线人数破百万。', ['百万', 'CARDINAL', 1e6]);
c('这个话题上了热搜第3。', ['第3', 'ORDINAL', 3]);
c('转发超2000次，评论400多条。', ['超2000次', 'CARDINAL', 2000, { unit: '次', mod: 'more_than' }], ['400多条', 'CARDINAL', 400, { unit: '条', mod: 'more_than' }]);
c('这家奶茶店一杯要28块。', ['28块', 'MONEY', 28, CNY]);
c('双十一当天成交额突破5000亿！', ['5000亿', 'CARDINAL', 5e11]);
c('他在网上发帖说自己年薪50w。', ['50w', 'CARDINAL', 500000]);

// ---------------------------------------------------------------------------------------------------------------
cls = 'neg-code';
c('如有疑问请致电13812345678。');
c('客服热线400-820-8820全天开通。');
c('新款iPhone 15正式开售。');
c('今日A股集体收涨。');
c('全市5G网络已实现全覆盖。');
c('这家4S店推出了试驾活动。');
c('展会上展示了最新的3D打印技术。');
c('COVID-19疫情对全球经济造成冲击。');
c('用户可升级至iOS 17.2版本。');
c('请前往行政楼1203室办理手续。');
c('该股票代码为600519。');
c('他乘坐的G1234次列车晚点了。');
c('航班CA1501因天气原因延误。');
c('收件地址邮编为310000。');
c('一辆车牌号为浙A12345的轿车逃逸。');
c('新版软件V2.3.1修复了多个漏洞。');
c('该公司发布了大模型GPT-4o的竞品。');
c('华为Mate 60系列手机备受关注。');
c('小区18号楼3单元已封闭管理。');
c('订单号2024061588880001已发货。');
c('该车搭载了骁龙8 Gen 3芯片。');
c('他住在502房间。');

// ---------------------------------------------------------------------------------------------------------------
cls = 'neg-idiom';
c('大家一心一意谋发展。');
c('学习不能三心二意。');
c('祝你一路顺风。');
c('万一出了问题怎么办？');
c('他提出了一些建议。');
c('这个问题一直没有解决。');
c('千万不要相信陌生来电。');
c('这件事情十分重要。');
c('双方意见完全一致。');
c('他是队里唯一的左撇子。');
c('市场行情七上八下。');
c('这点钱对他来说是九牛一毛。');
c('商品种类五花八门。');
c('这样做可谓一举两得。');
c('全国上下要统一思想。');
c('一旦发现问题要立即上报。');
c('我们一起去看电影吧。');
c('他边走边打电话，一不小心摔倒了。');

// ---------------------------------------------------------------------------------------------------------------
cls = 'neg-datetime';
c('会议定于2024年6月20日召开。');
c('列车将于上午9点30分发车。');
c('专家组将在3天后抵达。');
c('近5年来，当地经济持续增长。');
c('该政策自2023/24赛季起实施。');
c('演出将在20:30准时开始。');
c('他已经在这家公司工作了十年。');
c('报名截止到下周三。');
c('比赛持续了两个多小时。');
c('本届展会为期5天。');
c('新规将于7月1日起施行。');
c('2024.3.7这一天他永远记得。');

// ---------------------------------------------------------------------------------------------------------------
cls = 'news-mixed';
c('该公司前三季度营收128.5亿元，同比增长23.6%，净利润约9亿元。',
  ['128.5亿元', 'MONEY', 1.285e10, CNY], ['23.6%', 'PERCENT', 0.236], ['约9亿元', 'MONEY', 9e8, cny({ mod: 'approx' })]);
c('截至收盘，上证指数报3052.14点，涨0.8%，成交额逾4000亿元。',
  ['3052.14点', 'CARDINAL', 3052.14, { unit: '点' }], ['0.8%', 'PERCENT', 0.008], ['逾4000亿元', 'MONEY', 4e11, cny({ mod: 'more_than' })]);
c('新机搭载6.1英寸屏幕，起售价5999元，首批备货200万台。',
  ['6.1英寸', 'QUANTITY', 6.1, { unit: '英寸' }], ['5999元', 'MONEY', 5999, CNY], ['200万台', 'CARDINAL', 2e6, { unit: '台' }]);
c('台风过境，全省紧急转移群众12.3万人，直接经济损失近3亿元。',
  ['12.3万人', 'CARDINAL', 123000, { unit: '人' }], ['近3亿元', 'MONEY', 3e8, cny({ mod: 'less_than' })]);
c('该行下调存款利率0.1个百分点，一年期利率降至1.45%。',
  ['0.1个百分点', 'PERCENT', 0.001, { unit: 'pp' }], ['1.45%', 'PERCENT', 0.0145]);
c('这起案件涉案金额高达2.3亿元，涉及全国20多个省份的3000余名受害人。',
  ['2.3亿元', 'MONEY', 2.3e8, CNY], ['20多个', 'CARDINAL', 20, { unit: '个', mod: 'more_than' }], ['3000余名', 'CARDINAL', 3000, { unit: '名', mod: 'more_than' }]);
c('中国队以总分98.5分位列第二，比第一名少1.2分。',
  ['98.5分', 'CARDINAL', 98.5, { unit: '分' }], ['第二', 'ORDINAL', 2], ['第一名', 'ORDINAL', 1], ['1.2分', 'CARDINAL', 1.2, { unit: '分' }]);
c('今年一季度，全市规上工业增加值增长6.2%，高于全国平均水平1.5个百分点。',
  ['6.2%', 'PERCENT', 0.062], ['1.5个百分点', 'PERCENT', 0.015, { unit: 'pp' }]);
c('该款新能源车续航里程达700公里，最高时速180公里，售价26.99万元起。',
  ['700公里', 'QUANTITY', 700, { unit: '公里' }], ['180公里', 'QUANTITY', 180, { unit: '公里' }], ['26.99万元', 'MONEY', 269900, CNY]);
c('本次地震造成3人死亡、15人受伤，倒塌房屋120余间。',
  ['3人', 'CARDINAL', 3, { unit: '人' }], ['15人', 'CARDINAL', 15, { unit: '人' }], ['120余间', 'CARDINAL', 120, { unit: '间', mod: 'more_than' }]);
c('美联储宣布加息25个基点，将联邦基金利率目标区间上调至5.25%至5.5%。',
  ['25个基点', 'PERCENT', 0.0025, { unit: 'bp' }], ['5.25%至5.5%', 'PERCENT', 0.0525, { max: 0.055 }]);
c('该市二手房成交1.2万套，环比下降一成，均价每平米4.5万元。',
  ['1.2万套', 'CARDINAL', 12000, { unit: '套' }], ['一成', 'PERCENT', 0.1], ['4.5万元', 'MONEY', 45000, CNY]);
c('公司拟以每股18.8港元的价格配售1.5亿股新股。',
  ['18.8港元', 'MONEY', 18.8, { unit: 'HKD' }], ['1.5亿股', 'CARDINAL', 1.5e8, { unit: '股' }]);
c('这款游戏上线首月全球收入约3亿美元，下载量超5000万次。',
  ['约3亿美元', 'MONEY', 3e8, { unit: 'USD', mod: 'approx' }], ['超5000万次', 'CARDINAL', 5e7, { unit: '次', mod: 'more_than' }]);
c('全市共有出租车1.1万辆，其中新能源车占比超过九成。',
  ['1.1万辆', 'CARDINAL', 11000, { unit: '辆' }], ['九成', 'PERCENT', 0.9]);
c('该航线每周执飞3班，单程票价最低仅需299元。',
  ['3班', 'CARDINAL', 3, { unit: '班' }], ['299元', 'MONEY', 299, CNY]);

// ---------------------------------------------------------------------------------------------------------------
// Split: within each class, a seeded shuffle (seed 2027), the first half (rounded up) to dev.
writeSplitByClass(cases, __dirname, 2027);
