// Runs Microsoft Recognizers-Text's Chinese Number / Percent / Currency / Dimension specs through our recognisers and
// through @microsoft/recognizers-text-suite, with one comparison for both, including the cases marked NotSupported.
//
//   npm run specs:figures [-- --verbose]
//
// Specs are read from ../shared/data/specs/recognizers-text-zh/Specs (override the shared folder with
// NEWS_ANNOTATOR_SHARED). Our output is mapped to the spec's shape (bare numbers from findNumbers; PERCENT, MONEY and
// QUANTITY spans from recogniseFigures; unit names translated to the spec's English names); inputs are never
// special-cased. Where the spec's conventions differ from our guidelines the case counts as a failure.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { findNumbers } from '../../server/src/core/numerals';
import { recogniseFigures } from '../../server/src/core/figures';

interface SpecResult {
  Text: string;
  Start: number;
  End: number;
  Resolution?: { value?: string | null; unit?: string; isoCurrency?: string } | null;
}
interface SpecCase {
  Input: string;
  NotSupported?: string;
  NotSupportedByDesign?: string;
  Results: SpecResult[];
}

/** One recognised item in the spec's terms: End inclusive, value numeric (percent as a fraction). */
interface Item {
  text: string;
  start: number;
  end: number;
  value: number | null;
  unit?: string;
  iso?: string;
}

type ModelName = 'Number' | 'Percent' | 'Currency' | 'Dimension';

const repoRoot = path.resolve(__dirname, '..', '..');
const shared = process.env.NEWS_ANNOTATOR_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const specRoot = path.join(shared, 'data', 'specs', 'recognizers-text-zh', 'Specs');
const SPEC_FILES: Record<ModelName, string> = {
  Number: 'Number/Chinese/NumberModel.json',
  Percent: 'Number/Chinese/PercentModel.json',
  Currency: 'NumberWithUnit/Chinese/CurrencyModel.json',
  Dimension: 'NumberWithUnit/Chinese/DimensionModel.json',
};

// ---- translation of our names to the spec's names (no input is looked at) -----------------------------------

const CURRENCY_NAMES: Record<string, string> = {
  CNY: 'Chinese yuan', USD: 'United States dollar', EUR: 'Euro', HKD: 'Hong Kong dollar', JPY: 'Japanese yen',
  GBP: 'British pound', KRW: 'South Korean won', RUB: 'Russian ruble', AUD: 'Australian dollar',
  CAD: 'Canadian dollar', TWD: 'New Taiwan dollar', CHF: 'Swiss franc', SGD: 'Singapore dollar', THB: 'Thai baht',
  INR: 'Indian rupee', NGN: 'Nigerian naira', MYR: 'Malaysian ringgit', ZAR: 'South African rand',
  VND: 'Vietnamese dong', BRL: 'Brazilian real', MOP: 'Macanese pataca', NZD: 'New Zealand dollar',
  TRY: 'Turkish lira', SEK: 'Swedish krona', NOK: 'Norwegian krone', DKK: 'Danish krone', BTC: 'Bitcoin',
};
/** Codes we use that are not ISO 4217 (the spec gives no isoCurrency for them). */
const NON_ISO = new Set(['BTC']);
const DIMENSION_NAMES: Record<string, string> = {
  '亩': 'Mu', '公顷': 'Hectare', '平方公里': 'Square kilometer', '平方千米': 'Square kilometer', '平方米': 'Square meter',
  '平米': 'Square meter', '立方米': 'Cubic meter', '千米': 'Kilometer', '公里': 'Kilometer', 'km': 'Kilometer',
  '米': 'Meter', 'm': 'Meter', '厘米': 'Centimeter', '公分': 'Centimeter', 'cm': 'Centimeter', '毫米': 'Millimeter',
  'mm': 'Millimeter', '微米': 'Micrometer', '纳米': 'Nanometer', '英里': 'Mile', '海里': 'Nautical mile', '英尺': 'Foot',
  '千克': 'Kilogram', '公斤': 'Kilogram', 'kg': 'Kilogram', '克': 'Gram', '毫克': 'Milligram', '微克': 'Microgram',
  '斤': 'Jin', '吨': 'Ton', '公吨': 'Metric ton', '升': 'Liter', '毫升': 'Milliliter', '千瓦': 'Kilowatt', 'kw': 'Kilowatt',
  '兆瓦': 'Megawatt', 'mw': 'Megawatt', '吉瓦': 'Gigawatt', 'gw': 'Gigawatt', '瓦': 'Watt', '千瓦时': 'Kilowatt hour',
  'kwh': 'Kilowatt hour', '赫兹': 'Hertz', '兆赫兹': 'Megahertz', '兆赫': 'Megahertz', '千赫': 'Kilohertz', '比特': 'Bit',
  '千比特': 'Kilobit', '字节': 'Byte', '千字节': 'Kilobyte', '兆字节': 'Megabyte', 'mb': 'Megabyte', 'gb': 'Gigabyte',
  '千卡': 'Kilocalorie', '马力': 'Horsepower', '千伏': 'Kilovolt', '伏': 'Volt', '桶': 'Barrel',
};

// ---- our side -------------------------------------------------------------------------------------------------

function ours(model: ModelName, input: string): Item[] {
  if (model === 'Number') {
    return findNumbers(input).map((n) => ({ text: input.slice(n.start, n.end), start: n.start, end: n.end - 1, value: n.value }));
  }
  const label = model === 'Percent' ? 'PERCENT' : model === 'Currency' ? 'MONEY' : 'QUANTITY';
  return recogniseFigures(input)
    .filter((f) => f.label === label)
    .map((f) => {
      const item: Item = { text: input.slice(f.start, f.end), start: f.start, end: f.end - 1, value: f.value ?? null };
      if (model === 'Currency' && f.unit) {
        item.unit = CURRENCY_NAMES[f.unit] ?? f.unit;
        if (!NON_ISO.has(f.unit)) item.iso = f.unit;
      }
      if (model === 'Dimension' && f.unit) item.unit = DIMENSION_NAMES[f.unit.toLowerCase()] ?? f.unit;
      return item;
    });
}

// ---- the library's side ---------------------------------------------------------------------------------------

const LIBRARY: Record<ModelName, (q: string, c: string) => any[]> = {
  Number: Recognizers.recognizeNumber,
  Percent: Recognizers.recognizePercentage,
  Currency: Recognizers.recognizeCurrency,
  Dimension: Recognizers.recognizeDimension,
};

function library(model: ModelName, input: string): Item[] {
  return LIBRARY[model](input, Recognizers.Culture.Chinese).map((r: any) => ({
    text: r.text,
    start: r.start,
    end: r.end,
    value: parseSpecValue(r.resolution?.value),
    unit: r.resolution?.unit,
    iso: r.resolution?.isoCurrency,
  }));
}

// ---- one comparison for both ----------------------------------------------------------------------------------

function parseSpecValue(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  if (s.endsWith('%')) return Number(s.slice(0, -1)) / 100;
  return Number(s);
}

function normText(s: string): string {
  return s.normalize('NFKC').toLowerCase().trim();
}

function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

type FailureClass = 'missed' | 'spurious' | 'boundary' | 'value' | 'unit';

/** undefined when `got` matches the spec's expected results; otherwise the class of the first difference. */
function compare(expected: SpecResult[], got: Item[]): FailureClass | undefined {
  const sorted = [...got].sort((a, b) => a.start - b.start);
  if (sorted.length < expected.length) {
    const anyOverlap = expected.some((e) => sorted.some((g) => g.start <= e.End && e.Start <= g.end));
    return anyOverlap && sorted.length > 0 ? 'boundary' : 'missed';
  }
  if (sorted.length > expected.length) {
    const overlaps = sorted.filter((g) => expected.some((e) => g.start <= e.End && e.Start <= g.end)).length;
    return overlaps > expected.length || expected.length === 0 ? 'spurious' : 'spurious';
  }
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k];
    const g = sorted[k];
    if (e.Start !== g.start || e.End !== g.end || normText(e.Text) !== normText(g.text)) return 'boundary';
    const res = e.Resolution ?? {};
    if (!sameValue(parseSpecValue(res.value), g.value)) return 'value';
    if (res.unit !== undefined && res.unit !== g.unit) return 'unit';
    if (res.isoCurrency !== g.iso && (res.isoCurrency !== undefined || g.iso !== undefined)) return 'unit';
  }
  return undefined;
}

function show(items: Item[]): string {
  return items.map((g) => `${g.text}[${g.start},${g.end}]=${g.value}${g.unit ? ' ' + g.unit : ''}${g.iso ? ' ' + g.iso : ''}`).join(' | ') || '(nothing)';
}
function showExpected(rs: SpecResult[]): string {
  return rs.map((r) => `${r.Text}[${r.Start},${r.End}]=${r.Resolution?.value ?? null}${r.Resolution?.unit ? ' ' + r.Resolution.unit : ''}${r.Resolution?.isoCurrency ? ' ' + r.Resolution.isoCurrency : ''}`).join(' | ') || '(nothing)';
}

function main(): void {
  const verbose = process.argv.includes('--verbose');
  if (!fs.existsSync(specRoot)) {
    console.error(`Spec folder not found: ${specRoot} (set NEWS_ANNOTATOR_SHARED to the shared folder).`);
    process.exit(2);
  }
  console.log(`Recognizers-Text Chinese specs from ${specRoot}, NotSupported cases included.`);
  console.log('model       cases  ours              library');
  for (const model of Object.keys(SPEC_FILES) as ModelName[]) {
    const cases: SpecCase[] = JSON.parse(fs.readFileSync(path.join(specRoot, SPEC_FILES[model]), 'utf8').replace(/^\uFEFF/, ''));
    let oursPass = 0;
    let libPass = 0;
    const failures = new Map<FailureClass, string[]>();
    for (const c of cases) {
      const mine = ours(model, c.Input);
      const cls = compare(c.Results, mine);
      if (!cls) oursPass++;
      else {
        const list = failures.get(cls) ?? [];
        list.push(`${c.NotSupported ? '[NotSupported] ' : ''}${JSON.stringify(c.Input)}\n      want ${showExpected(c.Results)}\n      ours ${show(mine)}`);
        failures.set(cls, list);
      }
      let theirs: Item[];
      try {
        theirs = library(model, c.Input);
      } catch {
        theirs = [];
      }
      if (!compare(c.Results, theirs)) libPass++;
    }
    const pct = (k: number) => `${k}/${cases.length} (${((100 * k) / cases.length).toFixed(1)}%)`;
    console.log(`${model.padEnd(11)} ${String(cases.length).padStart(5)}  ${pct(oursPass).padEnd(17)} ${pct(libPass)}`);
    if (verbose) {
      for (const [cls, list] of failures) {
        console.log(`  ${model} failures: ${cls} (${list.length})`);
        for (const f of list) console.log('    ' + f);
      }
    }
  }
}

main();
