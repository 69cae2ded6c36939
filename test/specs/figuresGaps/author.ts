// The figure gaps set of round 2's eighth session, written before the recogniser was changed for it: amounts written
// with a magnitude word and no digit before it (突破万亿元, 百亿美元, 千万元, 超万亿美元, 突破万亿), which a probe of
// common finance wording (sentences written for it, none from a test set) showed us reading for 千亿元 and 百亿元 but
// not for 万亿元; and the magnitude words that are no amount (万亿级 and 千亿园区 as class modifiers, as the README
// says; 百万雄师, 万一, 万众, 亿万, 千万 as an adverb, 百万富翁).
//
//   npx tsx test/specs/figuresGaps/author.ts     (rewrites dev.jsonl and test.jsonl beside this file)
//   npm run specs:figures-gaps [-- --verbose] [-- --part dev]
//
// Split fixed before any fix: a seeded shuffle within each class (seed 1209), half (rounded up) to dev. The test part
// is run once, after the fixes; `--verbose` lists dev failures only.
import { FigureCaseSet, cny } from '../figuresAuthoring';

const set = new FigureCaseSet();
const c = set.add.bind(set);
const usd = { unit: 'USD' };

// ---------------------------------------------------------------------------------------------------------------
set.cls = 'magnitude-word';
c('贵州茅台市值突破万亿元。', ['万亿元', 'MONEY', 1e12, cny()]);
c('今年全省固定资产投资有望达到万亿元。', ['万亿元', 'MONEY', 1e12, cny()]);
c('该行业年产值达千亿元。', ['千亿元', 'MONEY', 1e11, cny()]);
c('国家将设立百亿元专项基金。', ['百亿元', 'MONEY', 1e10, cny()]);
c('这家公司的估值已达百亿美元。', ['百亿美元', 'MONEY', 1e10, usd]);
c('全球市场规模将达万亿美元。', ['万亿美元', 'MONEY', 1e12, usd]);
c('两国贸易额首次突破千亿美元。', ['千亿美元', 'MONEY', 1e11, usd]);
c('他中了百万元大奖。', ['百万元', 'MONEY', 1e6, cny()]);
c('项目总投资达千万元。', ['千万元', 'MONEY', 1e7, cny()]);
c('全国网上零售额达到万亿元以上。', ['万亿元以上', 'MONEY', 1e12, cny({ mod: 'more_than' })]);
c('近万亿元的资金流入股市。', ['近万亿元', 'MONEY', 1e12, cny({ mod: 'less_than' })]);
c('外汇储备超万亿美元。', ['超万亿美元', 'MONEY', 1e12, { unit: 'USD', mod: 'more_than' }]);
c('该省地区生产总值迈上万亿元台阶。', ['万亿元', 'MONEY', 1e12, cny()]);
c('新能源汽车产业链产值突破万亿。', ['万亿', 'CARDINAL', 1e12]);

// ---------------------------------------------------------------------------------------------------------------
set.cls = 'magnitude-negative';
c('打造万亿级产业集群。');
c('千亿园区建设加快推进。');
c('百万雄师过大江。');
c('万一出了问题怎么办？');
c('万众一心，共克时艰。');
c('这是亿万人民的共同心愿。');
c('千万不要大意。');
c('百万富翁的生活并不轻松。');

// ---------------------------------------------------------------------------------------------------------------
set.write(__dirname, 1209);
