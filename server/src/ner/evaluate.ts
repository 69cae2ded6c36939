// npm run eval:ner -- [--model file] [--no-cluener]
// Entity-level P/R/F1 per type on the MSRA dev split (the sentences the model was not trained on: every Nth, as
// recorded in the model), the jieba-POS baseline on the same split, the same on CLUENER2020, and the CLUENER gap
// sorted into categories of convention vs error.
import * as path from 'path';
import { clueNerFile, clueNerLabel, msraFiles, readJsonl, splitDev } from './corpus';
import { EntityRecognizer } from './recognizer';
import { NerModel } from './model';
import { modelPath } from './entities';
import { formatScores, LabelledRange } from './scoring';
import { GAP_CATEGORIES, baselineRanges, clueNerGap, predictRanges, scoreSystem } from './evaluation';

function main(): void {
  const argv = process.argv.slice(2);
  let file = modelPath();
  let cluener = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') file = path.resolve(argv[++i] ?? '');
    else if (argv[i] === '--no-cluener') cluener = false;
    else throw new Error(`unknown option ${argv[i]} (options: --model FILE, --no-cluener)`);
  }
  const t0 = Date.now();
  const model = NerModel.load(file);
  console.log(`model ${path.relative(process.cwd(), file)} loaded in ${Date.now() - t0} ms; trained with ${JSON.stringify(model.data.meta)}`);
  const rec = new EntityRecognizer(model);
  const devEvery = Number(model.data.meta.devEvery ?? 20);
  const { dev } = splitDev(msraFiles().flatMap((f) => readJsonl(f)), devEvery);
  const devChars = dev.reduce((n, e) => n + [...e.text].length, 0);
  console.log(`\nMSRA dev split: every ${devEvery}th sentence of train-00..02, ${dev.length} sentences, ${devChars} chars\n`);
  console.log(formatScores('model (MSRA conventions, no post-rules):', scoreSystem(dev, (t) => predictRanges(rec, t, false)).report()));
  console.log(formatScores('model + guideline post-rules:', scoreSystem(dev, (t) => predictRanges(rec, t, true)).report()));
  let inTitles = 0;
  let goldTotal = 0;
  for (const ex of dev) {
    const cps = [...ex.text];
    const titles: [number, number][] = [];
    for (let i = 0, open = -1; i < cps.length; i++) {
      if (cps[i] === '《') open = i;
      else if (cps[i] === '》' && open >= 0) titles.push([open, i + 1]), (open = -1);
    }
    goldTotal += ex.entities.length;
    inTitles += ex.entities.filter(([s, e]) => titles.some(([a, b]) => s < b && a < e && !(s === a + 1 && e === b - 1))).length;
  }
  console.log(`  (MSRA labels names inside 《》, our guidelines do not: ${inTitles} of ${goldTotal} dev entities lie inside a 《》 title)`);
  console.log(formatScores('baseline: nodejieba POS (nr->PER, ns->LOC, nt->ORG):', scoreSystem(dev, (t) => baselineRanges(t)).report()));
  if (!cluener) return;

  const clue = readJsonl(clueNerFile());
  console.log(`\nCLUENER2020 train.jsonl: ${clue.length} sentences (Sina news); name->PER, company/government/organization->ORG`);
  const noLoc = (f: (t: string) => LabelledRange[]) => (t: string) => f(t).filter((r) => r.label !== 'LOC');
  const withAddress = clueNerLabel(true);
  const withoutAddress = clueNerLabel(false);
  console.log(formatScores('model + post-rules, PER and ORG only (address and predicted LOC left out):', scoreSystem(clue, noLoc((t) => predictRanges(rec, t, true)), withoutAddress).report()));
  console.log(formatScores('baseline, PER and ORG only:', scoreSystem(clue, noLoc((t) => baselineRanges(t)), withoutAddress).report()));
  console.log(formatScores('model + post-rules, address->LOC:', scoreSystem(clue, (t) => predictRanges(rec, t, true), withAddress).report()));
  console.log(formatScores('model, no post-rules, address->LOC:', scoreSystem(clue, (t) => predictRanges(rec, t, false), withAddress).report()));
  console.log(formatScores('baseline, address->LOC:', scoreSystem(clue, (t) => baselineRanges(t), withAddress).report()));

  const gap = clueNerGap(clue, (t) => predictRanges(rec, t, true), withAddress);
  let convention = 0;
  let error = 0;
  console.log('\nCLUENER mismatches (model + post-rules, address->LOC), by category:');
  for (const [k, n] of gap) {
    const c = GAP_CATEGORIES[k];
    if (c.convention) convention += n;
    else error += n;
    console.log(`  ${k.padEnd(20)} ${String(n).padStart(6)}  ${c.convention ? 'convention' : 'error     '}  ${c.description}`);
  }
  const total = convention + error;
  console.log(`  convention ${convention} (${((100 * convention) / total).toFixed(1)}%), error ${error} (${((100 * error) / total).toFixed(1)}%) of ${total} mismatches`);
}

try {
  main();
} catch (e) {
  console.error(`eval:ner: ${(e as Error).message}`);
  process.exit(1);
}
