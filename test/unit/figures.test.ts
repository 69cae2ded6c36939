import test from 'node:test';
import assert from 'node:assert/strict';
import { recogniseFigures } from '../../server/src/core/figures';
import { analyze } from '../../server/src/analysis/analyze';

/** Figures as [text, label, value, extras] for compact assertions. */
function figs(text: string): [string, string, number | undefined, Record<string, unknown>?][] {
  return recogniseFigures(text).map((f) => {
    const extra: Record<string, unknown> = {};
    if (f.unit !== undefined) extra.unit = f.unit;
    if (f.mod !== undefined) extra.mod = f.mod;
    if (f.valueMax !== undefined) extra.valueMax = f.valueMax;
    const row: [string, string, number | undefined, Record<string, unknown>?] = [text.slice(f.start, f.end), f.label, f.value];
    if (Object.keys(extra).length) row.push(extra);
    return row;
  });
}

test('MONEY: amount, multiplier and currency normalised to the base unit and ISO code', () => {
  assert.deepEqual(figs('投资3.5亿元'), [['3.5亿元', 'MONEY', 350000000, { unit: 'CNY' }]]);
  assert.deepEqual(figs('净流出1200亿美元'), [['1200亿美元', 'MONEY', 120000000000, { unit: 'USD' }]]);
  assert.deepEqual(figs('两千三百万元'), [['两千三百万元', 'MONEY', 23000000, { unit: 'CNY' }]]);
  assert.deepEqual(figs('每股1.95港元'), [['1.95港元', 'MONEY', 1.95, { unit: 'HKD' }]]);
  assert.deepEqual(figs('1万亿日元'), [['1万亿日元', 'MONEY', 1e12, { unit: 'JPY' }]]);
  assert.deepEqual(figs('300欧元和20英镑'), [['300欧元', 'MONEY', 300, { unit: 'EUR' }], ['20英镑', 'MONEY', 20, { unit: 'GBP' }]]);
  assert.deepEqual(figs('8亿元人民币'), [['8亿元人民币', 'MONEY', 800000000, { unit: 'CNY' }]]);
  assert.deepEqual(figs('售价￥300'), [['￥300', 'MONEY', 300, { unit: 'CNY' }]]);
  assert.deepEqual(figs('人民币50元'), [['人民币50元', 'MONEY', 50, { unit: 'CNY' }]]);
  assert.deepEqual(figs('五元三角'), [['五元三角', 'MONEY', 5.3, { unit: 'CNY' }]]);
  // Older mainland typesetting writes the decimal point as a middle dot.
  assert.deepEqual(figs('每桶13·02美元'), [['13·02美元', 'MONEY', 13.02, { unit: 'USD' }]]);
});

test('modifiers attached to a figure are in the span; verbs are not', () => {
  assert.deepEqual(figs('约60亿元'), [['约60亿元', 'MONEY', 6000000000, { unit: 'CNY', mod: 'approx' }]]);
  assert.deepEqual(figs('突破180亿元'), [['180亿元', 'MONEY', 18000000000, { unit: 'CNY' }]]);
  assert.deepEqual(figs('达到5000元'), [['5000元', 'MONEY', 5000, { unit: 'CNY' }]]);
  assert.deepEqual(figs('超10万人'), [['超10万人', 'CARDINAL', 100000, { unit: '人', mod: 'more_than' }]]);
  assert.deepEqual(figs('逾百家'), [['逾百家', 'CARDINAL', 100, { unit: '家', mod: 'more_than' }]]);
  assert.deepEqual(figs('营收超千亿元'), [['超千亿元', 'MONEY', 100000000000, { unit: 'CNY', mod: 'more_than' }]]);
  assert.deepEqual(figs('近一吨'), [['近一吨', 'QUANTITY', 1, { unit: '吨', mod: 'less_than' }]]);
  assert.deepEqual(figs('不足5%'), [['不足5%', 'PERCENT', 0.05, { mod: 'less_than' }]]);
  assert.deepEqual(figs('300余家'), [['300余家', 'CARDINAL', 300, { unit: '家', mod: 'more_than' }]]);
  assert.deepEqual(figs('1000多万元'), [['1000多万元', 'MONEY', 10000000, { unit: 'CNY', mod: 'more_than' }]]);
  assert.deepEqual(figs('10亿元左右'), [['10亿元左右', 'MONEY', 1000000000, { unit: 'CNY', mod: 'approx' }]]);
  assert.deepEqual(figs('20%以上'), [['20%以上', 'PERCENT', 0.2, { mod: 'more_than' }]]);
  assert.deepEqual(figs('50人以下'), [['50人以下', 'CARDINAL', 50, { unit: '人', mod: 'less_than' }]]);
});

test('PERCENT: %, ％, ‰, 百分之, 千分之, percentage points, tenths and discounts', () => {
  assert.deepEqual(figs('增长12.5%'), [['12.5%', 'PERCENT', 0.125]]);
  assert.deepEqual(figs('增长１２．５％'), [['１２．５％', 'PERCENT', 0.125]]);
  assert.deepEqual(figs('百分之十五'), [['百分之十五', 'PERCENT', 0.15]]);
  assert.deepEqual(figs('千分之二点四'), [['千分之二点四', 'PERCENT', 0.0024]]);
  assert.deepEqual(figs('5‰'), [['5‰', 'PERCENT', 0.005]]);
  assert.deepEqual(figs('提高2.4个百分点'), [['2.4个百分点', 'PERCENT', 0.024, { unit: 'pp' }]]);
  assert.deepEqual(figs('九成以上的企业'), [['九成以上', 'PERCENT', 0.9, { mod: 'more_than' }]]);
  assert.deepEqual(figs('打八五折'), [['八五折', 'PERCENT', 0.85]]);
  assert.deepEqual(figs('下降负3.9%'), [['负3.9%', 'PERCENT', -0.039]]);
  // A fraction is not a percentage: it is a CARDINAL with its value (convention of 2026-12: bare numbers are CARDINAL).
  assert.deepEqual(figs('五百分之2.2'), [['五百分之2.2', 'CARDINAL', 0.0044]]);
});

test('QUANTITY: physical units and production volumes', () => {
  assert.deepEqual(figs('387万亩'), [['387万亩', 'QUANTITY', 3870000, { unit: '亩' }]]);
  assert.deepEqual(figs('12千米'), [['12千米', 'QUANTITY', 12, { unit: '千米' }]]);
  assert.deepEqual(figs('100万千瓦'), [['100万千瓦', 'QUANTITY', 1000000, { unit: '千瓦' }]]);
  assert.deepEqual(figs('50亿千瓦时'), [['50亿千瓦时', 'QUANTITY', 5000000000, { unit: '千瓦时' }]]);
  assert.deepEqual(figs('2.5万平方米'), [['2.5万平方米', 'QUANTITY', 25000, { unit: '平方米' }]]);
  assert.deepEqual(figs('一吨半'), [['一吨半', 'QUANTITY', 1.5, { unit: '吨' }]]);
  assert.deepEqual(figs('身高168cm'), [['168cm', 'QUANTITY', 168, { unit: 'cm' }]]);
  assert.deepEqual(figs('年产5000万件'), [['5000万件', 'QUANTITY', 50000000, { unit: '件' }]]);
  assert.deepEqual(figs('零下5度'), [['零下5度', 'QUANTITY', -5, { unit: '度' }]]);
  assert.deepEqual(figs('300度老花镜'), [['300度', 'QUANTITY', 300, { unit: '度' }]]);
  assert.deepEqual(figs('三度夺冠'), []);
  assert.deepEqual(figs('近15万字的报告'), [['近15万字', 'CARDINAL', 150000, { unit: '字', mod: 'less_than' }]]);
  assert.deepEqual(figs('十字路口'), []);
});

test('CARDINAL and ORDINAL', () => {
  assert.deepEqual(figs('12个项目'), [['12个', 'CARDINAL', 12, { unit: '个' }]]);
  assert.deepEqual(figs('1.5万人次'), [['1.5万人次', 'CARDINAL', 15000, { unit: '人次' }]]);
  assert.deepEqual(figs('增长3倍'), [['3倍', 'CARDINAL', 3, { unit: '倍' }]]);
  assert.deepEqual(figs('两家企业'), [['两家', 'CARDINAL', 2, { unit: '家' }]]);
  assert.deepEqual(figs('第三届'), [['第三届', 'ORDINAL', 3]]);
  assert.deepEqual(figs('排名第5'), [['第5', 'ORDINAL', 5]]);
  assert.deepEqual(figs('第十四个五年规划'), [['第十四个', 'ORDINAL', 14]]);
});

test('bare numbers and fractions are CARDINAL with their value (OntoNotes)', () => {
  assert.deepEqual(figs('现场观众达12,580，'), [['12,580', 'CARDINAL', 12580]]);
  assert.deepEqual(figs('点赞量达7.6万。'), [['7.6万', 'CARDINAL', 76000]]);
  assert.deepEqual(figs('余额为负350。'), [['负350', 'CARDINAL', -350]]);
  assert.deepEqual(figs('净流入为-2.3亿，'), [['-2.3亿', 'CARDINAL', -230000000]]);
  assert.deepEqual(figs('群众有三百零五。'), [['三百零五', 'CARDINAL', 305]]);
  assert.deepEqual(figs('数量为贰佰零捌，'), [['贰佰零捌', 'CARDINAL', 208]]);
  assert.deepEqual(figs('人口约1,260万。'), [['约1,260万', 'CARDINAL', 12600000, { mod: 'approx' }]]);
  assert.deepEqual(figs('指标由52.1回落至49.8。'), [['52.1', 'CARDINAL', 52.1], ['49.8', 'CARDINAL', 49.8]]);
  assert.deepEqual(figs('三分之二的受访者'), [['三分之二', 'CARDINAL', 0.6667]]);
  assert.deepEqual(figs('近二分之一的家庭'), [['近二分之一', 'CARDINAL', 0.5, { mod: 'less_than' }]]);
  assert.deepEqual(figs('约3/4的企业'), [['约3/4', 'CARDINAL', 0.75, { mod: 'approx' }]]);
  assert.deepEqual(figs('发病率为十万分之三'), [['十万分之三', 'CARDINAL', 0.00003]]);
  assert.deepEqual(figs('沪指收报3052.14点'), [['3052.14点', 'CARDINAL', 3052.14, { unit: '点' }]]);
});

test('not figures: numbers inside names, codes, models, identifiers and addresses', () => {
  for (const s of [
    '5G网络', 'G20峰会', 'PM2.5浓度', '3D打印', '波音737客机', '“十四五”规划', '十四五期间', '新冠变异株XBB.1.5',
    '“双11”期间', '“996”现象', '一所985高校', '拨打12345热线', '电话0571-87654321', '手机13812345678',
    '身份证号码330102198507163214', '住在8栋502室', '1203会议室', '贵州茅台（600519）', '股票代码为300750',
    '邮编310000', '18路公交车', '地铁4号线', '歼-20战机', '神舟十六号', '北斗三号', 'GB 2760-2014', '2.0T发动机',
    '2019赛季', '3、4月份', '1．衣着用品', '（1＋2）论文', '委托第三方机构', '9:00至17:00', '2024/05/20', '3至5年',
  ]) {
    assert.deepEqual(figs(s), [], s);
  }
});

test('MONEY: financial numerals, 角/分 and colloquial amounts, currency names before or after the amount', () => {
  assert.deepEqual(figs('叁仟零伍拾圆整'), [['叁仟零伍拾圆整', 'MONEY', 3050, { unit: 'CNY' }]]);
  assert.deepEqual(figs('捌佰元陆角'), [['捌佰元陆角', 'MONEY', 800.6, { unit: 'CNY' }]]);
  assert.deepEqual(figs('壹仟零贰拾元零伍分'), [['壹仟零贰拾元零伍分', 'MONEY', 1020.05, { unit: 'CNY' }]]);
  assert.deepEqual(figs('人民币壹万贰仟叁佰肆拾伍元陆角柒分'), [['人民币壹万贰仟叁佰肆拾伍元陆角柒分', 'MONEY', 12345.67, { unit: 'CNY' }]]);
  assert.deepEqual(figs('票价为五角八分'), [['五角八分', 'MONEY', 0.58, { unit: 'CNY' }]]);
  assert.deepEqual(figs('一碗面要三块五毛'), [['三块五毛', 'MONEY', 3.5, { unit: 'CNY' }]]);
  assert.deepEqual(figs('每斤三块五。'), [['三块五', 'MONEY', 3.5, { unit: 'CNY' }]]);
  assert.deepEqual(figs('卖二十块钱一捆'), [['二十块钱', 'MONEY', 20, { unit: 'CNY' }]]);
  assert.deepEqual(figs('门票要两百块。'), [['两百块', 'MONEY', 200, { unit: 'CNY' }]]);
  assert.deepEqual(figs('大米才一毛五。'), [['一毛五', 'MONEY', 0.15, { unit: 'CNY' }]]);
  assert.deepEqual(figs('电价上调了八分。'), [['八分', 'MONEY', 0.08, { unit: 'CNY' }]]);
  assert.deepEqual(figs('每分钟7.5美分'), [['7.5美分', 'MONEY', 0.075, { unit: 'USD' }]]);
  assert.deepEqual(figs('三块石头'), [['三块', 'CARDINAL', 3, { unit: '块' }]]);
  assert.deepEqual(figs('画一个三角形'), []);
  assert.deepEqual(figs('150澳门元'), [['150澳门元', 'MONEY', 150, { unit: 'MOP' }]]);
  assert.deepEqual(figs('5000亿韩元'), [['5000亿韩元', 'MONEY', 500000000000, { unit: 'KRW' }]]);
  assert.deepEqual(figs('5000美金'), [['5000美金', 'MONEY', 5000, { unit: 'USD' }]]);
  assert.deepEqual(figs('新台币9000亿元'), [['新台币9000亿元', 'MONEY', 900000000000, { unit: 'TWD' }]]);
  assert.deepEqual(figs('27470元新台币'), [['27470元新台币', 'MONEY', 27470, { unit: 'TWD' }]]);
  assert.deepEqual(figs('港币5亿元'), [['港币5亿元', 'MONEY', 500000000, { unit: 'HKD' }]]);
  assert.deepEqual(figs('金额为美元2.5亿。'), [['美元2.5亿', 'MONEY', 250000000, { unit: 'USD' }]]);
  assert.deepEqual(figs('4540亿里亚尔'), [['4540亿里亚尔', 'MONEY', 454000000000, { unit: 'SAR' }]]);
  assert.deepEqual(figs('欧元3日走低'), []);
});

test('ranges carry value and valueMax', () => {
  assert.deepEqual(figs('20%—30%'), [['20%—30%', 'PERCENT', 0.2, { valueMax: 0.3 }]]);
  assert.deepEqual(figs('3-5亿元'), [['3-5亿元', 'MONEY', 300000000, { unit: 'CNY', valueMax: 500000000 }]]);
  assert.deepEqual(figs('10万至20万吨'), [['10万至20万吨', 'QUANTITY', 100000, { unit: '吨', valueMax: 200000 }]]);
  assert.deepEqual(figs('三四十人'), [['三四十人', 'CARDINAL', 30, { unit: '人', valueMax: 40 }]]);
  assert.deepEqual(figs('3亿元至5亿元'), [['3亿元至5亿元', 'MONEY', 300000000, { unit: 'CNY', valueMax: 500000000 }]]);
});

test('not figures: dates, times, durations, slogans and ordinary words', () => {
  for (const s of [
    '2023年', '6月18日', '9时30分', '三年', '两个多小时', '3个月', '3至5年', '二〇二三年', '一些', '一起', '统一',
    '万一', '一直', '之一', '唯一', '一旦', '第一时间', '千亿园区', '百强县', '“十四五”规划', '一个问题', '一家企业',
    '数十人', '上百家', '半成品', '一成不变', '十分重要', '四川', '陆地', '一波三折', 'iPhone12', '维生素B12',
    '访问 http://x.cn/?q=30%25', '零部件', '两位数', '危机四伏', '百分之零点几',
    '《第二人生》', '08135期', '万吨级码头', '千亿元级产业',
  ]) {
    assert.deepEqual(figs(s), [], s);
  }
});

test('through analyze(): code-point offsets after astral characters and CRLF', () => {
  const text = '𠮷野家\r\n𪚥公司投资约60亿元，增长12.5%。';
  const { spans } = analyze(text, { groups: ['figures'] });
  const cp = [...text];
  assert.deepEqual(
    spans.map((s) => [s.start, s.end, s.label, s.text, s.value]),
    [
      [10, 15, 'MONEY', '约60亿元', 6000000000],
      [18, 23, 'PERCENT', '12.5%', 0.125],
    ],
  );
  for (const s of spans) assert.equal(cp.slice(s.start, s.end).join(''), s.text);
  assert.equal(spans[0].unit, 'CNY');
  assert.equal(spans[0].mod, 'approx');
});

test('odd input terminates and keeps figures around it', () => {
  assert.deepEqual(figs('型号c１２个'), []);
  assert.deepEqual(figs('\udfb7约60亿元\ud800'), [['约60亿元', 'MONEY', 6000000000, { unit: 'CNY', mod: 'approx' }]]);
  assert.deepEqual(figs(''), []);
  // Beyond the range of a double there is no value to normalise to: no span rather than Infinity.
  assert.deepEqual(recogniseFigures('9'.repeat(400) + '元'), []);
  assert.equal(recogniseFigures('9'.repeat(300) + '元')[0].value, 1e300);
  assert.equal(recogniseFigures('一'.repeat(5000) + '二三'.repeat(2000)).length, 0);
});

test('social-media shorthands, basis points, doubling and tech units (the wide set round)', () => {
  assert.deepEqual(figs('阅读量10W+。'), [['10W+', 'CARDINAL', 100000, { mod: 'more_than' }]]);
  assert.deepEqual(figs('粉丝1.2w。'), [['1.2w', 'CARDINAL', 12000]]);
  assert.deepEqual(figs('月薪8k左右'), [['8k左右', 'CARDINAL', 8000, { mod: 'approx' }]]);
  assert.deepEqual(figs('已有999+条留言'), [['999+条', 'CARDINAL', 999, { unit: '条', mod: 'more_than' }]]);
  // W alone after a number is a watt; 4K is a resolution; 1+1 is a sum.
  assert.deepEqual(figs('支持65W快充'), [['65W', 'QUANTITY', 65, { unit: 'W' }]]);
  assert.deepEqual(figs('4K电视'), []);
  assert.deepEqual(figs('降息25个基点'), [['25个基点', 'PERCENT', 0.0025, { unit: 'bp' }]]);
  assert.deepEqual(figs('经济总量翻了一番'), [['一番', 'CARDINAL', 1, { unit: '番' }]]);
  assert.deepEqual(figs('力争翻两番'), [['两番', 'CARDINAL', 2, { unit: '番' }]]);
  assert.deepEqual(figs('他把书看了一番'), []);
  assert.deepEqual(figs('内置5000mAh电池和6.7英寸屏幕'), [
    ['5000mAh', 'QUANTITY', 5000, { unit: 'mAh' }],
    ['6.7英寸', 'QUANTITY', 6.7, { unit: '英寸' }],
  ]);
  assert.deepEqual(figs('速度为350公里/小时'), [['350公里/小时', 'QUANTITY', 350, { unit: '公里/小时' }]]);
  assert.deepEqual(figs('浓度为32微克/立方米'), [['32微克/立方米', 'QUANTITY', 32, { unit: '微克/立方米' }]]);
  assert.deepEqual(figs('身高1米85的中锋'), [['1米85', 'QUANTITY', 1.85, { unit: '米' }]]);
  assert.deepEqual(figs('发生5.8级地震'), [['5.8级', 'QUANTITY', 5.8, { unit: '级' }]]);
  assert.deepEqual(figs('增长了百分之二十几'), [['百分之二十几', 'PERCENT', 0.2, { mod: 'approx' }]]);
});

test('not figures: scores, ratios, race times, model names spaced from Latin words, 人口 and 第N大', () => {
  assert.deepEqual(figs('主队以3比1战胜对手，上半场2:0，全场5∶0。'), []);
  assert.deepEqual(figs('她以12秒85的成绩夺冠'), []);
  assert.deepEqual(figs('成绩为32分57秒49。'), []);
  assert.deepEqual(figs('搭载骁龙8 Gen 3芯片'), []);
  assert.deepEqual(figs('世界500强'), []);
  assert.deepEqual(figs('拉科难取三分贝蒂斯'), []);
  assert.deepEqual(figs('全国有十几亿人口。'), []);
  assert.deepEqual(figs('12亿人口的国家'), [['12亿', 'CARDINAL', 1200000000]]);
  assert.deepEqual(figs('全球第二大经济体'), [['第二', 'ORDINAL', 2]]);
  assert.deepEqual(figs('第二台阶'), [['第二', 'ORDINAL', 2]]);
  assert.deepEqual(figs('第一台机器人'), [['第一台', 'ORDINAL', 1]]);
  // Counts of goals, decimal scores and 破 before an amount.
  assert.deepEqual(figs('本赛季他已打进18球'), [['18球', 'CARDINAL', 18, { unit: '球' }]]);
  assert.deepEqual(figs('以总分250.5分夺冠'), [['250.5分', 'CARDINAL', 250.5, { unit: '分' }]]);
  assert.deepEqual(figs('在线人数破百万。'), [['百万', 'CARDINAL', 1000000]]);
  // A number after a digit and a joiner continues a date or code; a hyphen after a numeral is not a minus.
  assert.deepEqual(figs('2018-10-26期节目'), []);
  assert.deepEqual(figs('客场2-0本菲卡'), []);
  assert.deepEqual(figs('信贷增量5万亿-5.3万亿余元'), [
    ['5万亿-5.3万亿余元', 'MONEY', 5e12, { unit: 'CNY', mod: 'more_than', valueMax: 5.3e12 }],
  ]);
});

test('a trillion written without a digit (万亿) is read like 千亿; magnitude words that are no amount stay out', () => {
  assert.deepEqual(figs('市值突破万亿元'), [['万亿元', 'MONEY', 1e12, { unit: 'CNY' }]]);
  assert.deepEqual(figs('外汇储备超万亿美元'), [['超万亿美元', 'MONEY', 1e12, { unit: 'USD', mod: 'more_than' }]]);
  assert.deepEqual(figs('产值突破万亿。'), [['万亿', 'CARDINAL', 1e12]]);
  assert.deepEqual(figs('规模达3万亿元'), [['3万亿元', 'MONEY', 3e12, { unit: 'CNY' }]]);
  for (const t of ['打造万亿级产业集群', '亿万人民', '万一出了问题', '千万不要大意']) assert.deepEqual(figs(t), [], t);
});
